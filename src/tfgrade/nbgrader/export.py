"""Write an nbgrader course from the single source: reference/ becomes solution cells, grader cases test cells."""

from __future__ import annotations

import ast
import itertools
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from tfgrade.course import Course, find_course
from tfgrade.grading.loading import Grader, load_graders
from tfgrade.quiet import import_tensorflow
from tfgrade.stubs import BEGIN, END, STUB_LINE

if TYPE_CHECKING:
    import nbformat

SCHEMA = 3
CONFIG = '''# nbgrader configuration written by `tfgrade nbgrader export`.
c = get_config()  # noqa: F821 (nbgrader provides get_config)
c.CourseDirectory.course_id = {course_id!r}
# tfgrade's checks train small models: nbgrader's default of 30 s per cell is too short for a few of them.
c.Execute.timeout = 300
'''
SETUP = ("# tfgrade: the grader's numerics (seeds, determinism, one thread per op). Keep this cell first.\n"
         "import tfgrade.nbgrader.cells")
TEST = '# {points:g} point{s}: {title}\nfrom tfgrade.nbgrader.cells import run_case\nrun_case({exercise!r}, {case!r})'
INTRO = ("\n\nFill in the cells marked `YOUR CODE HERE`. The cells worth points run tfgrade's checks of this "
         "exercise: the public ones run where the tfgrade student bundle is installed; the hidden ones run "
         "when your notebook is graded.")


def split_cells(text: str) -> tuple[str, list[str]]:
    """The module docstring and the code cells of a reference file: the imports, then each top-level
    definition (or run of statements) on its own; a module-level solution region is never split."""
    text = _stub_lines_first(text)
    tree = ast.parse(text)
    lines = text.splitlines()
    body = list(tree.body)
    docstring = ast.get_docstring(tree) or ""
    first_code = 1
    if docstring:
        first_code = body.pop(0).end_lineno + 1
    in_region = _module_region_lines(lines)
    starts, previous = [], None
    for node in body:
        kind = "definition" if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else \
            "import" if isinstance(node, (ast.Import, ast.ImportFrom)) else "statement"
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        while start - 1 >= first_code and lines[start - 2].lstrip().startswith("#"):
            start -= 1  # comments (and a solution marker) right above belong to the statement
        if (kind == "definition" or kind != previous) and start not in in_region:
            starts.append(start)
        previous = kind
    if not starts or starts[0] != first_code:
        starts.insert(0, first_code)
    bounds = [*starts, len(lines) + 1]
    cells = ["\n".join(lines[a - 1:b - 1]).strip("\n") for a, b in itertools.pairwise(bounds)]
    return docstring, [cell for cell in cells if cell.strip()]


def _module_region_lines(lines: list[str]) -> set[int]:
    """Line numbers strictly inside module-level solution regions, where no cell may start."""
    inside, open_at = set(), None
    for number, line in enumerate(lines, start=1):
        begin = BEGIN.match(line)
        if begin and not begin.group(1):
            open_at = number
        elif END.match(line) and open_at is not None:
            inside.update(range(open_at + 1, number + 1))
            open_at = None
    return inside


def _stub_lines_first(text: str) -> str:
    """Move each region's `# STUB:` lines above it as plain comments: nbgrader replaces the whole region
    with its own stub, so they stay as guidance for the student (the line count is unchanged)."""
    out: list[str] = []
    region_start = None
    for line in text.splitlines():
        stub = STUB_LINE.match(line)
        if BEGIN.match(line):
            region_start = len(out)
        elif END.match(line):
            region_start = None
        elif stub and region_start is not None:
            out.insert(region_start, f"{stub.group(1)}# {stub.group(2)}")
            region_start += 1
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
          points: float | None = None) -> dict:
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id, "schema_version": SCHEMA}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def exercise_notebook(grader: Grader, reference_text: str) -> nbformat.NotebookNode:
    """One exercise as an nbgrader source notebook: task, setup, solution cells, one test cell per case."""
    import nbformat  # here, not at the top: its import takes seconds (jsonschema) and similarity needs none of it

    docstring, code_cells = split_cells(reference_text)
    title, _, rest = docstring.partition("\n")
    v4 = nbformat.v4
    cells = [v4.new_markdown_cell(f"# {title.strip().rstrip('.')}\n\n{rest.strip()}{INTRO}".replace("\n\n\n", "\n\n")),
             v4.new_code_cell(SETUP, metadata={**_meta(f"{grader.exercise}-setup", locked=True), "tfgrade": "setup"})]
    solution_number = 0
    for source in code_cells:
        if any(BEGIN.match(line) for line in source.splitlines()):
            solution_number += 1
            cells.append(v4.new_code_cell(source, metadata=_meta(f"{grader.exercise}-solution-{solution_number}",
                                                                 solution=True)))
        else:
            cells.append(v4.new_code_cell(source))
    for item in grader.cases:
        case_id, info = item.id, item.info
        test = TEST.format(points=info.points, s="" if info.points == 1 else "s", title=info.title,
                           exercise=grader.exercise, case=case_id)
        if info.hidden:
            test = f"### BEGIN HIDDEN TESTS\n{test}\n### END HIDDEN TESTS"
        cells.append(v4.new_code_cell(test, metadata={
            **_meta(f"{grader.exercise}-{case_id}", grade=True, locked=True, points=info.points), "tfgrade": "test"}))
    notebook = v4.new_notebook(cells=cells)
    notebook.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                              "language_info": {"name": "python"}})
    return notebook


def export_course(out: Path, *, assignment: str = "exercises", exercises: list[str] | None = None,
                  course: Course | None = None, course_id: str = "tfgrade") -> Path:
    """Write COURSE/: nbgrader_config.py, source/<assignment>/<exercise>.ipynb, and the graders and
    reference the test cells run (instructor-only folders, like nbgrader's own source/)."""
    course = course or find_course()
    if course.reference_dir is None:
        raise FileNotFoundError("no reference/ folder: the nbgrader source notebooks are made from it")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", assignment):
        raise ValueError(f"assignment name {assignment!r}: use letters, digits, '-', '_' or '.'")
    out = Path(out)
    import nbformat

    import_tensorflow()  # the graders import it; quietly, once
    graders = load_graders(course.graders_dir, exercises)
    source = out / "source" / assignment
    source.mkdir(parents=True, exist_ok=True)
    for grader in graders:
        reference = course.reference_dir / f"{grader.exercise}.py"
        nbformat.write(exercise_notebook(grader, reference.read_text()), source / f"{grader.exercise}.ipynb")
    for folder, pattern in ((course.graders_dir, "*"), (course.reference_dir, "*.py")):
        target = out / folder.name
        target.mkdir(exist_ok=True)
        for path in folder.glob(pattern):
            if path.is_file():
                shutil.copy2(path, target / path.name)
    config = out / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG.format(course_id=course_id))
    return out
