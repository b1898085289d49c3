"""Where a course lives: graders/, reference/ (instructors only), exercises/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EXPECTED_FILE = "expected-public.bin"


@dataclass(frozen=True)
class Course:
    """The folders of one course: the repo for instructors, the bundle for students."""

    root: Path

    @property
    def graders_dir(self) -> Path:
        return self.root / "graders"

    @property
    def reference_dir(self) -> Path | None:
        path = self.root / "reference"
        return path if path.is_dir() else None

    @property
    def exercises_dir(self) -> Path:
        return self.root / "exercises"

    @property
    def expected_file(self) -> Path:
        return self.graders_dir / EXPECTED_FILE


class CourseNotFound(FileNotFoundError):
    """No graders/ folder here or above, and TFGRADE_COURSE is not set."""


def find_course(start: Path | None = None) -> Course:
    """The course in $TFGRADE_COURSE, else the nearest folder at or above `start` with graders/."""
    if os.environ.get("TFGRADE_COURSE"):
        return Course(Path(os.environ["TFGRADE_COURSE"]).resolve())
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "graders").is_dir() and any((folder / "graders").glob("test_*.py")):
            return Course(folder)
    raise CourseNotFound(f"no course found at or above {here} (a folder with graders/test_*.py); "
                         "run from the course or bundle folder, or set TFGRADE_COURSE")
