"""Time of `tfgrade similarity` on a generated class of N students (all ten exercises each).

    python bench/similarity.py [--n 300] [--runs 5] [--copies 10]

Each student hands in, per exercise, a mutant from tests/submissions (one in five) or a solution whose every
function comes from a random correct/ variant or the reference, with about half the names the student chose
renamed (a suffix per student) and harmless statements of random shapes inserted before most of each
function's statements (what makes each student's code their own), every fifth student as notebooks; --copies
students copy another student's exercise (renamed again, functions reversed). Prints the medians over --runs
of: reading the class (load_class), comparing it (class_similarity), and, on one exercise, copydetect's own
CopyDetector (pygments, every pair) against tfgrade on the same files: the baseline measured in the same run.
Also prints how many planted copies were flagged and how many other pairs were: the generator hands each
test file's functions to about thirty students verbatim (a pool of 5-8 solutions per exercise), so pairs
that drew the same long passages are flagged as sharing them, truthfully for this data.

    python bench/similarity.py --grade [--n 300] [--runs 5]

measures instead what `tfgrade grade` adds to a grading run (similarity/in_grade.py on the submissions the run
has already read: compare, render similarity.html and .json and the class page's section, store them in the
gradebook, and write the two files as render_class does) against the baseline measured in the same run:
`tfgrade similarity CLASS --out OUT` alone (write_similarity: read the class, compare, write), medians of
--runs alternating runs.
"""

from __future__ import annotations

import argparse
import ast
import logging
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tfgrade.course import Course  # noqa: E402
from tfgrade.similarity.detect import class_similarity, exercise_similarity  # noqa: E402
from tfgrade.similarity.handout import handout_texts  # noqa: E402
from tfgrade.source.submission import load_class  # noqa: E402

EXERCISES = sorted(p.stem for p in (ROOT / "reference").glob("*.py"))


def _own_names(code: str) -> set[str]:
    """Names the author chose: assigned variables and parameters (not functions the grader calls)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:  # a syntax-error mutant: left as it is
        return set()
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    names |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments) for a in n.args}
    return {n for n in names if len(n) > 1 and n not in ("self", "tf", "np", "keras")}


FILLER_SHARE = 0.8  # of each function's statements get a filler before them
FILLERS = ("_ = None", "assert True", "_tmp = [0] * 2", "_tmp = {'k': 1}", "if False:\n    pass",
           "_tmp = len(str(1))", "_tmp = (1, 2)[0]", "for _ in range(0):\n    pass", "_tmp = 1 if True else 2",
           "_tmp = max(1, 2, 3)", "_tmp = [i for i in range(2)]", "_tmp = not False")


def perturb(code: str, rng: random.Random) -> str:
    """Before most of each function's statements, insert a harmless statement of a random shape: what
    makes every generated student's code their own, as real students' code is (renaming alone is undone by
    the normalisation, so without this every student would share the few test files verbatim)."""
    lines = code.splitlines()
    try:
        tree = ast.parse(code)
        points = [(s.lineno, s.col_offset) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
                  for s in f.body if rng.random() < FILLER_SHARE]
    except SyntaxError:  # a syntax-error mutant: before simple statements of function bodies
        points = [(number, len(line) - len(line.lstrip())) for number, line in enumerate(lines, start=1)
                  if re.match(r"\s{4,}(return |\w+ = )", line) and not lines[number - 2].rstrip().endswith(
                      ("(", "[", "{", ",", "\\")) and rng.random() < FILLER_SHARE]
    for line, column in sorted(points, reverse=True):
        filler = rng.choice(FILLERS).replace("\n", "\n" + " " * column)
        lines.insert(line - 1, " " * column + filler)
    return "\n".join(lines) + "\n"


def rename(code: str, suffix: str, rng: random.Random) -> str:
    """Rename about half of the author's own names."""
    for name in sorted(_own_names(code)):
        if rng.random() < 0.5:
            code = re.sub(rf"\b{re.escape(name)}\b", f"{name}_{suffix}", code)
    return code


def reverse_functions(code: str) -> str:
    header, *functions = re.split(r"\n(?=def )", code)
    return header + "\n" + "\n".join(f.rstrip() + "\n\n" for f in reversed(functions))


def as_notebook(code: str) -> str:
    header, *functions = re.split(r"\n(?=def )", code)
    cells = [nbformat.v4.new_code_cell(header.strip())] + [nbformat.v4.new_code_cell(f.strip()) for f in functions]
    return nbformat.writes(nbformat.v4.new_notebook(cells=cells))


def _split(code: str) -> tuple[str, dict[str, str]]:
    header, *functions = re.split(r"\n(?=def )", code)
    return header, {re.match(r"def (\w+)", f).group(1): f.rstrip() + "\n\n" for f in functions}


def _solution(variants: list[str], mutants: list[Path], rng: random.Random) -> str:
    """A mutant (one in five), or each function taken from a random correct variant (and the reference)."""
    if mutants and rng.random() < 0.2:
        return rng.choice(mutants).read_text()
    parts = [_split(code) for code in variants]
    header, functions = rng.choice(parts)
    chosen = [rng.choice([p[1][name] for p in parts if name in p[1]]) for name in functions]
    return header + "\n" + "\n".join(chosen)


