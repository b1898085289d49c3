"""A class batch survives students whose code hangs, exits, crashes, eats memory, forks or shouts.

One batch (grade_class, 2 workers) grades every hostile submission of tests/submissions/hostile/
that misbehaves at run time, interleaved with correct students. Each hostile behaviour is
confined to a few cases (see each file's docstring), so the tests check three things: those
cases get the right outcome, every other case of the same student is graded normally, and
the correct students graded in the same batch get 10/10.
"""

from __future__ import annotations

import csv
import json
import os

import pytest

pytestmark = pytest.mark.slow  # training, subprocesses or whole batches: `pytest -m 'not slow'` skips it

HOSTILE = ["hang_call", "exit_import", "os_exit_call", "oom_array_build", "oom_list_build", "print_megabytes"]
SPAWNERS = ["fork_bomb_import", "spawn_call"]  # only where the sandbox gives them a uid of their own
CORRECT = ["correct_1", "correct_2", "correct_3", "correct_4"]
# correct students right after (so beside, with 2 workers) the fork bomb, the spawner and the hang
ORDER = ["fork_bomb_import", "correct_1", "spawn_call", "correct_2", "hang_call", "exit_import", "os_exit_call",
         "correct_3", "oom_array_build", "oom_list_build", "print_megabytes", "correct_4"]
FAILURES = ("timeout", "crashed", "out-of-memory")


@pytest.fixture(scope="module")
def contained(engine, box):
    """Whether this sandbox keeps a child's processes to itself: seccomp forbids new processes, or the
    child runs as a uid of its own under a process limit. Only then may a test run a fork bomb."""
    from tfgrade.source.submission import load_submission

    record = engine.grade(load_submission(box.REPO / "reference"), exercises=["simple_dense"]).environment["sandbox"]
    return bool(record.get("seccomp") or (record.get("separate_uid") and record.get("processes")))


@pytest.fixture(scope="module")
def batch(tmp_path_factory, grade_batch, box, contained):
    root = tmp_path_factory.mktemp("runtime")
    hostile = HOSTILE + (SPAWNERS if contained else [])
    class_folder = box.make_class(root, hostile, CORRECT)
    out = root / "out"
    reports = grade_batch(class_folder, out, [name for name in ORDER if name in hostile + CORRECT])
    left = box.wait_until_gone(box.sandbox_uids())
    return reports, out, left


@pytest.fixture
def spawners(batch, contained):
    if not contained:
        pytest.skip("the sandbox cannot give children a uid of their own here (needs root): no fork bombs")
    return batch


def _confined(report, outcome: str, expected: set[str], at_most: int = 3) -> dict[str, object]:
    """The hostile behaviour hit a few cases (`expected` among them), each with `outcome` and no points;
    every other case of the student passed."""
    assert report.max_score == 10
    bad = {c.case_id: c for c in report.cases if c.outcome != "passed"}
    assert expected <= set(bad), f"expected {outcome} in {sorted(expected)}, got {_outcomes(report)}"
    assert len(bad) <= at_most, _outcomes(report)
    assert all(c.outcome == outcome and c.points == 0 for c in bad.values()), _outcomes(report)
    assert all(outcome in c.hints for c in bad.values()), [c.hints for c in bad.values()]  # the hint id
    assert report.score == report.max_score - sum(c.max_points for c in bad.values())
    return bad


def _outcomes(report) -> list[tuple[str, str, str]]:
    return [(c.case_id, c.outcome, c.message[:200]) for c in report.cases if c.outcome != "passed"]


def test_every_student_graded(batch, contained):
    reports, _, _ = batch
    assert sorted(reports) == sorted(HOSTILE + CORRECT + (SPAWNERS if contained else []))
    assert all(r.status == "ok" for r in reports.values()), {s: r.status for s, r in reports.items()}


@pytest.mark.parametrize("student", CORRECT)
def test_correct_students_full_marks(batch, student):
    reports, _, _ = batch
    report = reports[student]
    assert (report.score, report.max_score) == (10, 10), _outcomes(report)


def test_hang_times_out_only_its_case(batch):
    """The loop swallows the in-child alarm: the parent's wall clock stops it; later cases run in a new child."""
    reports, _, _ = batch
    bad = _confined(reports["hang_call"], "timeout", {"test_values_shapes"}, at_most=2)
    assert all("budget" in c.message for c in bad.values())


def test_sys_exit_at_import_crashes(batch):
    reports, _, _ = batch
    report = reports["exit_import"]
    crashed = [c for c in report.cases if c.outcome == "crashed"]
    assert crashed, _outcomes(report)
    assert all("sys.exit(0)" in c.message and "crashed" in c.hints for c in crashed)
    assert all(c.outcome in ("crashed", "skipped") for c in report.cases), _outcomes(report)
    assert report.score == 0


def test_os_exit_in_call_crashes_its_cases(batch):
    reports, _, _ = batch
    bad = _confined(reports["os_exit_call"], "crashed", {"test_values_activation", "test_gradients"})
    assert all("status 3" in c.message for c in bad.values())


@pytest.mark.parametrize("student, case_id", [("oom_array_build", "test_initializers"),
                                               ("oom_list_build", "test_sequential_fit")])
def test_memory_hog_runs_out_of_memory(batch, student, case_id):
    reports, _, _ = batch
    bad = _confined(reports[student], "out-of-memory", {case_id}, at_most=1)
    message = bad[case_id].message
    assert "memory" in message.lower() or "allocate" in message, message
    assert "simple_dense.py, line" in message, message  # where the student's code was stopped


def test_printing_megabytes_still_passes(batch):
    reports, _, _ = batch
    report = reports["print_megabytes"]
    assert (report.score, report.max_score) == (10, 10), _outcomes(report)


def test_fork_bomb_earns_nothing_and_is_contained(spawners):
    """The bomb hits the process limit and spins until the parent's clock stops its import; then its
    processes are killed (those outside the process group by uid) and reaped."""
    reports, _, left = spawners
    report = reports["fork_bomb_import"]
    assert report.score == 0
    assert all(c.outcome in (*FAILURES, "skipped") for c in report.cases), _outcomes(report)
    assert any(c.outcome in FAILURES for c in report.cases)
    assert not left, f"sandbox processes outlived the batch: {left}"


def test_spawner_is_contained(spawners):
    """Subprocesses in new sessions escape the process group, not the sandbox uid: all are gone afterwards,
    and the correct student graded next in the same slot is not starved of processes by their zombies."""
    reports, _, left = spawners
    report = reports["spawn_call"]
    assert report.status == "ok"
    assert all(c.outcome in ("passed", *FAILURES) for c in report.cases), _outcomes(report)
    assert not left, f"sandbox processes outlived the batch: {left}"


def test_no_sandbox_process_left_behind(batch):
    _, _, left = batch
    assert not left, f"sandbox processes outlived the batch: {left}"


def test_output_files_match_reports(batch):
    reports, out, _ = batch
    with open(out / "gradebook.csv", newline="") as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    assert sorted(rows) == sorted(reports)
    for student, report in reports.items():
        assert float(rows[student]["total"]) == report.score
        assert float(rows[student]["simple_dense"]) == report.score
        assert json.loads((out / student / "report.json").read_text()) == json.loads(json.dumps(report.to_dict()))
        assert json.loads((out / student / "results.json").read_text())["score"] == report.score
        assert (out / student / "feedback.md").stat().st_size > 0
    assert sorted(os.listdir(out)) == sorted([*reports, "gradebook.csv", "gradebook.sqlite", "index.html"])
