"""`tfgrade export`: the gradebook as a grade-import CSV for Canvas or Moodle, or a plain CSV (docs/class-page.md).

Canvas: the layout its Gradebook import reads (canvas-lms lib/gradebook_importer.rb): a header `Student, ID,
SIS User ID, SIS Login ID, Section, <assignment>`, an optional `Points Possible` row, one row per student; a student
is matched by ID, else SIS User ID, else SIS Login ID, else name. Moodle: a CSV for its "Import grades: CSV file"
(Moodle 4.x docs, Grade import), whose columns are mapped on import: `ID number` (map it to useridnumber, or to
username or useremail), `<assignment>`. Only grades the grader decided are exported; the others are named.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from tfgrade.render.class_summary import class_max
from tfgrade.results import Report
from tfgrade.store import Gradebook

FORMATS = ("canvas", "moodle", "csv")
EXPORTED_STATUSES = ("ok", "no-files", "refused-link")  # grades the grader decided (no files: 0 points)
CANVAS_STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_POINTS_ROW = "Points Possible"
MOODLE_ID_COLUMN = "ID number"
DEFAULT_ASSIGNMENT = "tfgrade"


@dataclass
class Export:
    """The CSV text, how many students it grades, and who was left out (student, why)."""

    text: str
    students: int
    left_out: list[tuple[str, str]] = field(default_factory=list)


def decided(report: Report) -> str | None:
    """None when the grade is the grader's decision; otherwise why it must not go into the LMS."""
    if report.status not in EXPORTED_STATUSES:
        return f"status {report.status}"
    if report.grader_errors:
        return "an internal grader error"
    return None


def _compact(value: float) -> str:
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def export_grades(reports: list[Report], exercises: list[str], fmt: str, *, assignment: str = DEFAULT_ASSIGNMENT,
                  max_points: float | None = None) -> Export:
    """The import file for `fmt` (canvas, moodle or csv); points scaled so the class maximum is `max_points`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if max_points is not None and max_points <= 0:
        raise ValueError("--max-points must be more than 0")
    maximum = class_max(reports, exercises)
    scale = max_points / maximum if max_points and maximum else 1.0
    possible = max_points if max_points else maximum
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if fmt == "canvas":
        writer.writerow([*CANVAS_STUDENT_COLUMNS, assignment])
        writer.writerow([CANVAS_POINTS_ROW, "", "", "", "", _compact(possible)])
    elif fmt == "moodle":
        writer.writerow([MOODLE_ID_COLUMN, assignment])
    else:
        writer.writerow(["student", *exercises, "total", "max_total", "status"])
    left_out, rows = [], 0
    for report in sorted(reports, key=lambda r: r.student):
        why = decided(report)
        if why is not None:
            left_out.append((report.student, why))
        points = report.score * scale
        if fmt == "csv":  # every student, with the status that says whether the points count
            scores = [_compact(report.exercise_score(e)[0] * scale) if e in report.exercises() else ""
                      for e in exercises]
            writer.writerow([report.student, *scores, _compact(points), _compact(possible), report.status])
        elif why is not None:
            continue  # left out: an empty cell could clear a grade already in the LMS
        elif fmt == "canvas":
            writer.writerow([report.student, "", report.student, report.student, "", _compact(points)])
        else:
            writer.writerow([report.student, f"{round(points, 2):.2f}"])
        rows += 1
    return Export(out.getvalue(), rows, left_out)


def write_export(out: Path, fmt: str, *, assignment: str | None = None, max_points: float | None = None,
                 path: Path | None = None) -> tuple[Path, Export]:
    """Export OUT's gradebook to `path` (default OUT/<fmt>-grades.csv); the assignment defaults to the one graded."""
    from tfgrade.outputs import write_atomically
    from tfgrade.store import DB_NAME

    out = Path(out)
    if not (out / DB_NAME).is_file():
        raise FileNotFoundError(f"no {DB_NAME} in {out}: grade a class into it first")
    with Gradebook(out) as gradebook:
        reports, exercises = gradebook.reports(), gradebook.exercises()
        assignment = assignment or gradebook.meta("assignment") or DEFAULT_ASSIGNMENT
    export = export_grades(reports, exercises, fmt, assignment=assignment, max_points=max_points)
    target = Path(path) if path else out / f"{fmt}-grades.csv"
    write_atomically(target, export.text)
    return target, export
