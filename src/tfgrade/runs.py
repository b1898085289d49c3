"""The record of the last grading run (when, which versions, on what, how much was graded or kept), kept in
the gradebook's meta table so that `tfgrade report OUT` renders the same class page again."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from tfgrade.store import Gradebook

RUN_KEY = "last_run"


def now() -> datetime:
    """The current time in UTC."""
    return datetime.now(timezone.utc)


def run_record(engine: Any, *, started: datetime, graded: int, kept: int, workers: int,
               scheduler: str | None = None) -> dict[str, Any]:
    """What the class page says about a run of `tfgrade grade` that graded `graded` submissions and kept `kept`."""
    from tfgrade import __version__

    finished = now()
    environment = getattr(engine, "environment", {}) or {}
    isolation = getattr(engine, "isolation", {}) or {}
    return {"started": started.isoformat(timespec="seconds"), "finished": finished.isoformat(timespec="seconds"),
            "seconds": round((finished - started).total_seconds(), 1), "graded": graded, "kept": kept,
            "tfgrade": __version__, "tensorflow": environment.get("tensorflow"), "keras": environment.get("keras"),
            "numpy": environment.get("numpy"), "python": environment.get("python"),
            "device": environment.get("device"), "device_choice": getattr(engine, "device_choice", None),
            "exercises": [g.exercise for g in getattr(engine, "graders", [])],
            "workers": None if scheduler else workers, "scheduler": scheduler,
            "sandbox_mode": isolation.get("mode"), "unsandboxed": bool(getattr(engine, "unsandboxed", False))}


def save_run(gradebook: Gradebook, record: dict[str, Any]) -> None:
    """Keep `record` as the gradebook's last run."""
    gradebook.set_meta(**{RUN_KEY: json.dumps(record, sort_keys=True)})


def load_run(gradebook: Gradebook) -> dict[str, Any] | None:
    """The last run's record, or None for a gradebook written before runs were recorded."""
    text = gradebook.meta(RUN_KEY)
    try:
        record = json.loads(text) if text else None
    except ValueError:
        return None
    return record if isinstance(record, dict) else None
