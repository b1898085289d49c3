"""Generate exercises/ (student stubs) from reference/ (the single source)."""

from __future__ import annotations

import re
from pathlib import Path

from tfgrade.course import Course, find_course

BEGIN = re.compile(r"^(\s*)### BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*### END SOLUTION\s*$")
STUB_LINE = re.compile(r"^(\s*)# STUB: ?(.*)$")
HEADER = ("# Your exercise: write your code where it says `raise NotImplementedError`, "
          "then run `tfgrade check {name}`.\n")


class MarkerError(ValueError):
    """Unbalanced solution markers in a reference file."""


def make_stub(text: str) -> str:
    """Replace every solution region by its `# STUB:` lines, or by `raise NotImplementedError`."""
    out: list[str] = []
    region: list[str] | None = None
    indent = ""
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        begin = BEGIN.match(line)
        if begin:
            if region is not None:
                raise MarkerError(f"line {number}: BEGIN SOLUTION inside another solution region")
            region, indent = [], begin.group(1)
        elif END.match(line):
            if region is None:
                raise MarkerError(f"line {number}: END SOLUTION without BEGIN SOLUTION")
            out.extend(region or [f'{indent}raise NotImplementedError("still to do")\n'])
            region = None
        elif region is not None:
            stub = STUB_LINE.match(line)
            if stub:
                region.append(f"{stub.group(1)}{stub.group(2)}\n")
        else:
            out.append(line)
    if region is not None:
        raise MarkerError("a solution region is not closed with ### END SOLUTION")
    return "".join(out)


def stub_files(course: Course) -> dict[Path, str]:
    """Every exercises/<name>.py as it should be, generated from reference/<name>.py."""
    if course.reference_dir is None:
        raise FileNotFoundError("no reference/ folder: stubs are generated from it")
    return {course.exercises_dir / p.name: HEADER.format(name=p.stem) + make_stub(p.read_text())
            for p in sorted(course.reference_dir.glob("*.py")) if not p.name.startswith("_")}


def sync_stubs(course: Course | None = None, check_only: bool = False) -> list[str]:
    """Write (or, with check_only, only compare) the stubs; return the names that were out of date."""
    course = course or find_course()
    stale = []
    for path, text in stub_files(course).items():
        if not path.exists() or path.read_text() != text:
            stale.append(path.stem)
            if not check_only:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
    return stale
