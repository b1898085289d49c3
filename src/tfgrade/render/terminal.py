"""What `tfgrade check` prints."""

from __future__ import annotations

from tfgrade.hints import sentence
from tfgrade.results import Report


def terminal_report(report: Report, color: bool = False) -> str:
    """Per case ✓/✗ with points, message and hint; a summary line at the end."""
    green, red, dim, reset = ("\033[32m", "\033[31m", "\033[2m", "\033[0m") if color else ("", "", "", "")
    lines: list[str] = []
    for exercise in report.exercises():
        earned, possible = report.exercise_score(exercise)
        lines.append(f"{exercise}  {earned:g}/{possible:g}")
        for case in (c for c in report.cases if c.exercise == exercise):
            if case.outcome == "passed":
                mark = f"{green}✓{reset}"
            elif case.outcome == "skipped":
                mark = f"{dim}–{reset}"
            else:
                mark = f"{red}✗{reset}"
            tag = "" if case.outcome in ("passed", "failed") else f" [{case.outcome}]"
            lines.append(f"  {mark} {case.name} ({case.points:g}/{case.max_points:g}){tag}")
            if case.message:
                lines.append(f"      {case.message}")
            for hint in case.hints:
                lines.append(f"      hint [{hint}]: {sentence(hint)}")
        for note in report.notes.get(exercise, []):
            lines.append(f"  {dim}note: {note}{reset}")
    passed = sum(c.outcome == "passed" for c in report.cases)
    lines.append(f"{passed} of {len(report.cases)} checks passed, {report.score:g}/{report.max_score:g} points")
    return "\n".join(lines)
