"""Every grader is proven three ways: the reference earns full marks, the unchanged stub earns zero,
and each known mistake of its exercise is caught with the right hint id.

tests/submissions/<exercise>/mutants/<hint id>/<exercise>.py is the reference with one realistic
student mistake: it must lose points on that exercise and its report must name that hint id. A
folder named <hint id>--<variant> is another way to make the same mistake (another code path).
Folders under correct/ are right but written differently from the reference: full marks, no hints.
Each grader lists the ids it must catch in MISTAKES.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tfgrade.course import Course
from tfgrade.grading.loading import load_graders
from tfgrade.hints import HINTS

REPO = Path(__file__).resolve().parents[2]
SUBMISSIONS = REPO / "tests" / "submissions"
GRADERS = {g.exercise: g for g in load_graders(Course(REPO).graders_dir)}
PROVEN_BY_SANDBOX_TESTS = {"timeout", "out-of-memory", "crashed"}  # tests/sandbox/

# Hints a mutant may show besides its own, because its one mistake really causes them: folder -> ids.
ALSO_EXPECTED: dict[str, set[str]] = {}
# Mutants the engine cannot name yet (the fix belongs in src/tfgrade): folder -> gap (xfail, strict).
ENGINE_GAPS: dict[str, str] = {}


def _folders(kind: str) -> list[tuple[str, Path]]:
    return [(exercise, p) for exercise in GRADERS for p in sorted((SUBMISSIONS / exercise / kind).glob("*"))
            if p.is_dir()]


MUTANTS = _folders("mutants")
CORRECT = _folders("correct")
_reports: dict[Path, object] = {}


def _hint(folder: Path) -> str:
    return folder.name.split("--")[0]


def _graded(grade, exercise: str, folder: Path):
    """Grade each folder once per session (only its own exercise); several tests read the same report."""
    if folder not in _reports:
        _reports[folder] = grade(folder, [exercise])
    return _reports[folder]


def _explain(report) -> list[str]:
    return [f"{c.outcome} {c.name}: {c.hints} {c.message[:300]}" for c in report.cases if c.outcome != "passed"]


def _params(items):
    return [pytest.param(exercise, folder, id=f"{exercise}/{folder.name}",
                         marks=[pytest.mark.xfail(reason=ENGINE_GAPS[folder.name], strict=True)]
                         if folder.name in ENGINE_GAPS else []) for exercise, folder in items]


@pytest.mark.parametrize("exercise", sorted(GRADERS))
def test_every_mistake_of_the_exercise_has_a_mutant(exercise):
    declared = set(GRADERS[exercise].module.MISTAKES)
    assert declared <= set(HINTS), declared - set(HINTS)
    assert {_hint(p) for e, p in MUTANTS if e == exercise} == declared
    assert len([p for e, p in CORRECT if e == exercise]) >= 5
    assert all((p / f"{e}.py").is_file() for e, p in MUTANTS + CORRECT if e == exercise)


def test_every_hint_id_is_proven_somewhere():
    declared = set().union(*(set(g.module.MISTAKES) for g in GRADERS.values()))
    assert set(HINTS) - declared - PROVEN_BY_SANDBOX_TESTS == set()


@pytest.mark.slow
@pytest.mark.parametrize(("exercise", "folder"), _params(MUTANTS))
def test_mutant_is_caught(grade, exercise, folder):
    report = _graded(grade, exercise, folder)
    assert report.max_score == 10
    assert report.score < 10, _explain(report)
    assert _hint(folder) in report.hints(), (report.hints(), _explain(report))


@pytest.mark.slow
@pytest.mark.parametrize(("exercise", "folder"), _params(MUTANTS))
def test_mutant_hints_are_specific(grade, exercise, folder):
    """No misleading extra hints: a student reads every id the report names."""
    report = _graded(grade, exercise, folder)
    extra = set(report.hints()) - {_hint(folder)} - ALSO_EXPECTED.get(folder.name, set())
    assert not extra, (report.hints(), _explain(report))


@pytest.mark.slow
@pytest.mark.parametrize(("exercise", "folder"), _params(CORRECT))
def test_correct_variant_full_marks(grade, exercise, folder):
    report = _graded(grade, exercise, folder)
    assert report.score == report.max_score == 10, _explain(report)
    assert report.hints() == []


@pytest.mark.slow
@pytest.mark.parametrize("exercise", sorted(GRADERS))
def test_reference_full_marks(grade, course, exercise):
    report = grade(course.reference_dir, [exercise])
    assert report.score == report.max_score == 10, _explain(report)
    hidden = sum(c.max_points for c in report.cases if c.hidden)
    assert hidden >= 5, "at least half the points are hidden"


@pytest.mark.slow
@pytest.mark.parametrize("exercise", sorted(GRADERS))
def test_unchanged_stub_zero(grade, course, exercise):
    report = grade(course.exercises_dir, [exercise])
    assert report.score == 0, _explain(report)
    assert "stub-unchanged" in report.hints()
    assert all(c.outcome in ("failed", "skipped") for c in report.cases), _explain(report)
