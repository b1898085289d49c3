"""The real nbgrader on an exported course: generate_assignment, autograde, and the same points as tfgrade."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tfgrade.cli import main
from tfgrade.nbgrader.export import export_course
from tfgrade.nbgrader.fill import fill_solution_cells

pytestmark = pytest.mark.slow  # training, subprocesses or whole batches: `pytest -m 'not slow'` skips it

pytest.importorskip("nbgrader")

REPO = Path(__file__).resolve().parents[2]
MUTANTS = REPO / "tests" / "submissions"
ASSIGNMENT = "ps1"
EXERCISES = ("simple_dense", "tls_regression", "xor_net")
# What each student hands in, per exercise: the reference, a mutant (by hint id), or the released stub.
STUDENTS = {
    "ada": {"simple_dense": "reference", "tls_regression": "reference", "xor_net": "reference"},
    "ben": {"simple_dense": "activation-before-bias", "tls_regression": "lr-kwarg", "xor_net": "boundary-sign"},
    "stubby": {"simple_dense": "stub", "tls_regression": "stub", "xor_net": "stub"},
}


def nbgrader_environment(tmp_path: Path) -> dict[str, str]:
    """nbgrader calls `alembic` and starts kernels: this interpreter's scripts first on PATH, and a python3
    kernel spec for this interpreter ahead of any other on the machine."""
    jupyter = tmp_path / "jupyter"
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", str(jupyter), "--name", "python3"],
                   check=True, capture_output=True)
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "JUPYTER_PATH": str(jupyter / "share" / "jupyter"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
            "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"), "IPYTHONDIR": str(tmp_path / "ipython")}


def nbgrader(course: Path, env: dict[str, str], *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True,
                          text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]


def submit(course: Path) -> None:
    """Students' notebooks, as nbgrader collects them: submitted/<student>/<assignment>/<exercise>.ipynb."""
    for student, work in STUDENTS.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC\n")
        for exercise, kind in work.items():
            released = nbformat.read(course / "release" / ASSIGNMENT / f"{exercise}.ipynb", as_version=4)
            if kind != "stub":
                path = (REPO / "reference" / f"{exercise}.py" if kind == "reference"
                        else MUTANTS / exercise / "mutants" / kind / f"{exercise}.py")
                released = fill_solution_cells(released, path.read_text())
            nbformat.write(released, folder / f"{exercise}.ipynb")


def nbgrader_scores(course: Path) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {(student, notebook.name): notebook.score for student in STUDENTS
                for notebook in gradebook.find_submission(ASSIGNMENT, student).notebooks}


def test_nbgrader_autograde_gives_tfgrade_points(tmp_path, course):
    nbcourse = export_course(tmp_path / "course", assignment=ASSIGNMENT, exercises=list(EXERCISES), course=course)
    env = nbgrader_environment(tmp_path)
    nbgrader(nbcourse, env, "generate_assignment", ASSIGNMENT)
    released = nbformat.read(nbcourse / "release" / ASSIGNMENT / "xor_net.ipynb", as_version=4)
    assert "HIDDEN TESTS" not in str(released) and "BEGIN SOLUTION" not in str(released)
    submit(nbcourse)
    nbgrader(nbcourse, env, "autograde", ASSIGNMENT)
    nbgrader(nbcourse, env, "export", "--to", str(tmp_path / "nbgrader-grades.csv"))

    out = tmp_path / "out"
    assert main(["grade", str(nbcourse), "--out", str(out), "--workers", "2", "--quiet"]) == 0
    tfgrade = {(row["student"], exercise): float(row[exercise])
               for row in csv.DictReader((out / "gradebook.csv").open()) for exercise in EXERCISES}
    assert nbgrader_scores(nbcourse) == tfgrade
    assert tfgrade[("ada", "xor_net")] == 10 and tfgrade[("stubby", "simple_dense")] == 0
    assert 0 < sum(v for (s, _), v in tfgrade.items() if s == "ben") < 30, "ben is partly right"

    theirs = list(csv.DictReader((tmp_path / "nbgrader-grades.csv").open()))
    ours = list(csv.DictReader((out / "nbgrader-grades.csv").open()))
    assert list(ours[0]) == list(theirs[0]), "the same columns as `nbgrader export`"
    score = ("assignment", "student_id", "raw_score", "late_submission_penalty", "score", "max_score")
    assert sorted(tuple(r[c] for c in score) for r in ours) == sorted(tuple(r[c] for c in score) for r in theirs)
