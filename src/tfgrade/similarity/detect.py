"""Pairs of students whose normalised code shares unusually much, per exercise.

copydetect (MOSS's winnowing) supplies the k-gram hashing, the winnowing, the matched slices and the
coverage. Added here: a faster normalisation (normalise.py; copydetect's pygments filter takes 5x longer),
handed-out code removed exactly, passages a large part of the class shares treated like handed-out code
(MOSS's `-m`), and an inverted index so only pairs that share enough fingerprints are compared.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from copydetect.utils import get_copied_slices, get_token_coverage, hashed_kgrams, winnow

from tfgrade.course import Course
from tfgrade.similarity.handout import handout_texts
from tfgrade.similarity.normalise import Normalised, normalise
from tfgrade.source.notebook import ModuleText
from tfgrade.source.submission import Submission


@dataclass(frozen=True)
class Settings:
    """How much counts as a match, and when a pair is flagged."""

    k: int = 25  # shortest match that counts, in characters of the normalised string (one per name/number/op)
    window: int = 1  # winnowing window: 1 keeps every k-gram
    threshold: float = 0.6  # flag when this share of one student's own code matches the other's ...
    min_match: int = 80  # ... and at least this many normalised characters match (tiny files prove nothing)
    common_share: float = 0.1  # a passage in more than this share of the class ...
    common_min: int = 3  # ... and in more than this many students is common knowledge, not evidence
    context: int = 5  # unflagged pairs shown below the flagged ones, for calibration


@dataclass
class Document:
    """One student's file for one exercise, fingerprinted."""

    student: str
    display: str
    source: str
    norm: Normalised
    cells: list[int]  # a notebook's cell number per line of `source` (empty for .py files)
    hashes: np.ndarray  # winnowed hashes, in order (may repeat)
    positions: np.ndarray  # their positions in norm.text
    coverage: float = 0.0

    def keep(self, unwanted: np.ndarray, k: int) -> None:
        """Drop fingerprints in `unwanted`, then measure how much of the text the rest cover."""
        mask = ~np.isin(self.hashes, unwanted)
        self.hashes, self.positions = self.hashes[mask], self.positions[mask]
        self.coverage = float(get_token_coverage({0: self.positions}, k, len(self.norm.text)))


@dataclass
class Pair:
    """Two students' files for one exercise and what they share (spans of their source text)."""

    exercise: str
    a: str
    b: str
    similarity: float
    similarity_a: float
    similarity_b: float
    matched: int
    flagged: bool
    regions_a: list[tuple[int, int, int]]  # (start, end, group): group n of a matches group n of b
    regions_b: list[tuple[int, int, int]]

    def to_dict(self) -> dict:
        return {"exercise": self.exercise, "a": self.a, "b": self.b, "similarity": round(self.similarity, 4),
                "similarity_a": round(self.similarity_a, 4), "similarity_b": round(self.similarity_b, 4),
                "matched": self.matched, "flagged": self.flagged,
                "regions_a": [list(r) for r in self.regions_a], "regions_b": [list(r) for r in self.regions_b]}


@dataclass
class ExerciseSimilarity:
    """The ranked pairs of one exercise, with the files they refer to."""

    exercise: str
    students: int
    pairs: list[Pair]
    documents: dict[str, Document]
    common: int = 0  # fingerprints ignored as common to much of the class
    handout: int = 0  # fingerprints of handed-out code

    @property
    def flagged(self) -> list[Pair]:
        return [p for p in self.pairs if p.flagged]


def fingerprint(source: str, settings: Settings) -> tuple[Normalised, np.ndarray, np.ndarray]:
    """The normalised text, and its winnowed k-gram hashes with their positions."""
    norm = normalise(source)
    if len(norm.text) < settings.k:
        return norm, np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    hashes, positions = winnow(hashed_kgrams(norm.text, settings.k), settings.window, remove_duplicates=False)
    return norm, np.asarray(hashes, dtype=np.int64), np.asarray(positions, dtype=np.int64)


def handout_hashes(texts: list[str], k: int) -> np.ndarray:
    """Every k-gram hash of the handed-out texts."""
    hashes = [hashed_kgrams(normalise(text).text, k) for text in texts]
    return np.unique(np.concatenate([np.asarray(h, dtype=np.int64) for h in hashes] or [np.array([], np.int64)]))


def common_hashes(documents: list[Document], settings: Settings) -> np.ndarray:
    """Fingerprints found in more than max(common_min, common_share x class size) students' files."""
    if not documents:
        return np.array([], dtype=np.int64)
    values, counts = np.unique(np.concatenate([np.unique(d.hashes) for d in documents]), return_counts=True)
    limit = max(settings.common_min, settings.common_share * len(documents))
    return values[counts > limit]


