"""Shared fixtures: one grading engine per test session, helpers to grade files written to tmp_path."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_HOME = tempfile.mkdtemp(prefix="tfgrade-tests-")
os.environ["KERAS_HOME"] = os.path.join(_HOME, "keras")
os.environ["MPLCONFIGDIR"] = os.path.join(_HOME, "matplotlib")
os.environ["TFGRADE_CACHE"] = os.path.join(_HOME, "cache")  # reference values kept across runs: never in ~
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

REPO = Path(__file__).resolve().parents[1]
SUBMISSIONS = REPO / "tests" / "submissions"


@pytest.fixture(scope="session")
def course():
    from tfgrade.course import Course

    return Course(REPO)


@pytest.fixture(scope="session")
def engine(course):
    """The real course's graders, all cases, with short per-case budgets so hostile code fails fast."""
    from tfgrade.engine import Engine
    from tfgrade.sandbox.policy import Policy

    made = Engine(course)
    made.policy = Policy(**{**made.policy.__dict__, "case_seconds_cap": 20.0, "load_seconds": 10.0})
    return made


@pytest.fixture
def student_dir(tmp_path):
    """student_dir({relative path: text}, name="alice") -> a student folder under tmp_path/class/."""

    def write(files: dict[str, str], name: str = "alice") -> Path:
        folder = tmp_path / "class" / name
        folder.mkdir(parents=True, exist_ok=True)
        for relative, text in files.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_text(text)
        return folder

    return write


@pytest.fixture
def grade(engine):
    """grade(folder) -> Report for one student folder, all cases."""
    from tfgrade.source.submission import load_submission

    def run(folder: Path, exercises: list[str] | None = None):
        return engine.grade(load_submission(folder), exercises=exercises)

    return run


@pytest.fixture
def small_class(course):
    """small_class(root, empty=()) -> a class of two fast exercises (linear_classifier, gradients): ada hands in
    the reference, ben a gradients mutant, cleo the gradients stub; each name in `empty` an empty folder."""

    def make(root: Path, empty: tuple[str, ...] = ()) -> Path:
        mutant = course.root / "tests/submissions/gradients/mutants/tape-not-watched/gradients.py"
        for student, gradients in (("ada", course.reference_dir / "gradients.py"), ("ben", mutant),
                                   ("cleo", course.exercises_dir / "gradients.py")):
            (root / student).mkdir(parents=True)
            shutil.copy(gradients, root / student / "gradients.py")
            shutil.copy(course.reference_dir / "linear_classifier.py", root / student / "linear_classifier.py")
        for student in empty:
            (root / student).mkdir(parents=True)
        return root

    return make
