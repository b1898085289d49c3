"""The student's self-check against its floor: `tfgrade check` in a released bundle vs `import tensorflow`.

    python bench/self_check.py [--runs 5] [--exercise simple_dense]

Releases the course into a temporary bundle, puts the reference solutions where a student's files
go, and times, alternately in fresh processes: `python -c "import tensorflow"` (the floor), `tfgrade
check EXERCISE` and `tfgrade check` (every exercise, public cases only). Prints medians and the ratios
to the floor of the same run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from floor import FLOOR_COMMAND, timed

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--exercise", default="simple_dense")
    args = parser.parse_args()
    from tfgrade.course import Course
    from tfgrade.release import release

    with tempfile.TemporaryDirectory(prefix="tfgrade-selfcheck-bench-") as tmp:
        bundle = release(Path(tmp) / "bundle", Course(ROOT))
        mine = Path(tmp) / "mine"
        shutil.copytree(ROOT / "reference", mine)
        check = [sys.executable, "-m", "tfgrade", "check", "--path", str(mine)]
        times: dict[str, list[float]] = {"floor": [], "one": [], "all": []}
        for _ in range(args.runs):
            times["floor"].append(timed(FLOOR_COMMAND, bundle))
            times["one"].append(timed([*check, args.exercise], bundle, check=False))
            times["all"].append(timed(check, bundle, check=False))
    floor, one, every = (statistics.median(times[k]) for k in ("floor", "one", "all"))
    print(f"student bundle, reference solutions as the student's files, median of {args.runs} runs")
    print(f"  import tensorflow (floor)        {floor:6.2f} s")
    print(f"  tfgrade check {args.exercise:18} {one:6.2f} s = {one / floor:4.2f} x floor (target 1.4)")
    print(f"  tfgrade check (all exercises)    {every:6.2f} s = {every / floor:4.2f} x floor (target 2)")


if __name__ == "__main__":
    main()
