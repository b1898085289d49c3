"""The command line: clear errors for bad input, check for students, grade for instructors."""

import csv
import json
import os
import shutil

import pytest

from tfgrade.cli import main


def test_grade_missing_class_folder(tmp_path, capsys):
    assert main(["grade", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "class folder not found" in capsys.readouterr().err


def test_grade_empty_class_folder(tmp_path, capsys):
    (tmp_path / "class").mkdir()
    assert main(["grade", str(tmp_path / "class"), "--out", str(tmp_path / "out")]) == 2
    assert "no student folders" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_grade_unwritable_out(tmp_path, capsys, student_dir):
    folder = student_dir({"simple_dense.py": "x = 1\n"})
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert main(["grade", str(folder.parent), "--out", str(locked / "out")]) == 2
    assert "cannot write to output folder" in capsys.readouterr().err


def test_grade_out_is_a_file(tmp_path, capsys, student_dir):
    folder = student_dir({"simple_dense.py": "x = 1\n"})
    (tmp_path / "file").write_text("x")
    assert main(["grade", str(folder.parent), "--out", str(tmp_path / "file")]) == 2
    assert "cannot write to output folder" in capsys.readouterr().err


@pytest.mark.slow
def test_grade_writes_every_output(tmp_path, course, capsys):
    out = tmp_path / "out"
    classroom = tmp_path / "class"
    shutil.copytree(course.root / "sample_class", classroom)
    assert main(["grade", str(classroom), "--out", str(out), "--workers", "2"]) == 0
    printed = capsys.readouterr().out
    assert "student" in printed and "ada" in printed
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert "5 students" in (out / "index.html").read_text()
    assert list(rows) == ["ada", "ben", "cleo", "dev", "eve"]
    exercises = ["simple_dense", "my_sequential", "linear_classifier", "tls_regression", "xor_net"]
    graders = len(list((course.graders_dir).glob("test_*.py")))
    assert all(rows["ada"][e] == "10" for e in exercises) and rows["ada"]["max_total"] == str(10 * graders)
    assert float(rows["ben"]["total"]) < 50 and rows["ben"]["my_sequential"] == "10"
    assert rows["ada"]["total"] == rows["ada"]["max_total"], "ada's folder holds the reference of every exercise"
    assert rows["cleo"]["simple_dense"] == "0" and rows["cleo"]["my_sequential"] == "10"
    # dev's notebooks train at top level: that never runs, and the exercises still earn full marks
    assert rows["dev"]["simple_dense"] == rows["dev"]["xor_net"] == "10" and rows["dev"]["total"] == "20"
    assert rows["eve"]["status"] == "no-files" and rows["eve"]["total"] == "0"
    for student in rows:
        report = json.loads((out / student / "report.json").read_text())
        assert report["student"] == student and report["cases"]
        assert (out / student / "feedback.md").read_text().startswith(f"# Feedback for {student}")
        assert f"Feedback for {student}" in (out / student / "feedback.html").read_text()
        gradescope = json.loads((out / student / "results.json").read_text())
        assert gradescope["score"] == report["score"]
    ben = json.loads((out / "ben" / "report.json").read_text())
    assert "activation-before-bias" in {h for c in ben["cases"] for h in c["hints"]}
    cleo = json.loads((out / "cleo" / "report.json").read_text())
    assert cleo["cases"][0]["hints"] == ["syntax-error"] and "line" in cleo["cases"][0]["message"]
    assert "lr-kwarg" in {h for c in cleo["cases"] if c["exercise"] == "tls_regression" for h in c["hints"]}


def test_check_public_cases_only(course, capsys, monkeypatch):
    monkeypatch.chdir(course.root)
    assert main(["check", "simple_dense", "--path", str(course.reference_dir)]) == 0
    printed = capsys.readouterr().out
    assert "3 of 3 checks passed" in printed and "(hidden)" not in printed
    assert main(["check", "simple_dense"]) == 1  # the stubs in ./exercises
    assert "stub-unchanged" in capsys.readouterr().out


def test_check_html_shows_the_public_plots(course, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(course.root)
    page = tmp_path / "feedback.html"
    assert main(["check", "linear_classifier", "--path", str(course.reference_dir), "--html", str(page)]) == 0
    assert "feedback with plots" in capsys.readouterr().out
    assert page.read_text().count("data:image/png;base64,") >= 1


def test_nbgrader_export_command(tmp_path, course, capsys, monkeypatch):
    monkeypatch.chdir(course.root)
    out = tmp_path / "nbcourse"
    assert main(["nbgrader", "export", "--out", str(out), "--assignment", "week1", "--exercise", "gradients"]) == 0
    assert "nbgrader generate_assignment week1" in capsys.readouterr().out
    assert [p.name for p in (out / "source" / "week1").iterdir()] == ["gradients.ipynb"]
    assert main(["nbgrader", "export", "--out", str(out), "--exercise", "nope"]) == 2
    assert "unknown exercise" in capsys.readouterr().err