def candidate_pairs(documents: list[Document], settings: Settings) -> list[tuple[int, int]]:
    """Pairs sharing enough distinct fingerprints that their similarity may reach half the threshold."""
    distinct = [np.unique(d.hashes) for d in documents]
    if not distinct:
        return []
    owners = np.concatenate([np.full(len(h), i) for i, h in enumerate(distinct)])
    values = np.concatenate(distinct)
    order = np.argsort(values, kind="stable")
    values, owners = values[order], owners[order]
    bounds = np.flatnonzero(np.diff(values)) + 1
    shared: Counter[tuple[int, int]] = Counter()
    for group in np.split(owners, bounds):
        if len(group) > 1:
            shared.update(itertools.combinations(group.tolist(), 2))
    sizes = [max(len(h), 1) for h in distinct]
    floor = settings.threshold / 2
    return sorted(pair for pair, count in shared.items()
                  if count / min(sizes[pair[0]], sizes[pair[1]]) >= floor)


def _links(first: Document, second: Document, slices1: np.ndarray, slices2: np.ndarray) -> dict[int, int]:
    """For each matched slice of `second`, the slice of `first` most of its shared fingerprints come from."""
    values1, where1 = np.unique(first.hashes, return_index=True)
    values2, where2 = np.unique(second.hashes, return_index=True)
    _, in1, in2 = np.intersect1d(values1, values2, assume_unique=True, return_indices=True)
    region1 = np.searchsorted(slices1[0], first.positions[where1[in1]], side="right") - 1
    region2 = np.searchsorted(slices2[0], second.positions[where2[in2]], side="right") - 1
    best: dict[int, int] = {}
    for (r1, r2), _ in Counter(zip(region1.tolist(), region2.tolist(), strict=True)).most_common():
        best.setdefault(r2, r1)
    return best


def compare(first: Document, second: Document, exercise: str, settings: Settings) -> Pair:
    """copydetect's overlap of two documents, in source spans, with matching regions numbered alike."""
    idx1 = first.positions[np.isin(first.hashes, second.hashes)]
    idx2 = second.positions[np.isin(second.hashes, first.hashes)]
    slices1, slices2 = get_copied_slices(idx1, settings.k), get_copied_slices(idx2, settings.k)
    matched1 = int(np.sum(slices1[1] - slices1[0])) if len(idx1) else 0
    matched2 = int(np.sum(slices2[1] - slices2[0])) if len(idx2) else 0
    share1 = matched1 / first.coverage if first.coverage else 0.0
    share2 = matched2 / second.coverage if second.coverage else 0.0
    best_for_b = _links(first, second, slices1, slices2) if len(idx1) else {}
    regions1 = [(*first.norm.source_span(int(s), int(e)), i + 1) for i, (s, e) in enumerate(slices1.T.tolist())]
    regions2 = [(*second.norm.source_span(int(s), int(e)), best_for_b.get(i, 0) + 1)
                for i, (s, e) in enumerate(slices2.T.tolist())]
    similarity = min(max(share1, share2), 1.0)
    flagged = similarity >= settings.threshold and max(matched1, matched2) >= settings.min_match
    return Pair(exercise, first.student, second.student, similarity, min(share1, 1.0), min(share2, 1.0),
                max(matched1, matched2), flagged, regions1, regions2)


def exercise_similarity(exercise: str, files: dict[str, tuple[str, str | ModuleText]], handout: list[str],
                        settings: Settings | None = None) -> ExerciseSimilarity:
    """Rank the pairs of `files` (student -> (display name, code)) of one exercise; code is a notebook's
    code cells or a .py file's text."""
    settings = settings or Settings()
    ignored = handout_hashes(handout, settings.k)
    documents = []
    for student, (display, code) in sorted(files.items()):
        text = code if isinstance(code, ModuleText) else ModuleText(code)
        norm, hashes, positions = fingerprint(text.text, settings)
        documents.append(Document(student, display, text.text, norm, text.cells, hashes, positions))
    for document in documents:
        document.keep(ignored, settings.k)
    common = common_hashes(documents, settings)
    for document in documents:
        document.keep(common, settings.k)
    pairs = [compare(documents[i], documents[j], exercise, settings) for i, j in candidate_pairs(documents, settings)]
    pairs.sort(key=lambda p: (-p.flagged, -p.similarity, -p.matched, p.a, p.b))
    shown = [p for p in pairs if p.flagged] + [p for p in pairs if not p.flagged][: settings.context]
    return ExerciseSimilarity(exercise, len(documents), shown, {d.student: d for d in documents},
                              common=len(common), handout=len(ignored))


def class_similarity(submissions: list[Submission], course: Course | None = None, *,
                     exercises: list[str] | None = None, handouts: list[Path] | tuple[Path, ...] = (),
                     settings: Settings | None = None) -> list[ExerciseSimilarity]:
    """Every exercise the class handed in (or `exercises`), each against its handed-out code."""
    by_exercise: dict[str, dict[str, tuple[str, str | ModuleText]]] = {}
    for submission in submissions:
        for name, student_file in submission.files.items():
            if student_file.text.text.strip():
                by_exercise.setdefault(name, {})[submission.student] = (student_file.display, student_file.text)
    known = None
    if course is not None and course.graders_dir.is_dir():
        known = {p.stem.removeprefix("test_") for p in course.graders_dir.glob("test_*.py")}
    names = sorted(exercises or (n for n in by_exercise if known is None or n in known))
    return [exercise_similarity(name, by_exercise.get(name, {}), handout_texts(course, name, handouts), settings)
            for name in names]
