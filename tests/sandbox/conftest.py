"""Helpers for the sandbox tests: hostile submissions copied into a class folder, sandbox processes."""

from __future__ import annotations

import os
import shutil
import time
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "submissions" / "hostile"
REFERENCE = REPO / "reference" / "simple_dense.py"
WORKERS = 2


def make_class(root: Path, hostile: list[str], correct: list[str]) -> Path:
    """A class folder under `root`: each hostile submission, plus correct students (the reference)."""
    folder = root / "class"
    for name in hostile:
        shutil.copytree(HOSTILE / name, folder / name)
    for name in correct:
        (folder / name).mkdir(parents=True)
        shutil.copy(REFERENCE, folder / name / "simple_dense.py")
    return folder


def sandbox_uids(workers: int = WORKERS) -> set[int]:
    """The uids this test process's sandbox slots run as (empty without root: no uid of their own)."""
    from tfgrade.sandbox.policy import slot_uid

    return {uid for uid in (slot_uid(slot) for slot in range(workers)) if uid is not None}


def processes_of(uids: set[int]) -> list[tuple[int, int, str]]:
    """(pid, uid, state) of every process owned by one of `uids`, zombies included."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                uid = os.stat(f"/proc/{entry}").st_uid
                if uid in uids:
                    with open(f"/proc/{entry}/stat") as stat:
                        state = stat.read().rsplit(")", 1)[1].split()[0]
                    found.append((int(entry), uid, state))
            except (OSError, IndexError):
                continue
    return found


def wait_until_gone(uids: set[int], seconds: float = 10.0) -> list[tuple[int, int, str]]:
    """Poll until no process of `uids` is left (zombies are reaped by someone else); return the rest."""
    deadline = time.monotonic() + seconds
    left = processes_of(uids)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = processes_of(uids)
    return left


@pytest.fixture(scope="module")
def grade_batch(engine):
    """grade_batch(class_folder, out, order) -> {student: Report}: grade_class with 2 workers, students in `order`."""
    from tfgrade.batch import grade_class
    from tfgrade.source.submission import load_submission

    def run(class_folder: Path, out: Path, order: list[str]) -> dict[str, object]:
        assert sorted(order) == sorted(p.name for p in class_folder.iterdir())
        submissions = [load_submission(class_folder / name) for name in order]
        # no similarity pass: it quotes the students' sources (the forger's marker too) into OUT by design
        reports = grade_class(engine.only("simple_dense"), submissions, out, workers=WORKERS, similarity=False)
        return {r.student: r for r in reports}

    return run


@pytest.fixture(scope="session")
def box():
    """The helpers above, for test modules (which cannot import this conftest under --import-mode=importlib)."""
    return types.SimpleNamespace(make_class=make_class, sandbox_uids=sandbox_uids, processes_of=processes_of,
                                 wait_until_gone=wait_until_gone, HOSTILE=HOSTILE, REPO=REPO)
