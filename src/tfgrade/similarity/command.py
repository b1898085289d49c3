"""`tfgrade similarity CLASS/ --out OUT/`: write OUT/similarity.html and OUT/similarity.json."""

from __future__ import annotations

import json
from pathlib import Path

from tfgrade.course import Course, CourseNotFound, find_course
from tfgrade.outputs import prepare_output, write_atomically
from tfgrade.similarity.detect import ExerciseSimilarity, Settings, class_similarity
from tfgrade.similarity.report import similarity_html, similarity_json
from tfgrade.source.submission import load_class


def _course(class_dir: Path) -> Course | None:
    try:
        return find_course()
    except CourseNotFound:
        try:
            return find_course(class_dir)
        except CourseNotFound:
            return None


def write_similarity(class_dir: Path, out: Path, *, exercises: list[str] | None = None,
                     handouts: list[Path] | None = None, settings: Settings | None = None,
                     assignment: str | None = None) -> list[ExerciseSimilarity]:
    """Compare every pair of students of the class folder, per exercise; write the page and the JSON."""
    settings = settings or Settings()
    for path in handouts or ():
        if not Path(path).is_file():
            raise FileNotFoundError(f"handed-out file not found: {path}")
    submissions = load_class(class_dir, subfolder=assignment)
    out = prepare_output(out)
    results = class_similarity(submissions, _course(Path(class_dir)), exercises=exercises,
                               handouts=list(handouts or ()), settings=settings)
    write_atomically(out / "similarity.json", json.dumps(similarity_json(results, settings), indent=2) + "\n")
    write_atomically(out / "similarity.html", similarity_html(results, settings))
    return results
