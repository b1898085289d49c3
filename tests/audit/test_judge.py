"""What each proof must show, judged from reports."""

from __future__ import annotations

from tfgrade.audit import judge
from tfgrade.grading.margins import margin, recording
from tfgrade.results import CaseResult, Report


def _report(*cases):
    return Report("x", [CaseResult("tiny", f"case {i}", False, points, 2, outcome, "msg", list(hints), f"test_{i}")
                        for i, (points, outcome, hints) in enumerate(cases)])


FULL = _report((2, "passed", ()), (2, "passed", ()))


def test_reference_and_correct_variants_need_full_marks_and_no_hint():
    assert judge.reference_problems(FULL) == judge.correct_problems(FULL) == []
    half = _report((2, "passed", ()), (0, "failed", ("no-bias",)))
    assert "earns 2 of 4" in judge.reference_problems(half)[0]
    assert judge.correct_problems(half)[1] == "is given hints ['no-bias']"


def test_stub_needs_zero_clean_failures_and_its_hint():
    assert judge.stub_problems(_report((0, "failed", ("stub-unchanged",)), (0, "skipped", ()))) == []
    problems = judge.stub_problems(_report((0, "crashed", ("crashed",)), (2, "passed", ())))
    assert problems == ["the unchanged stub earns 2 of 4",
                        "the stub is not failed cleanly: crashed test_0, passed test_1",
                        "the stub is not named `stub-unchanged` (hints: ['crashed'])"]


def test_mutants_lose_points_with_exactly_their_hint():
    caught = _report((2, "passed", ()), (0, "failed", ("no-bias", "missing-name")))
    assert judge.mutant_caught_problems(caught, "no-bias") == []
    assert judge.extra_hint_problems(caught, "no-bias") == [
        "also given ['missing-name'], which a student would read as other mistakes"]
    assert judge.mutant_problems(caught, "no-bias", {"missing-name"}) == []
    assert judge.mutant_problems(FULL, "no-bias") == ["earns full marks (4): no case catches it"]
    assert "is not given `bias-shape`" in judge.mutant_problems(caught, "bias-shape", {"no-bias", "missing-name"})[0]


def test_flaky_and_killing_cases():
    other = _report((2, "passed", ()), (0, "failed", ("no-bias",)))
    assert judge.flaky_cases(FULL, FULL) == [] and judge.flaky_cases(FULL, other) == ["test_1"]
    assert judge.killing_cases(FULL, other) == ["test_1"]
    assert judge.killing_cases(FULL, _report((0, "failed", ()), (0, "skipped", ()))) == ["test_0"]


def test_margins_are_recorded_only_inside_a_case_and_warn_when_narrow():
    margin("ignored", 1.0, 2.0)  # outside a case: nothing to record into
    with recording() as items:
        margin("|w - w*|", 0.002, 0.03)
        margin("accuracy", 0.95, 0.9, below=False, passed=5, of=5)
        margin("seeds", 4, 3, below=False, passed=4, of=5)
    report = _report((2, "passed", ()))
    report.cases[0].margins = items
    found = judge.margins(report)
    assert [round(m["room"], 3) for m in found] == [0.933, 0.056, 0.333]
    assert [m["warn"] for m in found] == [False, True, True]  # too close; a seed failed
    assert "margins" not in report.cases[0].to_dict()  # for the audit only, never in report.json
