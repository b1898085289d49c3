"""nbgrader's folder layout and the gradebook CSV in `nbgrader export`'s columns."""

from __future__ import annotations

import csv
import io

import pytest

from tfgrade.nbgrader.gradebook import COLUMNS, course_submitted_folder, detect_layout, nbgrader_csv
from tfgrade.results import CaseResult, Report
from tfgrade.source.submission import ClassFolderError, load_class


def _submitted(root, students=("ada", "ben"), assignment="ps1"):
    for student in students:
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True)
        (folder / "simple_dense.ipynb").write_text("{}")
        (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC\n")
    return root / "submitted"


def _report(student, scores):
    return Report(student, [CaseResult(exercise, "case", False, earned, 10, "passed" if earned == 10 else "failed")
                            for exercise, earned in scores.items()])


def test_plain_class_folder_is_not_nbgrader(tmp_path):
    (tmp_path / "class" / "ada").mkdir(parents=True)
    assert detect_layout(tmp_path / "class") is None
    assert course_submitted_folder(tmp_path / "class") is None


def test_layout_takes_exercises_from_source_when_beside(tmp_path):
    submitted = _submitted(tmp_path)
    assert detect_layout(submitted).assignments == {"ps1": ("simple_dense",)}
    (tmp_path / "nbgrader_config.py").write_text("")
    (tmp_path / "source" / "ps1").mkdir(parents=True)
    for name in ("simple_dense", "xor_net"):
        (tmp_path / "source" / "ps1" / f"{name}.ipynb").write_text("{}")
    assert detect_layout(submitted).assignments == {"ps1": ("simple_dense", "xor_net")}
    assert course_submitted_folder(tmp_path) == submitted


def test_csv_has_nbgrader_columns_and_assignment_scores(tmp_path):
    submitted = _submitted(tmp_path, students=("ada",))
    (submitted / "ben").mkdir()  # ben handed nothing in
    layout = detect_layout(submitted)
    layout = type(layout)(layout.submitted, {"ps1": ("simple_dense", "xor_net")})
    reports = [_report("ada", {"simple_dense": 10, "xor_net": 4, "gradients": 10}),
               _report("ben", {"simple_dense": 0, "xor_net": 0, "gradients": 0})]
    rows = list(csv.DictReader(io.StringIO(nbgrader_csv(reports, layout))))
    assert tuple(rows[0]) == COLUMNS
    expected = {"assignment": "ps1", "student_id": "ada", "raw_score": "14.0", "score": "14.0", "max_score": "20.0",
                "late_submission_penalty": "0.0", "timestamp": "2026-11-20 12:00:00.000000 UTC"}
    assert {key: rows[0][key] for key in expected} == expected
    assert (rows[1]["student_id"], rows[1]["score"], rows[1]["timestamp"]) == ("ben", "0.0", "")


def test_load_class_reads_one_assignment_per_student(tmp_path):
    submitted = _submitted(tmp_path)
    (submitted / "ada" / "ps2").mkdir()
    (submitted / "ada" / "ps2" / "xor_net.py").write_text("x = 1\n")
    submissions = load_class(submitted, subfolder="ps1")
    assert [s.student for s in submissions] == ["ada", "ben"]
    assert [s.folder for s in submissions] == [submitted / "ada", submitted / "ben"]
    assert list(submissions[0].files) == ["simple_dense"]
    with pytest.raises(ClassFolderError, match="ps9"):
        load_class(submitted, subfolder="ps9")


def test_timestamp_linked_out_of_the_student_folder_is_not_read(tmp_path):
    submitted = _submitted(tmp_path, students=("ada", "ben"))
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-7e1 not for the gradebook\n")
    stamp = submitted / "ben" / "ps1" / "timestamp.txt"
    stamp.unlink()
    stamp.symlink_to(secret)
    reports = [_report("ada", {"simple_dense": 10}), _report("ben", {"simple_dense": 10})]
    text = nbgrader_csv(reports, detect_layout(submitted))
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert "MARKER-7e1" not in text and rows["ben"]["timestamp"] == ""
    assert rows["ada"]["timestamp"] == "2026-11-20 12:00:00.000000 UTC"
