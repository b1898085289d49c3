"""The gradebook database: what is saved comes back, exercises are replaced one by one, status and notes."""

from __future__ import annotations

import sqlite3

import pytest

from tfgrade.results import CaseResult, Report
from tfgrade.store import NOT_GRADED, Gradebook, GradebookError


def _report(student, exercises, status="ok", points=1.0):
    cases = [CaseResult(e, f"{e} case {n}", n == 1, points, 1.0, "passed" if points else "failed", "msg",
                        ["hint-a"] if not points else [], f"test_{n}", [{"kind": "lines", "title": "t", "x": [0.5]}])
             for e in exercises for n in range(2)]
    timing = {e: 0.5 for e in exercises} | {"probe_seconds": {e: 0.25 for e in exercises}, "seconds": 1.0}
    return Report(student, cases, {"tensorflow": "x"}, {exercises[0]: ["skipped a print"], "submission": ["n"]},
                  status, timing)


def test_saved_report_comes_back(tmp_path):
    with Gradebook(tmp_path) as gradebook:
        report = _report("ada", ["b_ex", "a_ex"])
        gradebook.save(report, "digest1", {"b_ex": (1, "g1"), "a_ex": (2, "g2")})
        back = gradebook.report("ada")
        assert [c.to_dict() for c in back.cases] == [c.to_dict() for c in report.cases]
        assert back.notes == report.notes and back.environment == report.environment and back.status == "ok"
        assert back.timing["probe_seconds"] == {"b_ex": 0.25, "a_ex": 0.25} and back.timing["seconds"] == 1.0
        assert gradebook.exercises() == ["b_ex", "a_ex"], "course order (position), not alphabetical"
        assert gradebook.graded() == {("ada", "b_ex"): ("digest1", "g1"), ("ada", "a_ex"): ("digest1", "g2")}
        assert gradebook.check() == "ok"


def test_one_exercise_is_replaced_and_the_rest_kept(tmp_path):
    with Gradebook(tmp_path) as gradebook:
        gradebook.save(_report("ada", ["a_ex", "b_ex"]), "d1", {"a_ex": (1, "g"), "b_ex": (2, "g")})
        gradebook.save(_report("ada", ["b_ex"], points=0.0), "d2", {"b_ex": (2, "g")})
        back = gradebook.report("ada")
        assert back.exercise_score("a_ex") == (2.0, 2.0) and back.exercise_score("b_ex") == (0.0, 2.0)
        assert gradebook.graded()[("ada", "b_ex")] == ("d2", "g")


def test_a_submission_that_could_not_be_graded_is_tried_again(tmp_path):
    with Gradebook(tmp_path) as gradebook:
        gradebook.save(_report("ada", ["a_ex"], status="error: boom", points=0.0), "d", {"a_ex": (1, NOT_GRADED)})
        assert gradebook.report("ada").status == "error: boom"
        assert gradebook.graded()[("ada", "a_ex")] == ("d", NOT_GRADED)
    with Gradebook(tmp_path) as again:  # the file persists across connections
        assert again.students() == ["ada"]


def test_not_a_database_is_a_clear_error(tmp_path):
    (tmp_path / "gradebook.sqlite").write_text("not sqlite at all, " * 100)
    with pytest.raises(GradebookError, match="not a tfgrade gradebook"):
        Gradebook(tmp_path)


def test_a_failed_save_leaves_nothing_half_written(tmp_path):
    with Gradebook(tmp_path) as gradebook:
        gradebook.save(_report("ada", ["a_ex"]), "d1", {"a_ex": (1, "g")})
        broken = _report("ada", ["a_ex"], points=0.0)
        broken.cases[1].hints = [object()]  # not JSON: the save fails half-way through its rows
        with pytest.raises(TypeError):
            gradebook.save(broken, "d2", {"a_ex": (1, "g")})
        assert gradebook.report("ada").score == 2.0 and gradebook.graded()[("ada", "a_ex")] == ("d1", "g")
    assert sqlite3.connect(tmp_path / "gradebook.sqlite").execute("PRAGMA journal_mode").fetchone()[0] == "wal"
