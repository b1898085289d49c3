"""feedback.md: what a student reads."""

from __future__ import annotations

from tfgrade.hints import sentence
from tfgrade.results import Report

MARKS = {"passed": "✓", "skipped": "–"}


def feedback_markdown(report: Report) -> str:
    """Per exercise: score, each case with points and message, and the hints with their fixes."""
    lines = [f"# Feedback for {report.student}", "",
             f"**Score: {report.score:g} / {report.max_score:g}**", ""]
    for exercise in report.exercises():
        earned, possible = report.exercise_score(exercise)
        lines += [f"## {exercise} — {earned:g} / {possible:g}", ""]
        hints: list[str] = []
        for case in (c for c in report.cases if c.exercise == exercise):
            mark = MARKS.get(case.outcome, "✗")
            label = " (hidden)" if case.hidden else ""
            outcome = "" if case.outcome in ("passed", "failed") else f" [{case.outcome}]"
            lines.append(f"- {mark} {case.name}{label} — {case.points:g}/{case.max_points:g}{outcome}")
            if case.message:
                lines.append(f"  - {case.message}")
            hints += [h for h in case.hints if h not in hints]
        if hints:
            lines += ["", "**What to fix:**"]
            lines += [f"- `{h}`: {sentence(h)}" for h in hints]
        if report.notes.get(exercise):
            lines += ["", "<details><summary>Demo code that was not run (information, no penalty)</summary>", ""]
            lines += [f"- {note}" for note in report.notes[exercise]]
            lines += ["", "</details>"]
        lines.append("")
    if report.notes.get("submission"):
        lines += ["## Notes", ""] + [f"- {n}" for n in report.notes["submission"]] + [""]
    return "\n".join(lines)
