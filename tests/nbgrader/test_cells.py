"""tfgrade's cases in a kernel (nbgrader's test cells), run here on a namespace like a notebook's."""

from __future__ import annotations

import pytest

from tfgrade.grading.loading import load_grader

MUTANTS = "tests/submissions/{0}/mutants/{1}/{0}.py"


@pytest.fixture
def cells(course, monkeypatch, tmp_path):
    """The kernel runtime, fresh, in a folder without the notebook (sources come from the namespace)."""
    from tfgrade.nbgrader import cells as runtime

    monkeypatch.setenv("TFGRADE_COURSE", str(course.root))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runtime, "_STATE", None)
    return runtime


def _namespace(path) -> dict:
    namespace = {"__name__": "__main__", "In": ["", path.read_text()]}
    exec(compile(path.read_text(), "/tmp/ipykernel_1/1.py", "exec"), namespace)
    return namespace


def test_reference_passes_every_case(cells, course):
    namespace = _namespace(course.reference_dir / "simple_dense.py")
    grader = load_grader(course.graders_dir / "test_simple_dense.py")
    results = [cells.run_case("simple_dense", case_id, namespace) for case_id in [c.id for c in grader.cases]]
    assert [r.outcome for r in results] == ["passed"] * len(grader.cases)
    assert sum(r.points for r in results) == 10


def test_mistake_fails_with_its_hint(cells, course):
    namespace = _namespace(course.root / MUTANTS.format("simple_dense", "activation-before-bias"))
    failures = []
    for case_id in [c.id for c in load_grader(course.graders_dir / "test_simple_dense.py").cases]:  # in order
        try:
            cells.run_case("simple_dense", case_id, namespace)
        except cells.CaseFailed as failed:
            failures.append(str(failed))
    assert failures and any("hint [activation-before-bias]" in f for f in failures)


def test_case_whose_prerequisite_failed_is_skipped(cells, course):
    namespace = _namespace(course.exercises_dir / "xor_net.py")
    with pytest.raises(cells.CaseFailed, match="stub-unchanged"):
        cells.run_case("xor_net", "test_gate_structure", namespace)
    with pytest.raises(cells.CaseFailed, match=r"\[skipped\]: skipped: needs 'gate model"):
        cells.run_case("xor_net", "test_gate_compiled", namespace)


def test_missing_name_and_unknown_case_are_clear(cells):
    with pytest.raises(cells.CaseFailed, match="SimpleDense"):
        cells.run_case("simple_dense", "test_weight_shapes", {"In": []})
    with pytest.raises(cells.CaseFailed, match="no case 'test_nope'"):
        cells.run_case("simple_dense", "test_nope", {})
    with pytest.raises(cells.CaseFailed, match="no grader for 'nope'"):
        cells.run_case("nope", "test_x", {})
