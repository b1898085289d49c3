"""`tfgrade gradescope --out autograder.zip`: the zip Gradescope's autograder expects.

At its root: setup.sh and run_autograder (Gradescope's two required files), tfgrade's source (pyproject.toml,
README.md, src/), the course's graders/, reference/ and exercises/, and tfgrade-gradescope.json (the exercises
to grade). Gradescope unpacks it into /autograder/source.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tfgrade.course import Course, find_course

CONFIG = "tfgrade-gradescope.json"
SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image: it installs tfgrade with the
# CPU build of TensorFlow into a virtual environment outside /autograder (Ubuntu base image).
set -euo pipefail
SOURCE="${AUTOGRADER_ROOT:-/autograder}/source"
VENV="${TFGRADE_VENV:-/opt/tfgrade-venv}"
if ! python3 -c 'import sys, ensurepip; assert sys.version_info >= (3, 10)' 2>/dev/null; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv python3-pip
fi
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --upgrade pip
cd "$SOURCE"
"$VENV/bin/python" -m pip install ".[cpu]"
"$VENV/bin/python" -c "import tensorflow, tfgrade"  # compiled once here, not for every submission
"""
RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this as root for every submission (working directory /autograder). tfgrade grades
# /autograder/submission in a temporary class folder, with the course read from /autograder/source, and
# writes /autograder/results/results.json only after grading. The paths are configurable for tests:
# AUTOGRADER_ROOT (default /autograder), TFGRADE_PYTHON (default the setup.sh virtual environment's python).
set -uo pipefail
export AUTOGRADER_ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${TFGRADE_PYTHON:-${TFGRADE_VENV:-/opt/tfgrade-venv}/bin/python}"
exec "$PYTHON" -m tfgrade.gradescope.run
"""
EXECUTABLE = 0o100755 << 16  # zip external attributes of a regular file with mode 755


def _add(archive: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = EXECUTABLE if executable else 0o100644 << 16
    archive.writestr(info, data)


def _tree(archive: zipfile.ZipFile, folder: Path, prefix: str, pattern: str = "*") -> None:
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            _add(archive, f"{prefix}/{path.relative_to(folder).as_posix()}", path.read_bytes())


def _project_file(course: Course, package: Path, name: str) -> Path:
    """tfgrade's own project file: beside the course (the instructor's repository) or tfgrade's source tree."""
    for folder in (course.root, package.parents[1]):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"no {name} beside the course or tfgrade's source: build from the tfgrade repository")


def build_autograder(out: Path, *, exercises: list[str] | None = None, course: Course | None = None) -> Path:
    """Write the autograder zip to `out`; with `exercises`, only their graders and reference solutions."""
    course = course or find_course()
    if course.reference_dir is None:
        raise FileNotFoundError("the Gradescope autograder needs the instructor's course (with reference/): "
                                "hidden cases compare with the reference")
    known = sorted(p.stem.removeprefix("test_") for p in course.graders_dir.glob("test_*.py"))
    unknown = sorted(set(exercises or ()) - set(known))
    if unknown:
        raise ValueError(f"no grader for {', '.join(unknown)} (known: {', '.join(known)})")
    chosen = sorted(exercises) if exercises else known
    package = Path(__file__).resolve().parents[1]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        _add(archive, "setup.sh", SETUP_SH.encode(), executable=True)
        _add(archive, "run_autograder", RUN_AUTOGRADER.encode(), executable=True)
        _add(archive, CONFIG, json.dumps({"exercises": chosen}, indent=2).encode() + b"\n")
        _add(archive, "pyproject.toml", _project_file(course, package, "pyproject.toml").read_bytes())
        readme = course.root / "README.md"
        _add(archive, "README.md", readme.read_bytes() if readme.is_file() else b"# tfgrade autograder\n")
        _tree(archive, package, "src/tfgrade")
        for grader in sorted(course.graders_dir.iterdir()):
            wanted = not grader.name.startswith("test_") or grader.stem.removeprefix("test_") in chosen
            if grader.is_file() and wanted and grader.suffix != ".pyc":
                _add(archive, f"graders/{grader.name}", grader.read_bytes())
        for folder in (course.reference_dir, course.exercises_dir):
            for path in sorted(folder.glob("*.py")):
                if path.stem in chosen or path.name.startswith("_"):
                    _add(archive, f"{folder.name}/{path.name}", path.read_bytes())
    return out
