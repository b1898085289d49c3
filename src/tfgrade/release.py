"""`tfgrade release`: the student bundle — stubs, public cases, expected public values, the runtime."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from tfgrade.course import EXPECTED_FILE, Course, find_course
from tfgrade.grading.programs import is_probe_node
from tfgrade.sandbox import wire
from tfgrade.stubs import stub_files

BUNDLE_README = """# Exercises

Install once: `pip install ".[cpu]"` (or `".[gpu]"` on a machine with a CUDA GPU).
Write your code in `exercises/`, then check it against the public cases:

    tfgrade check                 # every exercise
    tfgrade check simple_dense    # one exercise

In Jupyter or Colab: `!tfgrade check simple_dense --path .` or
`import tfgrade; tfgrade.check("simple_dense", path=".")`.
Your instructor grades more cases than these; passing them all is a good sign, not a guarantee.
"""


def public_grader_source(text: str, hidden: set[str]) -> str:
    """The grader without its `hidden` cases (names of case functions, as the loaded module declares them), nor
    any function or probe that only hidden cases used."""
    tree = ast.parse(text)
    removed = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in hidden]
    while True:
        kept = [n for n in tree.body if n not in removed]
        used = {n.id for k in kept for n in ast.walk(k) if isinstance(n, ast.Name)}
        used |= {n.attr for k in kept for n in ast.walk(k) if isinstance(n, ast.Attribute)}
        unused = [n for n in kept if isinstance(n, ast.FunctionDef) and n.name not in used
                  and (not n.decorator_list or is_probe_node(n))]
        if not unused:
            break
        removed += unused
    lines = text.splitlines(keepends=True)
    for node in sorted(removed, key=lambda n: n.lineno, reverse=True):
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        del lines[start - 1 : node.end_lineno]
    return "".join(lines)


def hidden_cases(grader_path: Path) -> set[str]:
    """The hidden cases of a grader file, as its loaded module declares them (whatever the syntax says)."""
    from tfgrade.grading.loading import load_grader

    return {c.id for c in load_grader(grader_path).cases if c.info.hidden}


def _expected_public_values(course: Course) -> dict:
    """Reference results of every probe a public case calls (computed by grading the reference)."""
    from tfgrade.engine import Engine
    from tfgrade.source.submission import load_submission

    engine = Engine(course, public_only=True)
    engine.grade(load_submission(course.reference_dir, student="reference"))
    return {key: engine.reference.cache[key] for key in sorted(engine.reference.used)}


def release(out: Path, course: Course | None = None) -> Path:
    """Write the bundle to `out` (replacing it); return its path."""
    course = course or find_course()
    if course.reference_dir is None:
        raise FileNotFoundError("release needs the instructor's course (with reference/)")
    out = Path(out).resolve()
    if out == course.root or (course.root in out.parents and out.parent == course.root and out.name in (
            "reference", "graders", "exercises", "src")):
        raise ValueError(f"refusing to write the bundle over the course itself: {out}")
    if out.exists():
        shutil.rmtree(out)
    (out / "exercises").mkdir(parents=True)
    (out / "graders").mkdir()
    for path, text in stub_files(course).items():
        (out / "exercises" / path.name).write_text(text)
    for grader in sorted(course.graders_dir.glob("test_*.py")):
        (out / "graders" / grader.name).write_text(public_grader_source(grader.read_text(), hidden_cases(grader)))
    shutil.copy(course.graders_dir / "conftest.py", out / "graders" / "conftest.py")
    (out / "graders" / EXPECTED_FILE).write_bytes(wire.encode(_expected_public_values(course)))
    package = Path(__file__).resolve().parent
    shutil.copytree(package, out / "src" / "tfgrade", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(course.root / "pyproject.toml", out / "pyproject.toml")
    (out / "README.md").write_text(BUNDLE_README)
    return out
