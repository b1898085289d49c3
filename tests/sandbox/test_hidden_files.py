"""Student code cannot read the reference solution or the graders, by any route it can think of."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow  # training, subprocesses or whole batches: `pytest -m 'not slow'` skips it


@pytest.fixture(scope="module")
def attempts(engine, box):
    """What tests/submissions/hostile/read_hidden could read: label -> exception type or {bytes, secret}."""
    from tfgrade.source.submission import load_submission

    report = engine.grade(load_submission(box.HOSTILE / "read_hidden"), exercises=["simple_dense"])
    sandbox = report.environment["sandbox"]
    assert sandbox.get("landlock") or sandbox.get("hidden_paths"), sandbox
    message = report.cases[0].message
    assert "REPORT " in message, message
    start = message.index("REPORT ") + len("REPORT ")
    found, _ = json.JSONDecoder().raw_decode(message[start:])
    return report, found


def test_every_route_was_tried(attempts):
    _, found = attempts
    for label in ("reference file", "grader file", "reference dir", "graders dir",
                  "reference file via /proc/ppid/root", "reference file via /proc/1/root",
                  "reference file via /proc/ppid/cwd", "git show reference", "git show grader", "git objects",
                  "policy-hidden reference", "policy-hidden graders"):
        assert label in found, sorted(found)


def test_no_grader_module_in_the_sandbox(attempts):
    """Only the probe that runs enters the sandbox: no grader module is imported there."""
    _, found = attempts
    assert not [label for label in found if label.startswith("module ")]


def test_nothing_secret_was_read(attempts):
    _, found = attempts
    leaked = {label: got for label, got in found.items() if isinstance(got, dict) and (got["secret"] or got["bytes"])}
    assert not leaked


def test_hidden_folders_look_empty(attempts):
    """A hidden folder is unreadable (Landlock), an empty mount, or absent under the child's private /tmp."""
    _, found = attempts
    for label in ("reference dir", "graders dir"):
        assert found[label] in ({"bytes": 0, "entries": 0, "secret": False}, "FileNotFoundError", "PermissionError")
    for label in ("reference file", "grader file"):
        assert found[label] in ("FileNotFoundError", "PermissionError")


def test_student_earns_nothing_and_sees_no_grader_source(attempts):
    report, _ = attempts
    assert report.score == 0
    assert not any("BEGIN SOLUTION" in c.message or "def test_" in c.message for c in report.cases)
