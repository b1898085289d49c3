"""Throughput of `tfgrade grade` on a generated class of complete submissions (all exercises).

    python bench/grade_class.py [--n 100] [--workers 2] [--runs 1] [--wrong 0.3]

Each student hands in every exercise: the reference, or (with probability --wrong per exercise)
one of that exercise's mutants from tests/submissions. Prints, per run and as medians: the wall
time of the whole command, the per-submission median (grading time in the gradebook), the peak
memory of the whole process tree (the sum of RSS, which counts pages shared with the zygote once
per process, and the sum of PSS, which shares them out), and the sandbox overhead: the time spent
grading exercises beyond what the student's probes computed in the sandbox, against that compute.
The baseline measured in the same run is `python -c "import tensorflow"`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from floor import import_floor

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"wall": 240.0, "overhead": 0.25, "rss": 2.5e9}


def build_class(root: Path, n: int, wrong: float, seed: int = 0) -> dict[str, int]:
    """n student folders; returns how many exercises of each kind were handed in."""
    rng = random.Random(seed)
    exercises = sorted(p.stem for p in (ROOT / "reference").glob("*.py"))
    counts = {"correct": 0, "wrong": 0}
    for number in range(n):
        folder = root / f"s{number:03d}"
        folder.mkdir(parents=True)
        for exercise in exercises:
            submissions = ROOT / "tests" / "submissions" / exercise
            mutants = sorted((submissions / "mutants").glob(f"*/{exercise}.py"))
            variants = sorted((submissions / "correct").glob(f"*/{exercise}.py"))
            correct = [ROOT / "reference" / f"{exercise}.py", *variants]
            if mutants and rng.random() < wrong:
                source, kind = rng.choice(mutants), "wrong"
            else:  # the reference or any correct variant: students write the same thing in many ways
                source, kind = rng.choice(correct), "correct"
            shutil.copy(source, folder / f"{exercise}.py")
            counts[kind] += 1
    return counts


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    return children


def _tree_memory(root: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes over a process and all its descendants."""
    children, stack, rss, pss = _children(), [root], 0, 0
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


def run_once(classroom: Path, out: Path, workers: int, cache: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "tfgrade", "grade", str(classroom), "--out", str(out), "--workers",
               str(workers), "--quiet"]
    peak = [0, 0]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "TFGRADE_CACHE": str(cache)})

    def watch() -> None:
        while process.poll() is None:
            rss, pss = _tree_memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    if process.wait() != 0:
        raise RuntimeError("tfgrade grade failed")
    wall = time.perf_counter() - started
    watcher.join()
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        rows = db.execute("SELECT student, SUM(seconds), SUM(probe_seconds) FROM exercises GROUP BY student").fetchall()
        per_exercise = db.execute("SELECT exercise, seconds, probe_seconds FROM exercises").fetchall()
    seconds = [s for _, s, _ in rows]
    graded, computed = sum(seconds), sum(p for _, _, p in rows)
    result = {"wall": wall, "per_submission": statistics.median(seconds), "rss": peak[0], "pss": peak[1],
              "overhead": (graded - computed) / computed, "students": len(rows)}
    for exercise in sorted({e for e, _, _ in per_exercise}):
        result[f"exercise:{exercise}"] = statistics.median(s for e, s, _ in per_exercise if e == exercise)
        result[f"probes:{exercise}"] = statistics.median(p for e, _, p in per_exercise if e == exercise)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--wrong", type=float, default=0.3, help="probability that an exercise is a mutant")
    parser.add_argument("--cold", action="store_true", help="every run starts with an empty cache (default: the "
                        "first run fills it, later runs reuse it, as a second run of a course does)")
    args = parser.parse_args()
    floor = import_floor()
    runs = []
    with tempfile.TemporaryDirectory(prefix="tfgrade-class-bench-") as tmp:
        counts = build_class(Path(tmp) / "class", args.n, args.wrong)
        print(f"{args.n} complete submissions ({counts['correct']} correct and {counts['wrong']} wrong exercises, "
              f"correct ones drawn from the reference and the correct variants), {args.workers} workers; "
              f"import tensorflow floor {floor:.2f} s (median of 3)")
        for run in range(args.runs):
            cache = Path(tmp) / (f"cache{run}" if args.cold else "cache")
            state = "empty" if args.cold or run == 0 else "warm"
            result = run_once(Path(tmp) / "class", Path(tmp) / f"out{run}", args.workers, cache)
            runs.append(result)
            print(f"  run {run + 1} ({state} cache): wall {result['wall']:.1f} s = {result['wall'] / floor:.1f} x "
                  f"floor, per submission {result['per_submission']:.2f} s, "
                  f"peak RSS {result['rss'] / 1e9:.2f} GB (PSS {result['pss'] / 1e9:.2f} GB), "
                  f"overhead {result['overhead']:.1%}")
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"median of {len(runs)} run(s):")
    print(f"  wall            {median['wall']:8.1f} s  = {median['wall'] / floor:6.1f} x floor   "
          f"(target <= {TARGETS['wall']:.0f} s: {'met' if median['wall'] <= TARGETS['wall'] else 'NOT met'})")
    print(f"  per submission  {median['per_submission']:8.2f} s  = {median['per_submission'] / floor:6.2f} x floor "
          f"(grading time of one submission; wall / n = {median['wall'] / args.n:.2f} s)")
    print(f"  peak RSS        {median['rss'] / 1e9:8.2f} GB (PSS {median['pss'] / 1e9:.2f} GB) "
          f"(target <= 2.5 GB: {'met' if median['rss'] <= TARGETS['rss'] else 'NOT met'})")
    print(f"  sandbox overhead {median['overhead']:7.1%} of the probes' own compute "
          f"(target <= 25%: {'met' if median['overhead'] <= TARGETS['overhead'] else 'NOT met'})")
    print("  per exercise, median seconds graded / computed by the probes:")
    for key in sorted(k for k in median if k.startswith("exercise:")):
        exercise = key.split(":", 1)[1]
        print(f"    {exercise:20s} {median[key]:6.2f} / {median['probes:' + exercise]:6.2f}")


if __name__ == "__main__":
    main()
