"""Handed-out code: the stub, nbgrader's scaffolding, the code the docstrings spell out."""

from tfgrade.course import Course
from tfgrade.similarity.handout import docstring_code, handout_texts

from .conftest import REPO


def test_docstring_code_spans_in_order():
    source = 'def f():\n    """Call `tape.watch(x)` then `y = f(x)`.\n\n    >>> f()\n    """\n'
    assert docstring_code(source).splitlines() == ["tape.watch(x)", "y = f(x)", "f()"]


def test_handout_holds_the_stub_the_scaffolding_and_the_test_cells(tmp_path):
    texts = handout_texts(Course(REPO), "gradients")
    stub = (REPO / "exercises" / "gradients.py").read_text()
    assert stub in texts
    assert any("# YOUR CODE HERE\n    raise NotImplementedError()" in t for t in texts)
    assert any("run_case('gradients', 'test_" in t for t in texts)
    assert any("tape.watch(x)" in t and "with tf.GradientTape() as tape:" in t for t in texts)
    assert not any("### BEGIN SOLUTION" in t or "inner_tape" in t or "return tape.gradient" in t for t in texts)


def test_extra_handout_counts_for_its_exercise_only(tmp_path):
    extra = tmp_path / "gradients.py"
    extra.write_text("def helper_the_instructor_gave():\n    return 42\n")
    assert any("helper_the_instructor_gave" in t for t in handout_texts(None, "gradients", [extra]))
    assert not any("helper_the_instructor_gave" in t for t in handout_texts(None, "xor_net", [extra]))
