"""The baseline every benchmark here is measured against: a fresh process that imports TensorFlow."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def import_floor(runs: int = 3) -> float:
    """Median seconds of `python -c "import tensorflow"` over `runs` runs."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tensorflow"], check=True, stderr=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)
