"""exercises/ is generated from reference/ and must never drift from it."""

import ast

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


def _signatures(text: str) -> dict[str, str]:
    """Every function and method (Class.method) with its arguments, and every class with its bases."""
    found = {}
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef):
            found[node.name] = ", ".join(ast.unparse(b) for b in node.bases)
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = ast.unparse(item.args)
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = ast.unparse(node.args)
    return found


def test_stubs_compile_and_keep_signatures(course):
    stubs = sorted(course.exercises_dir.glob("*.py"))
    assert [p.name for p in stubs] == sorted(p.name for p in course.reference_dir.glob("*.py"))
    assert len(stubs) >= 10
    for path in stubs:
        text = path.read_text()
        compile(text, str(path), "exec")
        assert _signatures(text) == _signatures((course.reference_dir / path.name).read_text()), path.name


def test_the_students_copy_says_to_edit_it(course):
    """The stub is the student's file: it never tells them to edit a reference they do not have."""
    for path in course.exercises_dir.glob("*.py"):
        first = path.read_text().splitlines()[0]
        assert "reference" not in first and f"tfgrade check {path.stem}" in first
