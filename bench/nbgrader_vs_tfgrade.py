"""nbgrader autograde and tfgrade grade on the same N notebook submissions, in the same run.

    python bench/nbgrader_vs_tfgrade.py [--n 20] [--workers 2] [--tfgrade-runs 3]
                                        [--exercises simple_dense,tls_regression,xor_net]

Exports the course with `tfgrade nbgrader export`, releases it with `nbgrader generate_assignment`,
and builds N student submissions of the released notebooks, in turn: correct, wrong (a mutant from
tests/submissions for each exercise), correct but training the slow way at top level (as students'
notebooks do: `model.fit(..., epochs=2000, batch_size=4)` and a plot), and unchanged stubs.
Then it times `nbgrader autograde` over the class once, and `tfgrade grade` on the same folder
--tfgrade-runs times, and prints wall times, per-submission medians, the ratio, and whether every
student's per-exercise points agree. Needs nbgrader (the test extras) and a few minutes per submission
for nbgrader.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "ps1"
KINDS = ("correct", "wrong", "slow", "correct", "wrong", "slow", "correct", "stub")
SLOW_CELLS = {  # what students leave at the top level of their notebooks
    "simple_dense": ("%matplotlib inline\nimport matplotlib.pyplot as plt\nimport numpy as np\n"
                     "x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype='float32')\n"
                     "y = np.array([[0], [1], [1], [0]], dtype='float32')\n"
                     "model = keras.Sequential([keras.Input((2,)), SimpleDense(8, activation=tf.nn.tanh),\n"
                     "                          SimpleDense(1, activation=tf.nn.sigmoid)])\n"
                     "model.compile(optimizer='sgd', loss='binary_crossentropy')\n"
                     "history = model.fit(x, y, epochs=2000, batch_size=4)\n"
                     "plt.plot(history.history['loss'])\nplt.show()\nprint(model.predict(x))"),
    "tls_regression": ("%matplotlib inline\nimport matplotlib.pyplot as plt\n"
                       "x = np.linspace(0, 10, 200).astype('float32')\n"
                       "y = (2 * x + 1 + np.random.default_rng(0).normal(0, 2, 200)).astype('float32')\n"
                       "for loss in (ols_loss, tls_loss):\n"
                       "    w, b = fit_line(x, y, loss, steps=3000, learning_rate=0.01)\n"
                       "    plt.plot(x, float(w) * x + float(b), label=loss.__name__)\n"
                       "plt.scatter(x, y, s=4)\nplt.legend()\nplt.show()"),
    "xor_net": ("%matplotlib inline\nimport matplotlib.pyplot as plt\n"
                "x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype='float32')\n"
                "y = np.array([[0], [1], [1], [0]], dtype='float32')\n"
                "model = build_xor_model()\n"
                "history = model.fit(x, y, batch_size=4, epochs=XOR_EPOCHS)\n"
                "plt.plot(history.history['loss'])\nplt.show()\nprint(model.predict(x))"),
}


def build_class(course: Path, n: int, exercises: list[str]) -> dict[str, str]:
    """submitted/<student>/ps1/<exercise>.ipynb for n students; returns student -> kind."""
    from tfgrade.nbgrader.fill import fill_solution_cells

    kinds = {}
    for number in range(n):
        kind = KINDS[number % len(KINDS)]
        student = f"s{number:03d}-{kind}"
        kinds[student] = kind
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC\n")
        for exercise in exercises:
            notebook = nbformat.read(course / "release" / ASSIGNMENT / f"{exercise}.ipynb", as_version=4)
            reference = (ROOT / "reference" / f"{exercise}.py").read_text()
            if kind in ("correct", "slow"):
                extra = (SLOW_CELLS[exercise],) if kind == "slow" and exercise in SLOW_CELLS else ()
                notebook = fill_solution_cells(notebook, reference, extra_cells=extra)
            elif kind == "wrong":
                mutants = sorted((ROOT / "tests" / "submissions" / exercise / "mutants").glob(f"*/{exercise}.py"))
                mutants = [m for m in mutants if "stub-unchanged" not in str(m)]
                notebook = fill_solution_cells(notebook, mutants[number % len(mutants)].read_text())
            nbformat.write(notebook, folder / f"{exercise}.ipynb")
    return kinds


def environment(work: Path) -> dict[str, str]:
    """This interpreter's scripts on PATH (nbgrader runs `alembic`) and its kernel ahead of any other."""
    jupyter = work / "jupyter"
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", str(jupyter), "--name", "python3"],
                   check=True, capture_output=True)
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "JUPYTER_PATH": str(jupyter / "share" / "jupyter"), "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
            "IPYTHONDIR": str(work / "ipython"), "MPLCONFIGDIR": str(work / "mpl"), "KERAS_HOME": str(work / "keras"),
            "TF_CPP_MIN_LOG_LEVEL": "2"}


