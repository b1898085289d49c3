"""What the instructor handed out for an exercise, which shared code between students does not count.

The stub (`exercises/<name>.py`, or the stub generated from the reference), the notebook scaffolding
`tfgrade nbgrader export` writes (setup cell, non-solution cells, nbgrader's solution stub, the test
cells), the code the docstrings spell out (`with tf.GradientTape() as tape:`), and any file the
instructor names (a released notebook).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tfgrade.course import Course
from tfgrade.nbgrader.export import SETUP, TEST, split_cells
from tfgrade.source.notebook import from_notebook
from tfgrade.stubs import BEGIN, END, make_stub

NBGRADER_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"  # what generate_assignment puts in a solution
INLINE_CODE = re.compile(r"``?([^`\n]+?)``?")


def docstring_code(source: str) -> str:
    """The code spans of every docstring of a module (`like this`), one line each, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                    ast.ClassDef)))]
    spans = []
    for node in nodes:
        text = ast.get_docstring(node) or ""
        spans += INLINE_CODE.findall(text)
        spans += [line.strip()[4:] for line in text.splitlines() if line.strip().startswith(">>> ")]
    return "\n".join(spans)


def _nbgrader_scaffolding(reference: str) -> list[str]:
    """The code cells of an exported notebook after `nbgrader generate_assignment` stripped the solutions."""
    _, cells = split_cells(reference)
    stripped = []
    for cell in cells:
        out, inside = [], False
        for line in cell.splitlines():
            if BEGIN.match(line):
                inside = True
                indent = line[: len(line) - len(line.lstrip())]
                out += [indent + stub for stub in NBGRADER_STUB.splitlines()]
            elif END.match(line):
                inside = False
            elif not inside:
                out.append(line)
        stripped.append("\n".join(out))
    return stripped


def _test_cells(grader: Path, exercise: str) -> list[str]:
    """The source of the test cells of the exported notebook (one per case of the grader)."""
    if not grader.is_file():
        return []
    tree = ast.parse(grader.read_text())
    cells = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and getattr(d.func, "id", "") == "case" for d in node.decorator_list):
            cells.append(TEST.format(points=1, s="", title="", exercise=exercise, case=node.name))
    return cells


def read_handout(path: Path) -> str:
    """A handed-out file's code: a notebook's code cells, or a .py file's text."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    return from_notebook(raw).text if Path(path).suffix == ".ipynb" else raw


def handout_texts(course: Course | None, exercise: str, extra: list[Path] | tuple[Path, ...] = ()) -> list[str]:
    """Every handed-out text of `exercise` (code, not prose); `extra` files count when their stem is `exercise`."""
    texts: list[str] = [SETUP]
    reference = None
    if course is not None:
        stub_path = course.exercises_dir / f"{exercise}.py"
        if course.reference_dir is not None and (course.reference_dir / f"{exercise}.py").is_file():
            reference = (course.reference_dir / f"{exercise}.py").read_text()
        if stub_path.is_file():
            texts.append(stub_path.read_text())
        elif reference is not None:
            texts.append(make_stub(reference))
        texts += _test_cells(course.graders_dir / f"test_{exercise}.py", exercise)
        texts.append("\n".join(_test_cells(course.graders_dir / f"test_{exercise}.py", exercise)))
    if reference is not None:
        cells = _nbgrader_scaffolding(reference)
        tests = _test_cells(course.graders_dir / f"test_{exercise}.py", exercise) if course else []
        # per cell, and whole as the notebook runs (with and without its locked cells): matches across cells
        texts += [*cells, "\n".join(cells), "\n".join([SETUP, *cells, *tests])]
        texts.append(docstring_code(make_stub(reference)))
    for path in extra:
        if Path(path).stem == exercise:
            text = read_handout(Path(path))
            texts += [text, docstring_code(text)]
    if len(texts) > 1:
        texts.append(docstring_code(texts[1]))
    return [t for t in texts if t.strip()]
