"""The baseline every benchmark here is measured against: a fresh process that imports TensorFlow."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

FLOOR_COMMAND = [sys.executable, "-c", "import tensorflow"]


def timed(command: list[str], cwd: Path | None = None, check: bool = True) -> float:
    """Wall seconds of one run of `command` (its output discarded); `check=False` times a failing run too."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def import_floor(runs: int = 3) -> float:
    """Median seconds of `python -c "import tensorflow"` over `runs` runs."""
    return statistics.median(timed(FLOOR_COMMAND) for _ in range(runs))
