"""The similarity report's promises: a disguised copy is flagged, independent solutions are not, the stub never is."""

from __future__ import annotations

import re

import nbformat
import pytest

from tfgrade.course import Course
from tfgrade.similarity.detect import Settings, class_similarity
from tfgrade.source.submission import load_class

from .conftest import REPO, SUBMISSIONS, independent_solutions

COURSE = Course(REPO)
# renamed for the copy: every name the student chose, none of the library's or the exercise's
RENAMES = {"images": "pics", "train_images": "xtr", "valid_images": "xva", "net": "model_", "units": "width",
           "HIDDEN_UNITS": "LAYER_SIZES", "train": "tr", "test": "te"}


def _pairs(results, exercise):
    return next(r for r in results if r.exercise == exercise).pairs


def _flagged(results):
    return {(p.exercise, p.a, p.b) for r in results for p in r.flagged}


def _disguise(code: str) -> str:
    """Rename the student's own names, change the comments and docstrings, reverse the function order."""
    for old, new in RENAMES.items():
        code = re.sub(rf"\b{old}\b", new, code)
    code = re.sub(r'""".*?"""', '"""Exercise 9 (mine)."""', code, count=1, flags=re.S)
    header, *functions = re.split(r"\n(?=def )", code)
    return header + "\n" + "\n".join(f"# step {i}\n{f.rstrip()}\n\n" for i, f in enumerate(reversed(functions)))


def _notebook(code: str) -> str:
    """The code as a notebook: one cell per function, markdown in between."""
    header, *functions = re.split(r"\n(?=def )", code)
    cells = [nbformat.v4.new_markdown_cell("# My MLP"), nbformat.v4.new_code_cell(header.strip())]
    for function in functions:
        cells += [nbformat.v4.new_markdown_cell("Next part:"), nbformat.v4.new_code_cell(function.strip())]
    return nbformat.writes(nbformat.v4.new_notebook(cells=cells))


def test_disguised_copy_is_flagged(make_class):
    solutions = independent_solutions("tls_regression")
    copy = (SUBMISSIONS / "tls_regression" / "copies" / "of_numpy_arrays_sgd_momentum" / "tls_regression.py")
    copy = copy.read_text()
    assert "def fit_line" in copy.split("def tls_loss")[0]  # the hand-written copy reorders the functions
    students = {name: {"tls_regression.py": code} for name, code in solutions.items()}
    students["zoe"] = {"work/tls_regression.py": copy}
    results = class_similarity(load_class(make_class(students)), COURSE)
    assert _flagged(results) == {("tls_regression", "numpy_arrays_sgd_momentum", "zoe")}
    top = _pairs(results, "tls_regression")[0]
    assert top.similarity >= 0.9 and top.regions_a and top.regions_b
    start, end, _ = max(top.regions_b, key=lambda r: r[1] - r[0])
    assert "GradientTape" in copy[start:end]  # the marked region is the copied training loop


def test_renamed_reordered_notebook_copy_is_flagged(make_class):
    solutions = independent_solutions("mlp_classifier")
    original = solutions["units_loop_float32_copy"]
    copy = _disguise(original)
    assert copy != original and "net.add" not in copy
    students = {name: {"mlp_classifier.py": code} for name, code in solutions.items()}
    students["yann"] = {"mlp_classifier.ipynb": _notebook(copy)}
    results = class_similarity(load_class(make_class(students)), COURSE)
    assert _flagged(results) == {("mlp_classifier", "units_loop_float32_copy", "yann")}


@pytest.mark.parametrize("exercise", ["mlp_classifier", "tls_regression"])
def test_independent_solutions_are_not_flagged(make_class, exercise):
    solutions = independent_solutions(exercise)
    assert len(solutions) >= 10
    results = class_similarity(load_class(make_class({n: {f"{exercise}.py": c} for n, c in solutions.items()})),
                               COURSE)
    assert _flagged(results) == set()
    closest = max((p.similarity for p in _pairs(results, exercise)), default=0.0)
    assert closest < Settings().threshold


def test_the_same_solutions_are_flagged_at_a_threshold_of_zero(make_class):
    """The previous test can fail: what keeps these pairs apart is the threshold, not a lack of comparisons."""
    solutions = independent_solutions("tls_regression")
    results = class_similarity(load_class(make_class({n: {"tls_regression.py": c} for n, c in solutions.items()})),
                               COURSE, settings=Settings(threshold=0.05, min_match=1))
    assert _flagged(results)


@pytest.fixture(scope="module")
def exported_notebooks():
    """The notebooks students get from `tfgrade nbgrader export` + nbgrader's generate_assignment."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

    from tfgrade.grading.loading import load_graders
    from tfgrade.nbgrader.export import exercise_notebook

    notebooks = {}
    for grader in load_graders(COURSE.graders_dir, ["tls_regression", "gradients"]):
        notebook = exercise_notebook(grader, (COURSE.reference_dir / f"{grader.exercise}.py").read_text())
        notebook, _ = ClearSolutions().preprocess(notebook, {})
        notebook, _ = ClearHiddenTests().preprocess(notebook, {})
        notebooks[grader.exercise] = notebook
    return notebooks


@pytest.mark.parametrize("exercise", ["tls_regression", "gradients"])
def test_the_unchanged_stub_is_never_flagged(make_class, exported_notebooks, exercise):
    stub = (REPO / "exercises" / f"{exercise}.py").read_text()
    notebook = exported_notebooks[exercise]
    pasted = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c.source) for c in notebook.cells
                                             if c.cell_type == "code"])  # cells pasted: no nbgrader metadata
    students = {f"stub{i}": {f"{exercise}.py": stub} for i in range(3)}
    students |= {"released": {f"{exercise}.ipynb": nbformat.writes(notebook)},
                 "pasted": {f"{exercise}.ipynb": nbformat.writes(pasted)}}
    students |= {name: {f"{exercise}.py": code} for name, code in independent_solutions(exercise).items()}
    results = class_similarity(load_class(make_class(students)), COURSE)
    handed_out = {"stub0", "stub1", "stub2", "released", "pasted"}
    pairs = [p for p in _pairs(results, exercise) if {p.a, p.b} & handed_out]
    assert not [p for p in pairs if p.flagged]
    assert all(p.similarity < 0.2 for p in pairs), [(p.a, p.b, p.similarity, p.matched) for p in pairs]


def test_the_stub_alone_leaves_nothing_to_compare():
    from tfgrade.similarity.detect import exercise_similarity
    from tfgrade.similarity.handout import handout_texts

    stub = (REPO / "exercises" / "xor_net.py").read_text()
    result = exercise_similarity("xor_net", {"a": ("a.py", stub), "b": ("b.py", stub)},
                                 handout_texts(COURSE, "xor_net"))
    assert result.pairs == [] and result.documents["a"].coverage == 0
    bare = exercise_similarity("xor_net", {"a": ("a.py", stub), "b": ("b.py", stub)}, [], Settings(min_match=0))
    assert bare.flagged  # without the handout the two stubs are identical code
