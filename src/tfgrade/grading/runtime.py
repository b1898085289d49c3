"""The one case runtime: which cases may run, the fixtures they get, and the result each one earns.

`tfgrade grade` (the sandbox, grading/runner.py), nbgrader's test cells (nbgrader/cells.py) and plain
pytest (graders/conftest.py) all run cases through ExerciseRun, so prerequisites, the rule that stops
an exercise after two timeouts, per-case seconds and structural hints are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tfgrade.grading.api import DEFAULT_CASE_SECONDS, Case, Figures
from tfgrade.grading.loading import Grader
from tfgrade.grading.margins import recording
from tfgrade.grading.static import static_hints
from tfgrade.grading.verdicts import Verdict, run_case_function, sentences
from tfgrade.results import CaseResult, Outcome
from tfgrade.source.submission import StudentFile, Submission

TIMEOUTS_PER_EXERCISE = 2


@dataclass
class SourceView:
    """The `source` fixture: the student's text, for static checks in the trusted process; `locate(line)` says
    where a line of it is for the student ('line 7', or 'cell 3, line 2' in a notebook)."""

    text: str
    display: str
    locate: Callable[[int], str] = field(default=lambda line: f"line {line}")


def source_view(student_file: StudentFile) -> SourceView:
    """The `source` fixture of a student's file."""
    return SourceView(student_file.text.text, student_file.display, student_file.text.locate)


def result(grader: Grader, item: Case, verdict: Verdict, plots: list[dict[str, Any]] | None = None,
           margins: list[dict[str, Any]] | None = None) -> CaseResult:
    """The CaseResult of a case with this verdict."""
    info = item.info
    return CaseResult(grader.exercise, info.title, info.hidden, info.points if verdict.outcome == "passed" else 0,
                      info.points, verdict.outcome, verdict.message, verdict.hints, item.id, plots or [],
                      verdict.grader_error, verdict.traceback, margins or [])


@dataclass
class ExerciseRun:
    """One exercise of one submission, case after case: `fixtures` holds `student`, `reference` and `source`
    (a fresh `figures` is added per case)."""

    grader: Grader
    submission: Submission
    fixtures: dict[str, Any]
    timeouts_allowed: int = TIMEOUTS_PER_EXERCISE
    seconds_cap: float | None = None
    results: list[CaseResult] = field(default_factory=list)

    def __post_init__(self) -> None:
        source = self.fixtures.get("source")
        self.structural = static_hints(source.text) if source is not None else []

    def held_back(self, item: Case) -> CaseResult | None:
        """The result of a case that must not run (a prerequisite has not passed, or the exercise already
        timed out twice); None when it may run."""
        titles = {c.id: c.info.title for c in self.grader.cases}
        passed = {r.case_id for r in self.results if r.outcome == Outcome.PASSED}
        missing = [n for n in item.info.needs if n in titles and n not in passed]
        if missing:
            reason = ", ".join(f"'{titles[n]}'" for n in missing)
            return result(self.grader, item, Verdict(Outcome.SKIPPED, f"skipped: needs {reason} to pass first"))
        timeouts = sum(r.outcome == Outcome.TIMEOUT for r in self.results)
        if timeouts >= self.timeouts_allowed:
            return result(self.grader, item, Verdict(
                Outcome.TIMEOUT, f"not run: {timeouts} earlier checks of this exercise timed out", ["timeout"]))
        return None

    def seconds(self, item: Case) -> float:
        """The case's time budget in the sandbox."""
        seconds = item.info.seconds or DEFAULT_CASE_SECONDS
        return min(seconds, self.seconds_cap) if self.seconds_cap else seconds

    def run(self, item: Case) -> CaseResult:
        """Decide one case (or hold it back) and remember its result for the cases after it."""
        done = self.held_back(item)
        if done is None:
            student = self.fixtures.get("student")
            if student is not None:
                student.seconds = self.seconds(item)
            figures = Figures()
            with recording() as margins:
                verdict = run_case_function(item.function, {**self.fixtures, "figures": figures}, self.submission,
                                            self.grader.exercise, self.grader.expected_names)
            if verdict.outcome != Outcome.PASSED and not verdict.grader_error:
                for hint, explanation in self.structural:
                    if hint not in verdict.hints:
                        verdict.hints.append(hint)
                        verdict.message = sentences(verdict.message, explanation)
            done = result(self.grader, item, verdict, figures.items, margins)
        self.results.append(done)
        return done
