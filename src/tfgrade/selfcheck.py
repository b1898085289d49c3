"""`tfgrade check`: a student's own files against the public cases."""

from __future__ import annotations

from pathlib import Path

from tfgrade.course import find_course
from tfgrade.results import Report
from tfgrade.source.submission import load_submission


def default_path() -> Path:
    """./exercises when it exists, else the current folder."""
    return Path("exercises") if Path("exercises").is_dir() else Path(".")


def run_check(exercises: list[str] | None = None, path: Path | None = None, *, device: str = "cpu",
              color: bool = False, echo: bool = True, html: Path | None = None) -> Report:
    """Run the public cases on the student's files; print the result (and write HTML); return the report."""
    from tfgrade.engine import Engine
    from tfgrade.render.terminal import terminal_report

    folder = Path(path) if path else default_path()
    if not folder.is_dir():
        raise FileNotFoundError(f"folder not found: {folder}")
    engine = Engine(find_course(), exercises=exercises or None, device=device, public_only=True)
    report = engine.grade(load_submission(folder, student="you"))
    if echo:
        print(terminal_report(report, color=color))
    if html is not None:
        from tfgrade.render.html import feedback_html

        Path(html).write_text(feedback_html(report), encoding="utf-8")
        if echo:
            print(f"feedback with plots: {Path(html).resolve()}")
    return report
