"""How long `tfgrade audit` takes, against grading one complete submission (the reference) in the same run.

    python bench/audit.py [--exercise NAME ...] [--mutants 12] [--workers 2] [--runs 3] [--proofs tests/submissions]

One engine serves every run (TensorFlow imported and the zygote started once, as in `tfgrade audit`). Each run
grades the reference once with `engine.grade` (the baseline), then audits the same exercises: the reference
twice, the stub, every proof folder and the generated mutants, on --workers sandboxes. Run 1 also computes the
reference values (cold); the medians are over all runs and over runs 2.. (warm). Prints the number of gradings
the audit made and the ratio audit / baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", dest="exercises", action="append", default=None)
    parser.add_argument("--mutants", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--proofs", type=Path, default=ROOT / "tests" / "submissions")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="tfgrade-bench-audit-")
    os.environ.update({"TF_CPP_MIN_LOG_LEVEL": "2", "KERAS_HOME": f"{home}/keras", "MPLCONFIGDIR": f"{home}/mpl",
                       "TFGRADE_CACHE": f"{home}/cache"})  # cold reference values on run 1, never the user's cache
    from tfgrade.audit.run import audit
    from tfgrade.course import Course
    from tfgrade.engine import Engine
    from tfgrade.source.submission import load_submission

    course = Course(ROOT)
    started = time.perf_counter()
    engine = Engine(course, exercises=args.exercises)
    exercises = [g.exercise for g in engine.graders]
    print(f"engine ready in {time.perf_counter() - started:.1f} s; exercises: {', '.join(exercises)}; "
          f"--mutants {args.mutants}, --workers {args.workers}", flush=True)
    baselines, audits = [], []
    for run in range(1, args.runs + 1):
        begun = time.perf_counter()
        engine.grade(load_submission(course.reference_dir, student="reference"), exercises=exercises)
        baselines.append(time.perf_counter() - begun)
        begun = time.perf_counter()
        result = audit(course, args.proofs, Path(tempfile.mkdtemp(prefix="audit-", dir=home)), exercises=exercises,
                       mutants=args.mutants, workers=args.workers, engine=engine)
        audits.append(time.perf_counter() - begun)
        gradings = sum(3 + len([c for c in e["checks"] if c["kind"] in ("mutant", "correct")])
                       + e["generated"]["graded"] for e in result["exercises"])
        print(f"run {run}: reference once {baselines[-1]:.1f} s; audit {audits[-1]:.1f} s for {gradings} gradings "
              f"({audits[-1] / gradings:.2f} s each); ratio {audits[-1] / baselines[-1]:.1f}", flush=True)
    print(f"median of {args.runs} runs: reference once {statistics.median(baselines):.1f} s, audit "
          f"{statistics.median(audits):.1f} s, ratio {statistics.median(audits) / statistics.median(baselines):.1f}")
    if args.runs > 1:
        warm_b, warm_a = statistics.median(baselines[1:]), statistics.median(audits[1:])
        print(f"median of runs 2..{args.runs} (reference values cached): reference once {warm_b:.1f} s, "
              f"audit {warm_a:.1f} s, ratio {warm_a / warm_b:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
