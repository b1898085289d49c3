"""Helpers: class folders written under tmp_path, the course's solutions of an exercise."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SUBMISSIONS = REPO / "tests" / "submissions"


def independent_solutions(exercise: str) -> dict[str, str]:
    """The reference and every correct/ solution of the exercise: student name -> code."""
    solutions = {"reference": (REPO / "reference" / f"{exercise}.py").read_text()}
    for folder in sorted((SUBMISSIONS / exercise / "correct").iterdir()):
        solutions[folder.name] = (folder / f"{exercise}.py").read_text()
    return solutions


@pytest.fixture
def make_class(tmp_path):
    """make_class({student: {relative path: text}}) -> the class folder under tmp_path."""

    def write(students: dict[str, dict[str, str]]) -> Path:
        root = tmp_path / "class"
        for student, files in students.items():
            for relative, text in files.items():
                path = root / student / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
        return root

    return write
