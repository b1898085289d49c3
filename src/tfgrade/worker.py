"""The Dask side: grade one submission on a worker, with one engine (zygote, reference cache) per worker."""

from __future__ import annotations

import multiprocessing
import queue
import threading
from pathlib import Path
from typing import Any

from tfgrade.results import Report
from tfgrade.source.submission import Submission

_ENGINES: dict[tuple[str, str], Any] = {}
_SLOTS: queue.Queue[int] = queue.Queue()
_LOCK = threading.Lock()
SLOTS_PER_WORKER = 32  # sandbox uids are unique per process and slot; a worker's threads share these
DAEMON_HELP = ("this Dask worker is a daemonic process, which cannot start tfgrade's sandboxes: start workers "
               "with DASK_DISTRIBUTED__WORKER__DAEMON=False (or `dask worker --no-nanny`)")


def check_worker(course_root: str) -> list[str]:
    """What keeps this worker from grading (run on every worker before a class is sent)."""
    problems = []
    if multiprocessing.current_process().daemon:
        problems.append(DAEMON_HELP)
    if not (Path(course_root) / "graders").is_dir():
        problems.append(f"no course at {course_root}: every worker needs the course folder (graders/, reference/) "
                        "at the same path as the instructor's machine")
    return problems


def _engine(course_root: str, device: str, hidden: tuple[str, ...], unsandboxed: bool = False):
    from tfgrade.course import Course
    from tfgrade.engine import Engine

    with _LOCK:
        if (course_root, device) not in _ENGINES:
            problems = check_worker(course_root)
            if problems:
                raise RuntimeError("; ".join(problems))
            _ENGINES[course_root, device] = Engine(Course(Path(course_root)), device=device, unsandboxed=unsandboxed)
            for slot in range(SLOTS_PER_WORKER if _SLOTS.empty() else 0):
                _SLOTS.put(slot)
        engine = _ENGINES[course_root, device]
        missing = [p for p in hidden if p not in engine.policy.hidden_paths and Path(p).exists()]
        if missing or not engine.isolation:  # the class folder and OUT, when this worker can see them
            engine.hide(*[p for p in hidden if Path(p).exists()])
            engine.require_isolation()  # fail closed on this worker too
        return engine


def grade_on_worker(course_root: str, device: str, submission: Submission, exercises: list[str],
                    hidden: tuple[str, ...] = (), unsandboxed: bool = False) -> Report:
    """What LocalPool does for one submission, on whichever worker Dask picked."""
    from tfgrade.engine import grade_or_explain

    engine = _engine(course_root, device, hidden, unsandboxed)
    slot = _SLOTS.get()
    try:
        return grade_or_explain(engine, submission, exercises, slot)
    finally:
        _SLOTS.put(slot)