def build_class(root: Path, n: int, copies: int, seed: int = 0) -> set[tuple[str, str, str]]:
    """Write n student folders; return the planted copies as (exercise, student, student)."""
    rng = random.Random(seed)
    submissions = ROOT / "tests" / "submissions"
    variants = {e: [(ROOT / "reference" / f"{e}.py").read_text(),
                    *(p.read_text() for p in sorted((submissions / e / "correct").glob(f"*/{e}.py")))]
                for e in EXERCISES}
    mutants = {e: sorted((submissions / e / "mutants").glob(f"*/{e}.py")) for e in EXERCISES}
    written: dict[tuple[str, str], str] = {}
    for number in range(n):
        student = f"s{number:03d}"
        for exercise in EXERCISES:
            code = perturb(_solution(variants[exercise], mutants[exercise], rng), rng)
            written[(student, exercise)] = rename(code, student, rng)
    planted = set()
    students = sorted({s for s, _ in written})
    for _ in range(copies):
        exercise = rng.choice(EXERCISES)
        source, copier = rng.sample(students, 2)
        written[(copier, exercise)] = reverse_functions(rename(written[(source, exercise)], "cp", rng))
        planted.add((exercise, *sorted((source, copier))))
    for (student, exercise), code in written.items():
        folder = root / student
        folder.mkdir(parents=True, exist_ok=True)
        if int(student[1:]) % 5 == 0:
            (folder / f"{exercise}.ipynb").write_text(as_notebook(code))
        else:
            (folder / f"{exercise}.py").write_text(code)
    return planted


def copydetect_baseline(files: dict[str, str], handout: list[str], folder: Path) -> float:
    """Seconds of copydetect's CopyDetector (its own pygments filter, every pair) on the same files."""
    from copydetect import CopyDetector

    logging.disable(logging.WARNING)
    (folder / "files").mkdir()
    (folder / "handout").mkdir()
    for student, code in files.items():
        (folder / "files" / f"{student}.py").write_text(code)
    for i, text in enumerate(handout):
        (folder / "handout" / f"h{i}.py").write_text(text)
    started = time.perf_counter()
    detector = CopyDetector(test_dirs=[str(folder / "files")], boilerplate_dirs=[str(folder / "handout")],
                            extensions=["py"], silent=True, autoopen=False)
    detector.run()
    detector.get_copied_code_list()
    return time.perf_counter() - started


def grade_part(root: Path, course: Course, runs: int) -> None:
    """Print the medians of the part `tfgrade grade` adds and of `tfgrade similarity` alone, and their ratio."""
    from tfgrade.render.similarity_part import write_files
    from tfgrade.similarity.command import write_similarity
    from tfgrade.similarity.in_grade import similarity_for_run
    from tfgrade.store import Gradebook

    submissions = load_class(root / "class")  # read once by `tfgrade grade` for grading anyway
    added, command = [], []
    for run in range(runs):
        out = root / f"grade{run}"
        out.mkdir()
        with Gradebook(out) as gradebook:
            started = time.perf_counter()
            record = similarity_for_run(gradebook, submissions, course, EXERCISES)
            write_files(out, gradebook)
            added.append(time.perf_counter() - started)
        assert "error" not in record, record
        started = time.perf_counter()
        write_similarity(root / "class", root / f"command{run}")
        command.append(time.perf_counter() - started)
    ratio = statistics.median(added) / statistics.median(command)
    print(f"  added to tfgrade grade   median {statistics.median(added):6.2f} s  "
          f"({', '.join(f'{t:.2f}' for t in added)})")
    print(f"  tfgrade similarity alone median {statistics.median(command):6.2f} s  "
          f"({', '.join(f'{t:.2f}' for t in command)}) (baseline)")
    print(f"  ratio: {ratio:.2f} of the command alone (grade has already read the class)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--grade", action="store_true", help="time the part tfgrade grade adds (see above)")
    args = parser.parse_args()
    course = Course(ROOT)
    with tempfile.TemporaryDirectory(prefix="tfgrade-bench-similarity-") as temporary:
        root = Path(temporary)
        planted = build_class(root / "class", args.n, args.copies)
        if args.grade:
            print(f"{args.n} students, {len(EXERCISES)} exercises, {args.runs} runs")
            grade_part(root, course, args.runs)
            return
        loads, compares = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            submissions = load_class(root / "class")
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            results = class_similarity(submissions, course)
            compares.append(time.perf_counter() - started)
        flagged = {(p.exercise, *sorted((p.a, p.b))) for r in results for p in r.flagged}
        files = sum(r.students for r in results)
        print(f"{args.n} students, {files} files, {len(EXERCISES)} exercises, {args.runs} runs")
        print(f"  load_class          median {statistics.median(loads):6.2f} s  "
              f"({', '.join(f'{t:.2f}' for t in loads)})")
        print(f"  class_similarity    median {statistics.median(compares):6.2f} s  "
              f"({', '.join(f'{t:.2f}' for t in compares)})")
        print(f"  planted copies flagged: {len(planted & flagged)} of {len(planted)}; "
              f"other pairs flagged: {len(flagged - planted)}")
        exercise = "linear_classifier"
        one = {s.student: s.files[exercise].text.text for s in submissions if exercise in s.files}
        handout = handout_texts(course, exercise)
        ours, theirs = [], []
        for run in range(max(1, min(args.runs, 3))):
            started = time.perf_counter()
            exercise_similarity(exercise, {k: ("x.py", v) for k, v in one.items()}, handout)
            ours.append(time.perf_counter() - started)
            base = root / f"copydetect{run}"
            base.mkdir()
            theirs.append(copydetect_baseline(one, handout, base))
        ratio = statistics.median(theirs) / statistics.median(ours)
        print(f"  one exercise ({exercise}, {len(one)} files): tfgrade median {statistics.median(ours):.2f} s, "
              f"copydetect's CopyDetector median {statistics.median(theirs):.2f} s (baseline): {ratio:.1f}x faster")


if __name__ == "__main__":
    main()
