"""A class graded end to end: a link to the answer earns nothing, nothing of a link's target reaches OUT, the
instructor sees `refused-link`, and the student's other exercises are graded as usual."""

from __future__ import annotations

import csv
import shutil

import pytest

from tfgrade.batch import grade_class
from tfgrade.source.submission import load_class

MARKER = "MARKER-a41d97-outside-the-student-folder"
EXERCISES = ("linear_classifier", "gradients")


@pytest.fixture
def fast_engine(engine, monkeypatch):
    """The session engine on two fast exercises (grade_class replaces its policy: put it back after)."""
    monkeypatch.setattr(engine, "graders", [g for g in engine.graders if g.exercise in EXERCISES])
    monkeypatch.setattr(engine, "policy", engine.policy)
    return engine


def test_links_out_of_student_folders_are_refused_end_to_end(tmp_path, fast_engine, course):
    answers = tmp_path / "private"  # beside the class: the answer with a marker, and a "passwd"
    answers.mkdir()
    (answers / "gradients.py").write_text((course.reference_dir / "gradients.py").read_text()
                                          + f"\nSTOLEN = '{MARKER}'\n")
    (answers / "passwd").write_text(f"root:x:0:0:{MARKER}:/root:/bin/bash\n")
    classroom = tmp_path / "class"
    for student in ("ada", "mal", "pat", "lin"):
        (classroom / student).mkdir(parents=True)
        shutil.copy(course.reference_dir / "linear_classifier.py", classroom / student / "linear_classifier.py")
    shutil.copy(course.reference_dir / "gradients.py", classroom / "ada" / "gradients.py")
    (classroom / "mal" / "gradients.py").symlink_to("../../private/gradients.py")  # relative, to the answer
    (classroom / "pat" / "deep").mkdir()
    (classroom / "pat" / "deep" / "gradients.py").symlink_to(answers / "passwd")  # absolute, one level down
    (classroom / "lin" / "work").symlink_to(answers, target_is_directory=True)  # a linked folder

    reports = {r.student: r for r in grade_class(fast_engine, load_class(classroom), tmp_path / "out", workers=2)}

    out = tmp_path / "out"
    leaked = [p for p in out.rglob("*") if p.is_file() and (MARKER.encode() in p.read_bytes()
                                                            or b"root:x:0:0" in p.read_bytes())]
    assert leaked == []
    rows = {r["student"]: r for r in csv.DictReader((out / "gradebook.csv").open())}
    assert {s: rows[s]["status"] for s in rows} == {"ada": "ok", "mal": "refused-link", "pat": "refused-link",
                                                    "lin": "refused-link"}
    assert rows["ada"]["gradients"] == "10"
    for student in ("mal", "pat", "lin"):
        assert rows[student]["gradients"] == "0" and rows[student]["linear_classifier"] == "10"
        gradients = [c for c in reports[student].cases if c.exercise == "gradients"]
        assert gradients and all(c.outcome == "failed" and c.points == 0 for c in gradients)
        assert all("links out of your folder are not graded" in c.message for c in gradients)
    assert "gradients.py is a link to a file outside your folder" in reports["mal"].cases[-1].message
    assert "deep/gradients.py is a link" in reports["pat"].cases[-1].message
    assert "work is a link to a folder outside your folder" in reports["lin"].cases[-1].message
    feedback = (out / "mal" / "feedback.md").read_text()
    assert "gradients.py is a link to a file outside your folder" in feedback
    page = (out / "index.html").read_text()
    assert "refused-link" in page and "mal" in page

    # resuming keeps refused work as graded (nothing changed), and fixing the link regrades it
    (classroom / "mal" / "gradients.py").unlink()
    shutil.copy(course.reference_dir / "gradients.py", classroom / "mal" / "gradients.py")
    again = {r.student: r for r in grade_class(fast_engine, load_class(classroom), out, workers=2)}
    assert again["mal"].status == "ok" and again["mal"].exercise_score("gradients") == (10, 10)
    assert again["pat"].status == "refused-link"
