"""Graders are plain pytest modules: `pytest graders/` grades the reference (or --submission DIR)."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # training, subprocesses or whole batches: `pytest -m 'not slow'` skips it


def _pytest(course, *args):
    return subprocess.run([sys.executable, "-m", "pytest", "graders/test_simple_dense.py", "-q", *args],
                          cwd=course.root, capture_output=True, text=True, timeout=600)


def test_reference_passes_and_stub_fails_under_plain_pytest(course):
    passing = _pytest(course)
    assert passing.returncode == 0, passing.stdout[-2000:]
    assert "10 passed" in passing.stdout
    failing = _pytest(course, "--submission", "exercises", "-m", "public")
    assert failing.returncode == 1
    assert "3 failed" in failing.stdout and "7 deselected" in failing.stdout


def test_plain_pytest_uses_the_same_runtime_as_grading(course):
    """Structural hints and prerequisites, as `tfgrade grade` gives them."""
    mutant = course.root / "tests" / "submissions" / "simple_dense" / "mutants" / "method-outside-class"
    done = _pytest(course, "--submission", str(mutant))
    assert done.returncode == 1
    assert "hint [method-outside-class]" in done.stdout
    assert "skipped" in done.stdout  # the hidden cases that need the failing public ones
