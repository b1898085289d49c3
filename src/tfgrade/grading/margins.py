"""How far a measured value lies inside its tolerance: cases report it with `margin(...)`, `tfgrade audit`
reads it on the reference's run and warns when the reference passes only narrowly (docs/audit.md)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_RECORDING = threading.local()  # the margins of the case running in this thread (grading/runtime.py)


def margin(what: str, value: float, limit: float, *, below: bool = True, passed: int | None = None,
           of: int | None = None) -> None:
    """Record that `value` must stay below `limit` (or above it, `below=False`); `passed`/`of` count the seeds
    (or runs) that met it. The room is a share of the limit (absolute when the limit is 0). Changes no
    verdict; a no-op outside a graded case."""
    items = getattr(_RECORDING, "items", None)
    if items is None:
        return
    value, limit = float(value), float(limit)
    room = (limit - value) if below else (value - limit)
    items.append({"what": what, "value": value, "limit": limit, "below": below,
                  "room": room / abs(limit) if limit else room, "passed": passed, "of": of})


@contextmanager
def recording() -> Iterator[list[dict[str, Any]]]:
    """Collect the margins that `margin` records in this thread while the block runs."""
    previous = getattr(_RECORDING, "items", None)
    _RECORDING.items = items = []
    try:
        yield items
    finally:
        _RECORDING.items = previous
