"""Seconds to grade one complete correct submission (all exercises, all cases), per exercise.

    python bench/grade_one.py [--runs 5] [--submission reference]

Run 1 is cold (reference values computed and cached, as for the first student of a class);
runs 2.. are what every further student costs. Prints the cold figures and the median of the
warm runs per exercise, next to the import-only floor (`import tensorflow` in a fresh process).
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from floor import import_floor

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--submission", type=Path, default=ROOT / "reference")
    args = parser.parse_args()
    floor = import_floor()
    from tfgrade.course import Course
    from tfgrade.engine import Engine
    from tfgrade.source.submission import load_submission

    engine = Engine(Course(ROOT))
    submission = load_submission(args.submission)
    runs = [engine.grade(submission) for _ in range(args.runs + 1)]
    cold, warm = runs[0], runs[1:]
    print(f"one submission ({args.submission.name}), {args.runs} warm runs after one cold run; "
          f"import tensorflow floor {floor:.2f} s (median of 3)")
    print(f"{'exercise':20} {'cold s':>8} {'warm s (median)':>16} {'x floor':>8} {'probes s':>9}  score")
    for exercise in [*(g.exercise for g in engine.graders), "seconds"]:
        median = statistics.median(r.timing[exercise] for r in warm)
        probes = [r.timing["probe_seconds"].get(exercise) for r in warm]
        probes = statistics.median(probes) if exercise != "seconds" else statistics.median(
            sum(r.timing["probe_seconds"].values()) for r in warm)
        score = "" if exercise == "seconds" else "{:g}/{:g}".format(*warm[-1].exercise_score(exercise))
        label = "total" if exercise == "seconds" else exercise
        print(f"{label:20} {cold.timing[exercise]:8.2f} {median:16.2f} {median / floor:8.2f} {probes:9.2f}  {score}")
    print("probes s: what the student's probes computed in the sandbox; the rest of warm s is the sandbox "
          "(fork, import, replies) and the trusted side's checks")


if __name__ == "__main__":
    main()
