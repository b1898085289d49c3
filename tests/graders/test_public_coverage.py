"""Every grader writes down what its public cases show (the rule of docs/grader-audit.md: no hidden traps).

Its module docstring has a PUBLIC_COVERAGE section naming, for each kind of value a hidden case passes to
student code, the public case that passes it first; every case named there exists and is public.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tfgrade.course import Course
from tfgrade.grading.loading import load_graders

REPO = Path(__file__).resolve().parents[2]
GRADERS = load_graders(Course(REPO).graders_dir)


@pytest.mark.parametrize("grader", GRADERS, ids=[g.exercise for g in GRADERS])
def test_public_coverage_names_public_cases(grader):
    doc = grader.module.__doc__ or ""
    assert "PUBLIC_COVERAGE:" in doc, f"{grader.path.name}: no PUBLIC_COVERAGE section in its docstring"
    coverage = doc.split("PUBLIC_COVERAGE:", 1)[1]
    named = set(re.findall(r"\btest_\w+", coverage))
    cases = {c.id: c for c in grader.cases}
    assert named, f"{grader.path.name}: PUBLIC_COVERAGE names no case"
    assert sorted(named - set(cases)) == [], "PUBLIC_COVERAGE names cases the grader does not have"
    assert sorted(n for n in named if cases[n].info.hidden) == [], "PUBLIC_COVERAGE names hidden cases"
