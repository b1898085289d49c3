"""Per-submission wall time of `tfgrade grade` on the sample class, next to the import-only floor.

    python bench/grade_sample.py [--runs 5] [--workers 2]

Prints medians over --runs runs of: `python -c "import tensorflow"` (the floor any
process that grades TF code pays once), the whole `tfgrade grade` command, and the
per-submission share of it, with ratios against the floor measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from floor import FLOOR_COMMAND, timed

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--class-dir", type=Path, default=ROOT / "sample_class")
    args = parser.parse_args()
    students = [p for p in args.class_dir.iterdir() if p.is_dir()]
    floors, totals, in_grader = [], [], []
    for _ in range(args.runs):
        floors.append(timed(FLOOR_COMMAND, ROOT))
        with tempfile.TemporaryDirectory() as out:
            totals.append(timed([sys.executable, "-m", "tfgrade", "grade", str(args.class_dir), "--out", out,
                                 "--workers", str(args.workers), "--quiet"], ROOT))
            seconds = [json.loads(p.read_text())["timing"].get("seconds", 0) for p in Path(out).glob("*/report.json")]
            in_grader.append(statistics.median(seconds))
    floor, total, per_report = (statistics.median(v) for v in (floors, totals, in_grader))
    per_submission = total / len(students)
    print(f"sample class: {len(students)} submissions, {args.workers} workers, median of {args.runs} runs")
    print(f"  import tensorflow (floor)           {floor:7.2f} s")
    print(f"  tfgrade grade, whole command         {total:7.2f} s   = {total / floor:5.2f} x floor")
    print(f"  per submission (wall / submissions)  {per_submission:7.2f} s   = {per_submission / floor:5.2f} x floor")
    print(f"  per submission, grading only (median of report timings) {per_report:.2f} s")


if __name__ == "__main__":
    main()
