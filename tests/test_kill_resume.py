"""SIGKILL at random moments, then resume: no corrupt database, nothing finished is lost or graded twice, and
the final gradebook equals an uninterrupted run's."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow  # training, subprocesses or whole batches: `pytest -m 'not slow'` skips it

EXERCISES = ("linear_classifier", "gradients")
STUDENTS = 8


def _class(root, course):
    mutants = sorted((course.root / "tests/submissions/gradients/mutants").glob("*/gradients.py"))
    for number in range(STUDENTS):
        folder = root / f"s{number}"
        folder.mkdir(parents=True)
        gradients = course.reference_dir / "gradients.py" if number % 2 else mutants[number % len(mutants)]
        shutil.copy(gradients, folder / "gradients.py")
        shutil.copy(course.reference_dir / "linear_classifier.py", folder / "linear_classifier.py")
    return root


def _command(classroom, out):
    return [sys.executable, "-m", "tfgrade", "grade", str(classroom), "--out", str(out), "--workers", "2",
            "--quiet", *[arg for e in EXERCISES for arg in ("--exercise", e)]]


def _rows(out):
    """Every case row of the database, without timing."""
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        cases = db.execute("SELECT student, exercise, number, case_id, points, outcome, message, hints FROM cases "
                           "ORDER BY student, exercise, number").fetchall()
        graded = db.execute("SELECT student, exercise, digest, grader FROM exercises ORDER BY 1, 2").fetchall()
    return cases, graded


def test_sigkill_at_random_moments_then_resume(tmp_path, course):
    classroom = _class(tmp_path / "class", course)
    env = {**os.environ, "TFGRADE_COURSE": str(course.root)}
    started = time.monotonic()
    process = subprocess.Popen(_command(classroom, tmp_path / "whole"), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while process.poll() is None and not (tmp_path / "whole" / "gradebook.sqlite").exists():
        time.sleep(0.05)
    grading_starts = time.monotonic() - started  # TensorFlow imported, zygote up, database open
    assert process.wait() == 0
    whole_seconds = time.monotonic() - started
    expected = _rows(tmp_path / "whole")
    out = tmp_path / "killed"
    rng = random.Random(int(os.environ.get("TFGRADE_KILL_SEED", "7")))
    delays, seen = [], []
    for kill in range(4):  # once at any moment, then three times while submissions are being graded
        delay = rng.uniform(0.5, whole_seconds) if kill == 0 else rng.uniform(grading_starts, whole_seconds)
        delays.append(round(delay, 2))
        process = subprocess.Popen(_command(classroom, out), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if (out / "gradebook.sqlite").exists():
            cases, graded = _rows(out)  # opens, and passes SQLite's integrity check
            finished = {student for student, *_ in graded}
            assert {student for student, *_ in cases} <= finished, f"kills after {delays} s"
            for student in finished:  # a committed submission is whole: both exercises, every case
                assert {e for s, e, *_ in graded if s == student} == set(EXERCISES), f"kills after {delays} s"
                assert [c for c in cases if c[0] == student] == [c for c in expected[0] if c[0] == student]
            assert len(finished) >= len(seen), "what was committed stays committed"
            seen = sorted(finished)
    done = subprocess.run(_command(classroom, out), env=env, check=True, capture_output=True, text=True)
    if seen:
        assert f"{len(seen)} submission(s) already graded and unchanged" in done.stderr, f"kills after {delays} s"
    assert _rows(out) == expected, f"kills after {delays} s"
    assert (out / "gradebook.csv").read_text() == (tmp_path / "whole" / "gradebook.csv").read_text()
    for report in (tmp_path / "whole").glob("*/report.json"):
        resumed = json.loads((out / report.parent.name / "report.json").read_text())
        original = json.loads(report.read_text())
        assert {**resumed, "timing": None} == {**original, "timing": None}
