"""`tfgrade nbgrader export`: reference files become nbgrader source notebooks; cases become test cells."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from tfgrade.course import find_course
from tfgrade.grading.loading import load_graders
from tfgrade.nbgrader.export import exercise_notebook, export_course, split_cells
from tfgrade.source.notebook import from_notebook
from tfgrade.stubs import BEGIN, END, STUB_LINE


def _code(text: str) -> list[str]:
    """Non-blank lines of a module after its docstring, without `# STUB:` markers."""
    tree = ast.parse(text)
    start = tree.body[0].end_lineno if ast.get_docstring(tree) else 0
    return [re.sub(r"# STUB: ?", "# ", line).strip() for line in text.splitlines()[start:] if line.strip()]


@pytest.fixture(scope="module")
def graders(course):
    return {g.exercise: g for g in load_graders(course.graders_dir)}


def test_cells_keep_every_line_and_never_split_a_region(course):
    for path in sorted(course.reference_dir.glob("*.py")):
        text = path.read_text()
        docstring, cells = split_cells(text)
        assert docstring == ast.get_docstring(ast.parse(text))
        assert sorted(_code("\n".join(cells))) == sorted(_code(text)), path.name
        for cell in cells:
            compile(cell, path.name, "exec")  # each cell is whole statements
            lines = cell.splitlines()
            assert sum(bool(BEGIN.match(x)) for x in lines) == sum(bool(END.match(x)) for x in lines), path.name
            assert not any(STUB_LINE.match(x) for x in lines), "STUB lines become plain comments above the region"


def test_stub_lines_stay_as_guidance_above_the_region(course):
    _, cells = split_cells((course.reference_dir / "xor_net.py").read_text())
    constants = next(c for c in cells if "XOR_EPOCHS = 2000" in c)
    assert constants.index("# XOR_EPOCHS") < constants.index("### BEGIN SOLUTION")


def test_notebook_has_one_test_cell_per_case_with_its_points(course, graders):
    grader = graders["simple_dense"]
    notebook = exercise_notebook(grader, (course.reference_dir / "simple_dense.py").read_text())
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code[0].metadata["tfgrade"] == "setup" and code[0].metadata["nbgrader"]["locked"]
    tests = [c for c in code if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata["nbgrader"]["points"] for c in tests] == [c.info.points for c in grader.cases]
    for cell, case_id, info in zip(tests, [c.id for c in grader.cases], [c.info for c in grader.cases], strict=True):
        assert f"run_case('simple_dense', '{case_id}')" in cell.source
        assert ("### BEGIN HIDDEN TESTS" in cell.source) == info.hidden
    solutions = [c for c in code if c.metadata.get("nbgrader", {}).get("solution")]
    assert solutions and all("### BEGIN SOLUTION" in c.source for c in solutions)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in code if "nbgrader" in c.metadata]
    assert len(ids) == len(set(ids))
    module = from_notebook(nbformat.writes(notebook))
    assert "run_case" not in module.text and "tfgrade" not in module.text, "grader cells are not student code"


def test_export_writes_a_course_the_test_cells_find(tmp_path, course):
    out = export_course(tmp_path / "course", assignment="week1", exercises=["simple_dense", "xor_net"], course=course)
    assert sorted(p.name for p in (out / "source" / "week1").iterdir()) == ["simple_dense.ipynb", "xor_net.ipynb"]
    assert "course_id = 'tfgrade'" in (out / "nbgrader_config.py").read_text()
    assert (out / "reference" / "xor_net.py").read_text() == (course.reference_dir / "xor_net.py").read_text()
    autograded = out / "autograded" / "ada" / "week1"
    autograded.mkdir(parents=True)
    assert find_course(autograded).root == out  # where nbgrader runs the notebooks
    with pytest.raises(ValueError, match="assignment name"):
        export_course(tmp_path / "other", assignment="../up", course=course)
