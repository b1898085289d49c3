"""Cheating does not pay: a student earns what its code computes, and the real output files are intact.

One batch (grade_class, 2 workers) grades the cheating submissions of tests/submissions/hostile/
next to "honest twins" made here from the reference: code that computes the same wrong
values without cheating. A cheat must earn exactly what its twin earns (nothing more), and
every file in OUT must be exactly what the trusted renderers make of the trusted reports.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # training, subprocesses or whole batches: `pytest -m 'not slow'` skips it

MARK = "FORGED_BY_HOSTILE_SUBMISSION"  # in every file forge_outputs writes
STUDENTS = ("forge_outputs", "patch_allclose", "eq_object", "eq_ndarray")
# the forger writes into every folder it can reach, e.g. the ones above its working directory
FORGED_NAMES = ("report.json", "results.json", "feedback.md", "feedback.html", "gradebook.csv", "index.html",
                "gradebook.sqlite")
FORGED_SUBFOLDERS = ("", "forge_outputs", "correct", "out", "out/forge_outputs", "out/correct")


def _twins(reference: str) -> dict[str, str]:
    """Honest versions of the cheats' wrong answers."""
    call = "        y = tf.tensordot(inputs, self.W, axes=1) + self.b\n"
    assert call in reference
    return {
        "honest_no_bias": reference.replace(call, "        y = tf.tensordot(inputs, self.W, axes=1)\n"),
        "honest_zeros": "import numpy as np\n" + reference.replace(
            call, "        return np.zeros((*inputs.shape[:-1], self.units), np.float32)\n"),
    }


def _forged_outside(repo: Path) -> list[Path]:
    """Forged files that landed outside the sandbox: the folders above its working directory, the repo."""
    found = []
    for top in (Path(tempfile.gettempdir()), Path("/"), repo):
        for sub in FORGED_SUBFOLDERS:
            for name in FORGED_NAMES:
                path = top / sub / name
                try:
                    if path.is_file() and MARK in path.read_text(errors="replace"):
                        found.append(path)
                except OSError:
                    continue
    return found


