"""The files of OUT/ (formats.md): prepared once, written atomically, rendered from the gradebook database."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from tfgrade.render.gradebook import gradebook_csv
from tfgrade.render.gradescope import gradescope_results
from tfgrade.render.html import feedback_html, index_html
from tfgrade.render.markdown import feedback_markdown
from tfgrade.render.similarity_part import load_record as load_similarity
from tfgrade.render.similarity_part import write_files as write_similarity_files
from tfgrade.results import Report
from tfgrade.runs import load_run
from tfgrade.store import Gradebook


class OutputFolderError(OSError):
    """OUT cannot be created or written."""


def prepare_output(out: Path) -> Path:
    """Create OUT if needed and prove it is writable, with a clear message if not."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise OutputFolderError(f"cannot write to output folder {out}: {exc.strerror or exc}") from None
    return out.resolve()


def write_atomically(path: Path, text: str) -> None:
    """Write a file so readers never see half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def write_student(out: Path, report: Report) -> None:
    """report.json, feedback.md, feedback.html and results.json for one student."""
    folder = out / report.student
    write_atomically(folder / "report.json", json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    write_atomically(folder / "feedback.md", feedback_markdown(report))
    write_atomically(folder / "feedback.html", feedback_html(report))
    write_atomically(folder / "results.json", json.dumps(gradescope_results(report), indent=2) + "\n")


def render_class(out: Path, gradebook: Gradebook, *, students: bool = False) -> list[Report]:
    """gradebook.csv, index.html, similarity.html and .json (as the last `tfgrade grade` stored them) and (for
    nbgrader's layout) nbgrader-grades.csv from the database; with `students`, every student's files too.
    Returns the reports."""
    from tfgrade.nbgrader.gradebook import detect_layout, nbgrader_csv, only_assignment

    reports = gradebook.reports()
    if students:
        for report in reports:
            write_student(out, report)
    write_atomically(out / "gradebook.csv", gradebook_csv(reports, gradebook.exercises()))
    write_similarity_files(out, gradebook)
    write_atomically(out / "index.html", index_html(reports, gradebook.exercises(), load_run(gradebook),
                                                    load_similarity(gradebook)))
    class_dir = gradebook.meta("class_dir")
    layout = detect_layout(Path(class_dir)) if class_dir and Path(class_dir).is_dir() else None
    if layout is not None:
        layout = only_assignment(layout, gradebook.meta("assignment") or None)
        write_atomically(out / "nbgrader-grades.csv", nbgrader_csv(reports, layout))
    return reports
