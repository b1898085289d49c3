"""What each proof must show, as lists of problems (empty: proven). `tfgrade audit` and the repository's own
tests/graders/test_proofs.py both judge with these functions."""

from __future__ import annotations

from typing import Any

from tfgrade.results import CaseResult, Outcome, Report

MARGIN_WARNING = 0.2  # warn when the reference lands within 20% of a case's limit


def explain(report: Report) -> list[str]:
    """One line per case that did not pass: outcome, title, hints, the start of its message."""
    return [f"{c.outcome} {c.name}: {c.hints} {c.message[:300]}" for c in report.cases if c.outcome != "passed"]


def _grader_errors(report: Report) -> list[str]:
    return [f"grader error in {c.case_id}: {c.message}" for c in report.grader_errors]


def reference_problems(report: Report) -> list[str]:
    """The reference must earn full marks, with no hint."""
    problems = _grader_errors(report)
    if report.score != report.max_score or not report.cases:
        problems.append(f"the reference earns {report.score:g} of {report.max_score:g}: " + "; ".join(explain(report)))
    if report.hints():
        problems.append(f"the reference is given hints {report.hints()}")
    return problems


def stub_problems(report: Report) -> list[str]:
    """The unchanged stub must earn zero, every case failed or skipped (no crash, no timeout), `stub-unchanged`."""
    problems = _grader_errors(report)
    if report.score != 0:
        problems.append(f"the unchanged stub earns {report.score:g} of {report.max_score:g}")
    crashed = [f"{c.outcome} {c.case_id}" for c in report.cases if c.outcome not in (Outcome.FAILED, Outcome.SKIPPED)]
    if crashed:
        problems.append(f"the stub is not failed cleanly: {', '.join(crashed)}")
    if "stub-unchanged" not in report.hints():
        problems.append(f"the stub is not named `stub-unchanged` (hints: {report.hints()})")
    return problems


def mutant_caught_problems(report: Report, hint: str) -> list[str]:
    """A mutant must lose points and carry its hint id."""
    problems = _grader_errors(report)
    if report.score >= report.max_score:
        problems.append(f"earns full marks ({report.score:g}): no case catches it")
    elif hint not in report.hints():
        problems.append(f"loses points but is not given `{hint}` (hints: {report.hints()})")
    return problems


def extra_hint_problems(report: Report, hint: str, also: set[str] = frozenset()) -> list[str]:
    """A mutant must carry no hint but its own and those declared as the same symptom (also-expected.txt)."""
    extra = set(report.hints()) - {hint} - set(also)
    return [f"also given {sorted(extra)}, which a student would read as other mistakes"] if extra else []


def mutant_problems(report: Report, hint: str, also: set[str] = frozenset()) -> list[str]:
    """A mutant must lose points and carry exactly its hint id (plus the ids declared as the same symptom)."""
    return mutant_caught_problems(report, hint) + extra_hint_problems(report, hint, also)


def correct_problems(report: Report) -> list[str]:
    """A correct variant must earn full marks with no hint at all."""
    problems = _grader_errors(report)
    if report.score != report.max_score:
        problems.append(f"earns {report.score:g} of {report.max_score:g}: " + "; ".join(explain(report)))
    if report.hints():
        problems.append(f"is given hints {report.hints()}")
    return problems


def _verdict(case: CaseResult) -> tuple[Any, ...]:
    return case.case_id, str(case.outcome), case.points, tuple(case.hints)


def flaky_cases(first: Report, second: Report) -> list[str]:
    """Cases whose verdict (outcome, points, hints) differs between two gradings of the same files."""
    a, b = {c.case_id: _verdict(c) for c in first.cases}, {c.case_id: _verdict(c) for c in second.cases}
    return sorted(case for case in a.keys() | b.keys() if a.get(case) != b.get(case))


def killing_cases(reference: Report, mutant: Report) -> list[str]:
    """The cases the reference passes and the mutant fails (a case skipped for a failed prerequisite does not
    count: its prerequisite killed the mutant)."""
    passed = {c.case_id for c in reference.cases if c.outcome == Outcome.PASSED}
    return [c.case_id for c in mutant.cases
            if c.case_id in passed and c.outcome not in (Outcome.PASSED, Outcome.SKIPPED)]


def margins(report: Report) -> list[dict[str, Any]]:
    """Every margin the reference's cases recorded, each with `warn` when it is narrow or a seed failed."""
    found = []
    for case in report.cases:
        for item in case.margins:
            seeds_short = item.get("of") is not None and item.get("passed") is not None and item["passed"] < item["of"]
            found.append({"case_id": case.case_id, **item, "warn": item["room"] < MARGIN_WARNING or seeds_short})
    return found
