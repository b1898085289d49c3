"""`tfgrade export`: the grade-import CSVs match examples written from Canvas's and Moodle's documentation."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tfgrade.cli import main
from tfgrade.render.lms import export_grades, write_export
from tfgrade.results import CaseResult, Report
from tfgrade.store import Gradebook

EXAMPLES = Path(__file__).parent / "lms_examples"
EXERCISES = ["gradients", "linear_classifier"]
POINTS = {"ada": (10, 10), "ben": (7, 10), "José Núñez": (4.5, 0), "Lee, Kim": (10, 5), "eve": (0, 0), "gil": (3, 0)}


def _report(student: str) -> Report:
    cases = []
    for exercise, points in zip(EXERCISES, POINTS[student], strict=True):
        cases.append(CaseResult(exercise, "public", False, min(points, 4), 4, "passed" if points >= 4 else "failed"))
        hidden = points - min(points, 4)
        outcome = "passed" if hidden == 6 else "failed"
        message = "internal grader error (KeyError: 'x'); tell your instructor" if student == "gil" and points == 0 \
            else ""
        cases.append(CaseResult(exercise, "hidden", True, hidden, 6, "error" if message else outcome, message,
                                grader_error=bool(message)))
    status = {"eve": "no-files", "gil": "grader-error"}.get(student, "ok")
    return Report(student, cases, {}, {}, status, {})


@pytest.fixture
def out(tmp_path):
    with Gradebook(tmp_path) as gradebook:
        for student in POINTS:
            gradebook.save(_report(student), "digest", {e: (i, "grader") for i, e in enumerate(EXERCISES)})
    return tmp_path


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_canvas_file_matches_the_example_and_the_importers_layout(out):
    path, export = write_export(out, "canvas", assignment="Lab 3 (4711)", max_points=100)
    rows = _rows(path.read_text(encoding="utf-8"))
    assert rows == _rows((EXAMPLES / "canvas.csv").read_text(encoding="utf-8"))
    # what canvas-lms lib/gradebook_importer.rb checks: "Student" then "ID", SIS User ID and SIS Login ID, the last
    # student column "Section"; a row whose first cell holds "Points Possible"; assignment "Title (id)"
    header = rows[0]
    assert "Student" in header[0] and "ID" in header[1] and header[2:5] == ["SIS User ID", "SIS Login ID", "Section"]
    assert "Points Possible" in rows[1][0] and rows[1][5] == "100"
    assert all(len(row) == len(header) for row in rows)
    assert export.students == 5 and [s for s, _ in export.left_out] == ["gil"]


def test_moodle_file_matches_the_example(out):
    path, export = write_export(out, "moodle", assignment="Lab 3", max_points=100)
    rows = _rows(path.read_text(encoding="utf-8"))
    assert rows == _rows((EXAMPLES / "moodle.csv").read_text(encoding="utf-8"))
    assert all(len(row) == len(rows[0]) for row in rows), "Moodle refuses rows with another number of columns"
    assert "gil" not in {row[0] for row in rows} and export.left_out == [("gil", "status grader-error")]


def test_plain_csv_keeps_every_student_and_unscaled_points(out):
    path, _ = write_export(out, "csv")
    assert _rows(path.read_text(encoding="utf-8")) == _rows((EXAMPLES / "plain.csv").read_text(encoding="utf-8"))


def test_points_scale_to_the_lms_maximum():
    reports = [_report(s) for s in POINTS]
    for maximum in (None, 10, 37.5):
        rows = _rows(export_grades(reports, EXERCISES, "canvas", max_points=maximum).text)
        assert rows[1][5] == f"{maximum or 20:g}"
        got = {row[0]: float(row[5]) for row in rows[2:]}
        assert got == {s: round(sum(POINTS[s]) * (maximum or 20) / 20, 2) for s in POINTS if s != "gil"}


def test_a_grade_the_grader_did_not_decide_is_never_exported():
    broken = _report("ada")
    broken.cases[1].outcome = "error"
    broken.cases[1].message = "internal grader error (ValueError); tell your instructor"
    broken.cases[1].grader_error = True
    odd = Report("zed", _report("ben").cases, {}, {}, "error: could not be graded (OSError: disk full)", {})
    export = export_grades([broken, odd, _report("ben")], EXERCISES, "moodle")
    assert [row[0] for row in _rows(export.text)] == ["ID number", "ben"]
    assert [s for s, _ in export.left_out] == ["ada", "zed"]


def test_export_command(out, capsys, tmp_path):
    target = tmp_path / "lms" / "grades.csv"
    assert main(["export", str(out), "--format", "canvas", "--assignment", "Lab 3 (4711)", "--max-points", "100",
                 "--out", str(target)]) == 0
    assert _rows(target.read_text(encoding="utf-8")) == _rows((EXAMPLES / "canvas.csv").read_text(encoding="utf-8"))
    printed = capsys.readouterr()
    assert "5 student(s)" in printed.out and "not exported: gil" in printed.err
    assert main(["export", str(out), "--format", "moodle"]) == 0
    assert _rows((out / "moodle-grades.csv").read_text(encoding="utf-8"))[0] == ["ID number", "tfgrade"]
    assert main(["export", str(out), "--format", "csv", "--max-points", "0"]) == 2
    assert "--max-points" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "nothing"), "--format", "csv"]) == 2
    assert "no gradebook.sqlite" in capsys.readouterr().err
