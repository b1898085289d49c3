"""What the class page says about a class, computed from the reports: who needs attention, who got each hint,
who did not pass each case, and how long each exercise took (no HTML here)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from tfgrade.results import Report

TROUBLE_OUTCOMES = ("timeout", "crashed", "out-of-memory")  # the sandbox stopped the student's code
INTERNAL_ERROR = "internal grader error"  # a case the grader itself could not decide (CaseResult.grader_error)
STATUS_MEANING = {
    "no-files": "no .py or .ipynb file in the student's folder",
    "grader-error": "an internal grader error: the grade is not the student's doing",
    "refused-link": "a link out of the student's folder was not followed (it may point at the reference)",
}


def sandbox(report: Report) -> dict:
    """The sandbox record of a report (environment.sandbox), or an empty dict."""
    record = report.environment.get("sandbox")
    return record if isinstance(record, dict) else {}


NO_SANDBOX = "–"  # the report has no sandbox record: no student code ran (e.g. no files)


def sandbox_mode(report: Report) -> str:
    """root, root-without-cap-sys-admin, user or unsandboxed; NO_SANDBOX when the report has no record."""
    return str(sandbox(report).get("mode") or NO_SANDBOX)


def unsandboxed(report: Report) -> bool:
    """True when the instructor graded this report with --unsandboxed."""
    return bool(sandbox(report).get("unsandboxed"))


def trouble_counts(report: Report) -> Counter:
    """How many cases ended in each kind of trouble: timeout, crashed, out-of-memory, internal grader error."""
    return Counter(INTERNAL_ERROR if c.grader_error else c.outcome.value
                   for c in report.cases if c.outcome in TROUBLE_OUTCOMES or c.grader_error)


def problems(report: Report) -> list[str]:
    """Why a student needs the instructor's attention, one reason a line (empty when nothing went wrong)."""
    reasons = []
    if report.status != "ok":
        meaning = STATUS_MEANING.get(report.status)
        reasons.append(f"status {report.status}" + (f": {meaning}" if meaning else ""))
    where: dict[str, list[str]] = {}
    for case in report.cases:
        kind = INTERNAL_ERROR if case.grader_error else case.outcome.value if case.outcome in TROUBLE_OUTCOMES \
            else None
        if kind:
            where.setdefault(kind, []).append(f"{case.exercise}: {case.name}")
    for kind, cases in where.items():
        shown = "; ".join(cases[:3]) + (f"; and {len(cases) - 3} more" if len(cases) > 3 else "")
        reasons.append(f"{kind} in {len(cases)} case{'s' if len(cases) > 1 else ''} ({shown})")
    return reasons


def needs_attention(reports: list[Report]) -> list[tuple[Report, list[str]]]:
    """Every student whose grading hit trouble or whose status is not ok, with the reasons, in report order."""
    return [(r, found) for r in reports if (found := problems(r))]


def hint_students(reports: list[Report]) -> list[tuple[str, list[str]]]:
    """(hint id, students who got it), most frequent first, then by hint id."""
    who: dict[str, list[str]] = {}
    for report in reports:
        for hint in report.hints():
            who.setdefault(hint, []).append(report.student)
    return sorted(who.items(), key=lambda item: (-len(item[1]), item[0]))


@dataclass
class CaseSummary:
    """One grader case across the class: how many passed, and who did not (with their outcome)."""

    exercise: str
    name: str
    total: int = 0
    passed: int = 0
    not_passed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0


def case_summaries(reports: list[Report]) -> list[CaseSummary]:
    """Every case in the order the reports list them."""
    cases: dict[tuple[str, str], CaseSummary] = {}
    for report in reports:
        for case in report.cases:
            summary = cases.setdefault((case.exercise, case.name), CaseSummary(case.exercise, case.name))
            summary.total += 1
            if case.outcome == "passed":
                summary.passed += 1
            else:
                summary.not_passed.append((report.student, case.outcome))
    return list(cases.values())


@dataclass
class ExerciseTiming:
    """Seconds one exercise took to grade, over the students who have it."""

    exercise: str
    students: int
    median: float
    slowest: float
    slowest_student: str


def exercise_timings(reports: list[Report], exercises: list[str]) -> list[ExerciseTiming]:
    """Median and slowest grading time per exercise (report.timing[exercise], seconds)."""
    timings = []
    for exercise in exercises:
        seconds = [(float(r.timing[exercise]), r.student) for r in reports
                   if isinstance(r.timing.get(exercise), (int, float))]
        if seconds:
            slowest, student = max(seconds, key=lambda pair: pair[0])
            timings.append(ExerciseTiming(exercise, len(seconds), statistics.median(s for s, _ in seconds),
                                          slowest, student))
    return timings


def class_max(reports: list[Report], exercises: list[str]) -> float:
    """The most points any student could earn: each exercise's largest maximum, summed."""
    return round(sum(max((r.exercise_score(e)[1] for r in reports), default=0.0) for e in exercises), 4)
