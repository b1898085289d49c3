"""results.json in Gradescope's autograder format."""

from __future__ import annotations

from typing import Any

from tfgrade.hints import sentence
from tfgrade.results import Report


def gradescope_results(report: Report) -> dict[str, Any]:
    """Hidden cases are shown after grades are published; public ones at once."""
    tests = []
    for case in report.cases:
        output = case.message
        if case.hints:
            output += "\n" + "\n".join(f"[{h}] {sentence(h)}" for h in case.hints)
        tests.append({"name": f"{case.exercise}: {case.name}", "score": case.points,
                      "max_score": case.max_points, "status": "passed" if case.outcome == "passed" else "failed",
                      "output": output.strip(), "visibility": "after_published" if case.hidden else "visible",
                      "tags": [case.exercise, case.outcome, *case.hints]})
    return {"score": report.score, "output": f"{report.score:g} / {report.max_score:g} points",
            "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}
