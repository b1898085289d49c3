"""nbgrader's folder layout (`submitted/<student>/<assignment>/`) and its gradebook CSV (`nbgrader export`)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from tfgrade.results import Report
from tfgrade.source.safe_files import read_one

# The columns of `nbgrader export` (nbgrader.plugins.export.CsvExportPlugin), in its order.
COLUMNS = ("assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
           "raw_score", "late_submission_penalty", "score", "max_score")


@dataclass(frozen=True)
class NbgraderLayout:
    """A class folder laid out by nbgrader: assignment folders inside each student's folder."""

    submitted: Path
    assignments: dict[str, tuple[str, ...]]  # assignment -> its exercises (notebook names)


def course_submitted_folder(folder: Path) -> Path | None:
    """`COURSE/submitted` when `folder` is an nbgrader course root (nbgrader_config.py beside submitted/)."""
    folder = Path(folder)
    if (folder / "nbgrader_config.py").is_file() and (folder / "submitted").is_dir():
        return folder / "submitted"
    return None


def detect_layout(class_dir: Path) -> NbgraderLayout | None:
    """The assignments of an nbgrader `submitted/` folder, or None for a plain class folder.

    nbgrader writes `timestamp.txt` into every submitted assignment folder; the exercises of an
    assignment are the notebooks of `source/<assignment>/` when the course is beside, else every
    notebook name students submitted in that assignment.
    """
    class_dir = Path(class_dir)
    stamped = sorted(class_dir.glob("*/*/timestamp.txt"))
    if not stamped and not (class_dir.name == "submitted" and (class_dir.parent / "nbgrader_config.py").is_file()):
        return None
    names = sorted({p.name for p in class_dir.glob("*/*") if p.is_dir() and not p.name.startswith(".")})
    assignments = {}
    for name in names:
        source = class_dir.parent / "source" / name
        notebooks = source.glob("*.ipynb") if source.is_dir() else class_dir.glob(f"*/{name}/*.ipynb")
        assignments[name] = tuple(sorted({p.stem for p in notebooks}))
    return NbgraderLayout(class_dir, assignments)


def only_assignment(layout: NbgraderLayout, assignment: str | None) -> NbgraderLayout:
    """The layout restricted to one assignment (all of them when `assignment` is None)."""
    if assignment is None:
        return layout
    return NbgraderLayout(layout.submitted, {k: v for k, v in layout.assignments.items() if k == assignment})


def _timestamp(folder: Path) -> str:
    """nbgrader's timestamp.txt, read like any student file (a link out of the student's folder, a pipe or a
    file over 1 KiB gives no timestamp)."""
    stamp = read_one(folder / "timestamp.txt", folder.parent, "timestamp.txt", cap=1024)
    return stamp.data.decode("utf-8", errors="replace").strip() if stamp and stamp.data is not None else ""


def nbgrader_csv(reports: list[Report], layout: NbgraderLayout) -> str:
    """One row per assignment and student, as `nbgrader export` writes them; no late penalty is applied."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for assignment, exercises in layout.assignments.items():
        for report in sorted(reports, key=lambda r: r.student):
            graded = [e for e in exercises if e in report.exercises()]
            earned = sum(report.exercise_score(e)[0] for e in graded)
            possible = sum(report.exercise_score(e)[1] for e in graded)
            folder = layout.submitted / report.student / assignment
            timestamp = _timestamp(folder) if folder.is_dir() else ""
            writer.writerow([assignment, "", timestamp, report.student, "", "", "",
                             float(earned), 0.0, float(earned), float(possible)])
    return out.getvalue()
