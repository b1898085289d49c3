"""The one case runtime: prerequisites, the two-timeouts rule, grader errors, messages, structural hints."""

from __future__ import annotations

import json
import textwrap

import pytest

from tfgrade.grading.loading import load_grader
from tfgrade.grading.runtime import ExerciseRun, SourceView
from tfgrade.results import Outcome, Report
from tfgrade.sandbox.session import SandboxFailure
from tfgrade.source.submission import Submission

GRADER = textwrap.dedent('''\
    from tfgrade.grading import case, expect, fail, probe

    POSITION = 1


    @probe
    def value(mod):
        return mod.f()


    @case("first", points=1)
    def test_first(student):
        expect(student.run(value) == 1, "f() should be 1")
        return "f() is 1"


    @case("second", points=2, needs=test_first)
    def test_second(student):
        student.run(value)


    @case("third", points=3, hidden=True)
    def test_third(student):
        student.run(value)


    @case("broken", points=4)
    def test_broken(student):
        return {}["missing"]
    ''')


class FakeStudent:
    """Answers probes with the values (or sandbox failures) it was given."""

    def __init__(self, *answers):
        self.answers, self.seconds = list(answers), None

    def run(self, probe, **kwargs):
        answer = self.answers.pop(0)
        if isinstance(answer, SandboxFailure):
            raise answer
        return answer


@pytest.fixture
def grader(tmp_path):
    path = tmp_path / "test_thing.py"
    path.write_text(GRADER)
    return load_grader(path, private=[tmp_path / "private"])


def _run(grader, student, text="def f():\n    return 1\n"):
    fixtures = {"student": student, "reference": None, "source": SourceView(text, "thing.py")}
    return ExerciseRun(grader, Submission("ada", None, {}), fixtures)


def test_a_passing_case_keeps_the_string_it_returns_as_its_message(grader):
    run = _run(grader, FakeStudent(1))
    result = run.run(grader.case("test_first"))
    assert (result.outcome, result.points, result.message) == (Outcome.PASSED, 1, "f() is 1")


def test_a_case_whose_prerequisite_failed_is_skipped(grader):
    run = _run(grader, FakeStudent(2))
    assert run.run(grader.case("test_first")).outcome == "failed"
    skipped = run.run(grader.case("test_second"))
    assert skipped.outcome == Outcome.SKIPPED and skipped.message == "skipped: needs 'first' to pass first"


def test_after_two_timeouts_the_exercise_stops(grader):
    timeout = SandboxFailure("timeout", "ran past its 60 s budget")
    run = _run(grader, FakeStudent(timeout, timeout))
    outcomes = [run.run(grader.case(c)).outcome for c in ("test_first", "test_third", "test_broken")]
    assert outcomes == [Outcome.TIMEOUT] * 3
    assert run.results[-1].message == "not run: 2 earlier checks of this exercise timed out"


def test_a_grader_bug_is_flagged_with_its_traceback_for_the_instructor_only(grader):
    result = _run(grader, FakeStudent()).run(grader.case("test_broken"))
    assert result.outcome == Outcome.ERROR and result.grader_error
    assert result.message == "internal grader error (KeyError); tell your instructor"
    assert "KeyError: 'missing'" in result.traceback and "test_thing.py" in result.traceback
    report = Report("ada", [result])
    assert "traceback" not in json.dumps(report.to_dict()) and report.grader_errors == [result]


def test_structural_hints_join_a_failure_as_a_sentence(grader):
    text = "def f():\n    return 2\n\ndef call(self, x):\n    return x\n"
    result = _run(grader, FakeStudent(2), text).run(grader.case("test_first"))
    assert result.hints == ["method-outside-class"]
    assert result.message == ("f() should be 1. This method sits outside the class, at module level: `call` "
                              "(line 4); indent it into the class body.")
