"""What the class page computes: who needs attention and why, who got each hint or failed each case, timings."""

from __future__ import annotations

import statistics

from tfgrade.render import class_summary as summary
from tfgrade.results import CaseResult, Report


def _case(exercise, outcome, points=0.0, message="", hints=()):
    grader_error = message.startswith("internal grader error")
    return CaseResult(exercise, f"{exercise} {outcome}", False, points, 1.0, outcome, message, list(hints),
                      grader_error=grader_error)


def _class() -> list[Report]:
    return [
        Report("ada", [_case("gradients", "passed", 1), _case("xor_net", "passed", 1)], {"sandbox": {"mode": "root"}},
               {}, "ok", {"gradients": 0.3, "xor_net": 2.0}),
        Report("ben", [_case("gradients", "failed", hints=["tape-not-watched"]), _case("xor_net", "timeout"),
                       _case("xor_net", "timeout")], {}, {}, "ok", {"gradients": 0.5, "xor_net": 9.0}),
        Report("cy", [_case("gradients", "crashed"), _case("xor_net", "out-of-memory", hints=["tape-not-watched"])],
               {"sandbox": {"mode": "user", "unsandboxed": True}}, {}, "ok", {"gradients": 0.4}),
        Report("dee", [_case("gradients", "error", message="internal grader error (KeyError: 'w'); tell your "
                             "instructor"), _case("xor_net", "error", message="NameError: tf")], {}, {},
               "grader-error", {"gradients": 0.1, "xor_net": 1.0}),
        Report("eve", [_case("gradients", "error", message="no files")], {}, {}, "no-files", {}),
        Report("fay", [_case("gradients", "passed", 1)], {}, {}, "refused-link", {"gradients": 0.2}),
    ]


def test_attention_names_every_kind_of_trouble_and_any_status_but_ok():
    reports = _class()
    flagged = {r.student: reasons for r, reasons in summary.needs_attention(reports)}
    assert set(flagged) == {"ben", "cy", "dee", "eve", "fay"}, "ada's grading went well"
    assert flagged["ben"] == ["timeout in 2 cases (xor_net: xor_net timeout; xor_net: xor_net timeout)"]
    assert {r.split(" in ")[0] for r in flagged["cy"]} == {"crashed", "out-of-memory"}
    assert flagged["dee"][0].startswith("status grader-error")
    assert "internal grader error in 1 case" in flagged["dee"][1]
    assert not any("NameError" in r for r in flagged["dee"]), "the student's own error is not the grader's"
    assert flagged["eve"][0].startswith("status no-files") and flagged["fay"][0].startswith("status refused-link")
    odd = Report("gus", [_case("gradients", "passed", 1)], {}, {}, "some-new-status", {})
    assert summary.problems(odd) == ["status some-new-status"]
    assert summary.trouble_counts(reports[1]) == {"timeout": 2}


def test_hints_and_failed_cases_list_their_students():
    reports = _class()
    assert summary.hint_students(reports) == [("tape-not-watched", ["ben", "cy"])]
    cases = {(c.exercise, c.name): c for c in summary.case_summaries(reports)}
    gradients = cases["gradients", "gradients passed"]
    assert (gradients.total, gradients.passed) == (2, 2) and gradients.rate == 1.0
    assert cases["xor_net", "xor_net timeout"].not_passed == [("ben", "timeout"), ("ben", "timeout")]


def test_timings_and_sandbox():
    reports = _class()
    timings = {t.exercise: t for t in summary.exercise_timings(reports, ["gradients", "xor_net", "persistence"])}
    assert set(timings) == {"gradients", "xor_net"}, "an exercise nobody has is left out"
    assert timings["gradients"].median == statistics.median([0.3, 0.5, 0.4, 0.1, 0.2])
    xor = timings["xor_net"]
    assert (xor.slowest, xor.slowest_student, xor.students) == (9.0, "ben", 3)
    assert [summary.sandbox_mode(r) for r in reports[:3]] == ["root", summary.NO_SANDBOX, "user"]
    assert [summary.unsandboxed(r) for r in reports[:3]] == [False, False, True]
    assert summary.class_max(reports, ["gradients", "xor_net"]) == 3.0  # ben's two xor_net cases