def _clean_forged(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
    for path in sorted({p.parent for p in paths}, key=lambda p: len(p.parts), reverse=True):
        if path != Path(tempfile.gettempdir()) and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
            if path.parent.name == "out" and not any(path.parent.iterdir()):
                path.parent.rmdir()


@pytest.fixture(scope="module")
def batch(tmp_path_factory, grade_batch, box):
    root = tmp_path_factory.mktemp("cheats")
    class_folder = box.make_class(root, list(STUDENTS), ["correct"])
    reference = (class_folder / "correct" / "simple_dense.py").read_text()
    for name, text in _twins(reference).items():
        (class_folder / name).mkdir()
        (class_folder / name / "simple_dense.py").write_text(text)
    out = root / "out"
    before = set(_forged_outside(box.REPO))
    order = ["correct", "forge_outputs", "patch_allclose", "honest_no_bias", "eq_ndarray", "honest_zeros",
             "eq_object"]
    try:
        reports = grade_batch(class_folder, out, order)
        landed = [p for p in _forged_outside(box.REPO) if p not in before]
        yield reports, out, root, landed
    finally:
        _clean_forged(_forged_outside(box.REPO))
        box.wait_until_gone(box.sandbox_uids())


@pytest.fixture
def hidden_out(batch):
    """The batch, where the sandbox could hide OUT (and everything else above the child) from students."""
    reports, _, _, _ = batch
    if not reports["correct"].environment["sandbox"].get("hidden_paths"):
        pytest.skip("this sandbox cannot hide folders (needs root): a student may find OUT and write into it "
                    "(the report records hidden_paths=0)")
    return batch


def _verdicts(report) -> list[tuple[str, str, float]]:
    return [(c.case_id, c.outcome, c.points) for c in report.cases]


def _earned(report) -> list[tuple[str, bool, float]]:
    return [(c.case_id, c.outcome == "passed", c.points) for c in report.cases]


def test_correct_student_full_marks(batch):
    reports, _, _, _ = batch
    assert (reports["correct"].score, reports["correct"].max_score) == (10, 10)


def test_patching_numpy_comparisons_earns_nothing(batch):
    """np.allclose & co. patched in the sandbox: the parent's comparisons never see the patch.

    Case by case the cheat earns what its twin earns and passes what its twin passes. Where the patch
    breaks Keras itself (fit compares shapes with NumPy), the cheat's case is an error where the twin's
    is a failure: both earn nothing."""
    reports, _, _, _ = batch
    cheat, twin = reports["patch_allclose"], reports["honest_no_bias"]
    assert _earned(cheat) == _earned(twin)
    assert {c.outcome for c in cheat.cases if c.outcome != "passed"} <= {"failed", "error"}
    assert cheat.score == twin.score < 10
    failed = [c for c in cheat.cases if c.outcome == "failed"]
    assert any("differs from the expected values" in c.message for c in failed)
    assert "no-bias" in cheat.hints()


def test_ndarray_subclass_equal_to_everything_is_judged_by_its_numbers(batch):
    reports, _, _, _ = batch
    cheat, twin = reports["eq_ndarray"], reports["honest_zeros"]
    assert _verdicts(cheat) == _verdicts(twin)
    assert cheat.score == twin.score < 10


def test_object_equal_to_everything_cannot_be_sent(batch):
    """Only plain data crosses the boundary: the object is refused, its __eq__ never runs in the parent."""
    reports, _, _, _ = batch
    cheat, zeros = reports["eq_object"], reports["honest_zeros"]
    assert cheat.score <= zeros.score < 10
    for mine, theirs in zip(cheat.cases, zeros.cases, strict=True):
        if theirs.outcome != "passed":
            assert mine.outcome != "passed" and mine.points == 0, mine
    assert "test_output_shape" in {c.case_id for c in cheat.cases if c.outcome == "error"}


def test_forger_earns_only_its_own_correct_work(batch):
    reports, _, _, _ = batch
    assert (reports["forge_outputs"].score, reports["forge_outputs"].max_score) == (10, 10)


def test_output_files_are_exactly_the_trusted_renderings(hidden_out):
    from tfgrade.render.gradebook import gradebook_csv
    from tfgrade.render.gradescope import gradescope_results
    from tfgrade.render.html import feedback_html
    from tfgrade.render.markdown import feedback_markdown

    reports, out, _, _ = hidden_out
    assert (out / "gradebook.csv").read_text() == gradebook_csv(list(reports.values()), ["simple_dense"])
    with open(out / "gradebook.csv", newline="") as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    assert {s: float(r["total"]) for s, r in rows.items()} == {s: r.score for s, r in reports.items()}
    for student, report in reports.items():
        folder = out / student
        assert json.loads((folder / "report.json").read_text()) == json.loads(json.dumps(report.to_dict()))
        assert json.loads((folder / "results.json").read_text()) == json.loads(
            json.dumps(gradescope_results(report)))
        assert (folder / "feedback.md").read_text() == feedback_markdown(report)
        assert (folder / "feedback.html").read_text() == feedback_html(report)
        assert sorted(os.listdir(folder)) == ["feedback.html", "feedback.md", "report.json", "results.json"]
    assert sorted(os.listdir(out)) == sorted([*reports, "gradebook.csv", "gradebook.sqlite", "index.html"])


def test_no_forged_file_in_the_run_folders(hidden_out):
    """Neither OUT nor the class folder nor anything else of this run holds a forged file."""
    _, _, root, _ = hidden_out
    source = root / "class" / "forge_outputs" / "simple_dense.py"
    forged = [p for p in root.rglob("*") if p.is_file() and p != source and MARK in p.read_text(errors="replace")]
    assert not forged


def test_no_forged_file_in_the_repository(batch, box):
    """The grading process's working directory (reachable only through /proc) stays clean."""
    _, _, _, landed = batch
    print("forged files outside the sandbox:", *landed, sep="\n  ")
    assert not [p for p in landed if box.REPO in p.parents]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root: without it the child keeps our uid and may write "
                    "wherever we may (the report says so)")
def test_forged_files_land_nowhere_outside_the_sandbox(batch):
    """As root the child has a private /tmp and cannot see OUT or the class folder: nothing lands outside."""
    _, _, _, landed = batch
    assert landed == []


def test_fake_files_in_the_working_directory_are_discarded(batch):
    """The sandbox's working directory (where the forger's writes surely land) is deleted afterwards."""
    leftovers = [p for p in Path(tempfile.gettempdir()).glob("tfgrade-box-*")
                 if (p / "report.json").exists() and MARK in (p / "report.json").read_text(errors="replace")]
    assert not leftovers
