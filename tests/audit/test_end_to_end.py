"""docs/writing-an-exercise.md followed end to end with a tiny new exercise written here: reference with
solution markers, `tfgrade stubs`, a grader, a mutant and a correct variant, `tfgrade audit`, `tfgrade release`.
Then the grader is broken (its value check removed): the audit fails naming the mutant it no longer catches,
and a generated mutant survives, reported with its diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tfgrade.cli import main

REPO = Path(__file__).resolve().parents[2]
EXERCISE = "tiny_affine"

REFERENCE = '''"""A tiny exercise: an affine map."""

import numpy as np


def affine(x, w, b):
    """Return `x @ w + b`."""
    ### BEGIN SOLUTION
    return np.asarray(x) @ np.asarray(w) + b
    ### END SOLUTION
'''

GRADER = '''import numpy as np
from tfgrade.grading import assert_close, case, expect, margin, probe

POSITION = 1
EXPECTED_NAMES = ("affine",)
MISTAKES = ("no-bias",)
X = np.arange(6.0, dtype=np.float32).reshape(2, 3)
W = np.linspace(-1.0, 1.0, 6, dtype=np.float32).reshape(3, 2)
B = np.array([0.5, -2.0], dtype=np.float32)


@probe
def output(mod, x, w, b):
    return np.asarray(mod.affine(x, w, b), dtype=np.float32)


@case("affine(x, w, b) has the shape (batch, units)", points=1)
def test_shape(student):
    got = student.run(output, x=X, w=W, b=B)
    expect(np.shape(got) == (2, 2), f"affine(x, w, b) has shape {np.shape(got)}; expected (2, 2)")


@case("affine(x, w, b) gives x @ w + b", points=2, hidden=True, needs=test_shape)
def test_values(student, reference):
    got = student.run(output, x=X, w=W, b=B)
VALUE_CHECK'''

VALUE_CHECK = '''    expected = reference.run(output, x=X, w=W, b=B)
    margin("largest error", float(np.max(np.abs(got - expected))), 1e-5)
    hints = ["no-bias"] if np.allclose(got, X @ W, atol=1e-5) else []
    assert_close(got, expected, rtol=0, atol=1e-5, what="affine(x, w, b)", hints=hints)
'''
BROKEN_CHECK = '''    expect(np.all(np.isfinite(got)), "affine(x, w, b) is not finite")
'''


def _course(root: Path, value_check: str) -> Path:
    (root / "reference").mkdir(parents=True)
    (root / "graders").mkdir()
    (root / "reference" / f"{EXERCISE}.py").write_text(REFERENCE)
    (root / "graders" / f"test_{EXERCISE}.py").write_text(GRADER.replace("VALUE_CHECK", value_check))
    shutil.copy(REPO / "graders" / "conftest.py", root / "graders" / "conftest.py")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    proofs = root / "proofs" / EXERCISE
    for folder, text in (("mutants/no-bias", REFERENCE.replace(" + b\n", "\n")),
                         ("correct/np_dot", REFERENCE.replace("np.asarray(x) @ np.asarray(w) + b",
                                                              "np.dot(x, w) + np.asarray(b)"))):
        (proofs / folder).mkdir(parents=True)
        (proofs / folder / f"{EXERCISE}.py").write_text(text)
    return root


def _audit(course: Path, out: Path, *extra: str) -> tuple[int, dict]:
    code = main(["audit", "--course", str(course), "--out", str(out), "--workers", "2", *extra])
    return code, json.loads((out / "audit.json").read_text())


@pytest.mark.slow
def test_a_new_exercise_from_reference_to_release(tmp_path, capsys, monkeypatch):
    course = _course(tmp_path / "course", VALUE_CHECK)
    monkeypatch.setenv("TFGRADE_COURSE", str(course))
    assert main(["stubs"]) == 0
    assert "NotImplementedError" in (course / "exercises" / f"{EXERCISE}.py").read_text()

    code, result = _audit(course, tmp_path / "audit")
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert result["failed"] == []
    (item,) = result["exercises"]
    assert {(c["kind"], c["name"], c["severity"]) for c in item["checks"]} == {
        ("layout", "proofs layout", "ok"), ("reference", "reference", "ok"), ("flaky", "reference graded twice", "ok"),
        ("stub", "unchanged stub", "ok"), ("mutant", "no-bias", "ok"), ("correct", "np_dot", "ok")}
    generated = item["generated"]
    assert generated["graded"] == generated["available"] >= 3 and generated["score"] == 1.0
    assert all(m["killed_by"] for m in generated["mutants"])
    assert {c["case_id"] for c in item["cases"] if c["kills"]} == {"test_shape", "test_values"}
    assert [(m["case_id"], m["what"], m["warn"]) for m in item["margins"]] == [
        ("test_values", "largest error", False)]
    assert "Grader audit" in (tmp_path / "audit" / "audit.html").read_text()

    assert main(["release", "--out", str(tmp_path / "bundle")]) == 0
    public = (tmp_path / "bundle" / "graders" / f"test_{EXERCISE}.py").read_text()
    assert "test_shape" in public and "test_values" not in public
    assert not (tmp_path / "bundle" / "reference").exists()


@pytest.mark.slow
def test_a_broken_grader_fails_the_audit_and_its_hole_survives(tmp_path, capsys):
    course = _course(tmp_path / "course", BROKEN_CHECK)
    from tfgrade.course import Course
    from tfgrade.stubs import sync_stubs

    sync_stubs(Course(course))
    code, result = _audit(course, tmp_path / "audit")
    printed = capsys.readouterr().out
    assert code == 1
    assert result["failed"] == ["tiny_affine: mutant no-bias: earns full marks (3): no case catches it"]
    assert "✗ mutant no-bias: earns full marks (3): no case catches it" in printed
    survivors = [m for m in result["exercises"][0]["generated"]["mutants"] if m["status"] == "survived"]
    assert [m["change"] for m in survivors] == ["`+` -> `-`"]
    assert "-    return np.asarray(x) @ np.asarray(w) + b\n+    return np.asarray(x) @ np.asarray(w) - b" in \
        survivors[0]["diff"]
    assert f"! survivor {survivors[0]['id']}: `+` -> `-`" in printed
    assert "cases that kill no generated mutant: test_values" in printed

    (course / "proofs" / EXERCISE / "equivalent.txt").write_text(f"{survivors[0]['id']} judged equivalent here\n")
    code, result = _audit(course, tmp_path / "audit-again", "--strict")
    accepted = [m for m in result["exercises"][0]["generated"]["mutants"] if m["status"] == "equivalent"]
    assert [(m["id"], m["reason"]) for m in accepted] == [(survivors[0]["id"], "judged equivalent here")]
    # --strict fails survivors too, but an accepted one is not a survivor: only the broken proof is left
    assert code == 1 and result["failed"] == ["tiny_affine: mutant no-bias: earns full marks (3): no case catches it"]
    assert "judged equivalent here" in (tmp_path / "audit-again" / "audit.html").read_text()


def test_a_course_without_reference_is_refused_before_grading(tmp_path, capsys):
    (tmp_path / "graders").mkdir()
    assert main(["audit", "--course", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert f"no reference/ in {tmp_path}" in capsys.readouterr().err
    assert main(["audit", "--course", str(tmp_path), "--workers", "0"]) == 2
