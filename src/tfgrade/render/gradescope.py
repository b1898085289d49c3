"""results.json in Gradescope's autograder format (gradescope-autograders.readthedocs.io, "Output format")."""

from __future__ import annotations

from typing import Any

from tfgrade.hints import sentence
from tfgrade.results import CaseResult, Report

HIDDEN_VISIBILITY = "after_published"  # shown once the instructor publishes grades; "hidden" would never show


def _case_output(case: CaseResult) -> str:
    """Markdown: the outcome and points, the message verbatim (fenced), each hint with its fix."""
    points = f"{case.points:g} / {case.max_points:g} point{'' if case.max_points == 1 else 's'}"
    parts = [f"**{case.outcome}** · {points}" + (" · hidden case" if case.hidden else "")]
    if case.message.strip():
        parts.append("```text\n" + case.message.strip().replace("```", "'''") + "\n```")
    parts += [f"**Hint `{h}`**: {sentence(h)}" for h in case.hints]
    return "\n\n".join(parts)


def _summary(report: Report) -> str:
    lines = [f"**{report.score:g} / {report.max_score:g} points**", "", "| exercise | points |", "| --- | --- |"]
    for exercise in report.exercises():
        earned, possible = report.exercise_score(exercise)
        lines.append(f"| `{exercise}` | {earned:g} / {possible:g} |")
    if any(c.hidden for c in report.cases):
        lines += ["", "Hidden cases are shown, with their points, once grades are published."]
    return "\n".join(lines)


def gradescope_results(report: Report) -> dict[str, Any]:
    """Public cases visible at once; hidden ones after grades are published. Messages and hints go in each
    test's `output` (markdown), the per-exercise summary in the top-level `output`."""
    tests = []
    for case in report.cases:
        tests.append({"name": f"{case.exercise}: {case.name}", "name_format": "text", "score": case.points,
                      "max_score": case.max_points, "status": "passed" if case.outcome == "passed" else "failed",
                      "output": _case_output(case), "output_format": "md",
                      "visibility": HIDDEN_VISIBILITY if case.hidden else "visible",
                      "tags": [case.exercise, case.outcome, *case.hints]})
    return {"score": report.score, "output": _summary(report), "output_format": "md",
            "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}
