"""Every grader is proven by the code `tfgrade audit` runs (src/tfgrade/audit/): the reference earns full
marks, the unchanged stub earns zero, and each known mistake of its exercise is caught with the right hint id.

tests/submissions is this course's proofs folder (docs/audit.md): <exercise>/mutants/<hint id>/<exercise>.py is
the reference with one realistic student mistake: it must lose points on that exercise and its report must name
that hint id. A folder named <hint id>--<variant> is another way to make the same mistake (another code path).
Folders under correct/ are right but written differently from the reference: full marks, no hints. Each grader
lists the ids it must catch in MISTAKES; <exercise>/also-expected.txt lists hints a mutant may also show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tfgrade.audit import judge, layout
from tfgrade.course import Course
from tfgrade.grading.loading import load_graders
from tfgrade.hints import HINTS

REPO = Path(__file__).resolve().parents[2]
SUBMISSIONS = REPO / "tests" / "submissions"  # `tfgrade audit --proofs tests/submissions`
GRADERS = {g.exercise: g for g in load_graders(Course(REPO).graders_dir)}
PROVEN_BY_SANDBOX_TESTS = {"timeout", "out-of-memory", "crashed"}  # tests/sandbox/

# Mutants the engine cannot name yet (the fix belongs in src/tfgrade): folder -> gap (xfail, strict).
ENGINE_GAPS: dict[str, str] = {}

PROOFS = {exercise: layout.proofs_for(SUBMISSIONS, exercise) for exercise in GRADERS}
MUTANTS = [p for proofs in PROOFS.values() for p in proofs if p.kind == "mutant"]
CORRECT = [p for proofs in PROOFS.values() for p in proofs if p.kind == "correct"]
_reports: dict[Path, object] = {}


def _graded(grade, proof: layout.Proof):
    """Grade each folder once per session (only its own exercise); several tests read the same report."""
    if proof.folder not in _reports:
        _reports[proof.folder] = grade(proof.folder, [proof.exercise])
    return _reports[proof.folder]


def _params(items: list[layout.Proof]):
    return [pytest.param(p, id=f"{p.exercise}/{p.name}",
                         marks=[pytest.mark.xfail(reason=ENGINE_GAPS[p.name], strict=True)]
                         if p.name in ENGINE_GAPS else []) for p in items]


@pytest.mark.parametrize("exercise", sorted(GRADERS))
def test_every_mistake_of_the_exercise_has_a_mutant(exercise):
    mistakes = tuple(GRADERS[exercise].module.MISTAKES)
    assert layout.coverage_problems(exercise, mistakes, PROOFS[exercise], set(HINTS)) == []
    assert len([p for p in PROOFS[exercise] if p.kind == "correct"]) >= 5


def test_every_hint_id_is_proven_somewhere():
    declared = set().union(*(set(g.module.MISTAKES) for g in GRADERS.values()))
    assert set(HINTS) - declared - PROVEN_BY_SANDBOX_TESTS == set()


@pytest.mark.slow
@pytest.mark.parametrize("proof", _params(MUTANTS))
def test_mutant_is_caught(grade, proof):
    report = _graded(grade, proof)
    assert report.max_score == 10
    assert judge.mutant_caught_problems(report, proof.hint) == [], judge.explain(report)


@pytest.mark.slow
@pytest.mark.parametrize("proof", _params(MUTANTS))
def test_mutant_hints_are_specific(grade, proof):
    """No misleading extra hints: a student reads every id the report names."""
    report = _graded(grade, proof)
    also = layout.also_expected(SUBMISSIONS, proof.exercise).get(proof.name, set())
    assert judge.extra_hint_problems(report, proof.hint, also) == [], judge.explain(report)


@pytest.mark.slow
@pytest.mark.parametrize("proof", _params(CORRECT))
def test_correct_variant_full_marks(grade, proof):
    report = _graded(grade, proof)
    assert report.max_score == 10
    assert judge.correct_problems(report) == [], judge.explain(report)


@pytest.mark.slow
@pytest.mark.parametrize("exercise", sorted(GRADERS))
def test_reference_full_marks(grade, course, exercise):
    report = grade(course.reference_dir, [exercise])
    assert report.max_score == 10
    assert judge.reference_problems(report) == [], judge.explain(report)
    hidden = sum(c.max_points for c in report.cases if c.hidden)
    assert hidden >= 5, "at least half the points are hidden"


@pytest.mark.slow
@pytest.mark.parametrize("exercise", sorted(GRADERS))
def test_unchanged_stub_zero(grade, course, exercise):
    report = grade(course.exercises_dir, [exercise])
    assert judge.stub_problems(report) == [], judge.explain(report)