def nbgrader_autograde(course: Path, env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Wall time of `nbgrader autograde`, and each student's share (from when nbgrader starts on them)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT], cwd=course, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    begins: dict[str, float] = {}
    for line in process.stderr:
        found = re.search(r"Sanitizing .*/submitted/([^/]+)/", line)
        if found and found.group(1) not in begins:
            begins[found.group(1)] = time.perf_counter()
    if process.wait() != 0:
        raise RuntimeError("nbgrader autograde failed")
    ended = time.perf_counter()
    order = sorted(begins, key=begins.get)
    shares = {s: (begins[order[i + 1]] if i + 1 < len(order) else ended) - begins[s] for i, s in enumerate(order)}
    return ended - started, shares


def nbgrader_points(course: Path, students: list[str]) -> dict[tuple[str, str], float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {(s, nb.name): float(nb.score) for s in students
                for nb in gradebook.find_submission(ASSIGNMENT, s).notebooks}


def tfgrade_grade(course: Path, out: Path, workers: int, env: dict[str, str]) -> tuple[float, list[float]]:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tfgrade", "grade", str(course), "--out", str(out), "--workers",
                    str(workers), "--quiet"], check=True, env=env, cwd=course, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    return wall, [json.loads(p.read_text())["timing"]["seconds"] for p in out.glob("*/report.json")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20, help="submissions (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="tfgrade workers (default 2)")
    parser.add_argument("--tfgrade-runs", type=int, default=3, help="tfgrade runs; medians are quoted")
    parser.add_argument("--exercises", default="simple_dense,tls_regression,xor_net")
    parser.add_argument("--keep", type=Path, default=None, help="work in this (new) folder and keep it")
    args = parser.parse_args()
    exercises = args.exercises.split(",")
    from tfgrade.course import Course
    from tfgrade.nbgrader.export import export_course

    with tempfile.TemporaryDirectory(prefix="tfgrade-bench-") as tmp:
        work = args.keep or Path(tmp)
        env = environment(work)
        course = export_course(work / "course", assignment=ASSIGNMENT, exercises=exercises, course=Course(ROOT))
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT], cwd=course, env=env,
                       check=True, capture_output=True)
        kinds = build_class(course, args.n, exercises)
        print(f"{args.n} submissions of {len(exercises)} notebooks ({', '.join(exercises)}): "
              + ", ".join(f"{sum(k == kind for k in kinds.values())} {kind}" for kind in dict.fromkeys(KINDS)))
        nb_wall, nb_shares = nbgrader_autograde(course, env)
        points = nbgrader_points(course, list(kinds))
        tf_walls, tf_each = [], []
        for run in range(args.tfgrade_runs):
            out = work / f"out{run}"
            wall, each = tfgrade_grade(course, out, args.workers, env)
            tf_walls.append(wall)
            tf_each.append(statistics.median(each))
        ours = {(row["student"], e): float(row[e]) for row in csv.DictReader((out / "gradebook.csv").open())
                for e in exercises}
    differ = sorted(k for k in points if points[k] != ours.get(k))
    tf_wall = statistics.median(tf_walls)
    nb_each = statistics.median(nb_shares.values())
    print(f"nbgrader autograde (1 run, serial)      wall {nb_wall:8.1f} s   per submission median {nb_each:6.1f} s")
    print(f"tfgrade grade ({args.workers} workers, median of {args.tfgrade_runs}) wall {tf_wall:8.1f} s   "
          f"per submission median {statistics.median(tf_each):6.1f} s (grading time in report.json)")
    print(f"  tfgrade runs: {', '.join(f'{w:.1f}' for w in tf_walls)} s")
    print(f"ratio (nbgrader wall / tfgrade wall)    {nb_wall / tf_wall:6.1f}x")
    for kind in dict.fromkeys(KINDS):
        shares = [nb_shares[s] for s, k in kinds.items() if k == kind and s in nb_shares]
        if shares:
            print(f"  nbgrader per {kind} submission, median {statistics.median(shares):6.1f} s")
    print("scores: " + ("identical for every student and exercise" if not differ else
                        f"{len(differ)} differ: " + ", ".join(f"{s}/{e} nbgrader {points[(s, e)]:g} tfgrade "
                                                              f"{ours.get((s, e))}" for s, e in differ)))
    total = sum(points.values())
    print(f"  total points {total:g} of {len(points) * 10}")


if __name__ == "__main__":
    main()
