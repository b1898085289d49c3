"""exercises/ is generated from reference/ and must never drift from it."""

import pytest

from tfgrade.stubs import MarkerError, make_stub, sync_stubs


def test_exercises_are_up_to_date(course):
    assert sync_stubs(course, check_only=True) == [], "run `tfgrade stubs` and commit exercises/"


def test_regions_become_raises_or_stub_lines():
    text = "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n" \
           "N = 3  # noqa\n### BEGIN SOLUTION\nK = 5\n# STUB: K = None\n### END SOLUTION\n"
    stub = make_stub(text)
    assert "return 1" not in stub and '    raise NotImplementedError("still to do")' in stub
    assert "K = None" in stub and "K = 5" not in stub


def test_unbalanced_markers():
    with pytest.raises(MarkerError):
        make_stub("### BEGIN SOLUTION\nx = 1\n")
    with pytest.raises(MarkerError):
        make_stub("### END SOLUTION\n")


def test_stubs_compile_and_keep_signatures(course):
    for path in course.exercises_dir.glob("*.py"):
        compile(path.read_text(), str(path), "exec")
