"""The proofs layout beside a course's graders: which folders prove what, and the author's annotations.

    <proofs>/<exercise>/mutants/<hint-id>[--<variant>]/<exercise>.py   one mistake: loses points, names <hint-id>
    <proofs>/<exercise>/correct/<name>/<exercise>.py                   right: full marks, no hint
    <proofs>/<exercise>/also-expected.txt   <mutant folder> <hint-id> ...  hints a mutant may also show
    <proofs>/<exercise>/equivalent.txt      <generated mutant id> <reason>  survivors judged equivalent
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ALSO_EXPECTED = "also-expected.txt"
EQUIVALENT = "equivalent.txt"


@dataclass(frozen=True)
class Proof:
    """One folder of the proofs: a mutant (one mistake) or a correct variant of an exercise."""

    exercise: str
    kind: str  # "mutant" or "correct"
    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def hint(self) -> str:
        """The hint id a mutant must be given (its folder name before `--`)."""
        return self.name.split("--")[0]

    @property
    def file(self) -> Path:
        return self.folder / f"{self.exercise}.py"


def default_proofs(course_root: Path) -> Path:
    """Where a course keeps its proofs unless told otherwise: <course>/proofs."""
    return Path(course_root) / "proofs"


def proofs_for(proofs_dir: Path, exercise: str) -> list[Proof]:
    """The exercise's mutants, then its correct variants, each sorted by folder name."""
    found = []
    for kind, sub in (("mutant", "mutants"), ("correct", "correct")):
        folder = Path(proofs_dir) / exercise / sub
        found += [Proof(exercise, kind, p) for p in sorted(folder.glob("*")) if p.is_dir()]
    return found


def _lines(path: Path) -> list[list[str]]:
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line.split(maxsplit=1))
    return rows


def also_expected(proofs_dir: Path, exercise: str) -> dict[str, set[str]]:
    """Mutant folder -> hint ids it may show besides its own (its one mistake really causes them)."""
    return {row[0]: set(row[1].split()) if len(row) > 1 else set()
            for row in _lines(Path(proofs_dir) / exercise / ALSO_EXPECTED)}


def equivalent(proofs_dir: Path, exercise: str) -> dict[str, str]:
    """Generated mutant id -> the author's reason it is equivalent to the reference (not a grader hole)."""
    return {row[0]: row[1] if len(row) > 1 else "(no reason given)"
            for row in _lines(Path(proofs_dir) / exercise / EQUIVALENT)}


def coverage_problems(exercise: str, mistakes: tuple[str, ...], proofs: list[Proof], catalogue: set[str]
                      ) -> list[str]:
    """What is missing or wrong in the layout itself: MISTAKES ids unknown or without a mutant, mutants for
    ids the grader does not declare, folders without the exercise's file."""
    problems = []
    declared = set(mistakes)
    if declared - catalogue:
        problems.append(f"MISTAKES names ids not in the hint catalogue: {', '.join(sorted(declared - catalogue))}")
    proven = {p.hint for p in proofs if p.kind == "mutant"}
    if declared - proven:
        problems.append(f"no mutant proves {', '.join(sorted(declared - proven))} (add mutants/<hint-id>/"
                        f"{exercise}.py)")
    if proven - declared:
        problems.append(f"mutants for ids the grader does not list in MISTAKES: {', '.join(sorted(proven - declared))}")
    problems += [f"{p.kind} {p.name}: no {p.file.name} in its folder" for p in proofs if not p.file.is_file()]
    return problems
