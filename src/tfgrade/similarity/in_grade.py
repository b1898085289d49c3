"""The similarity part of `tfgrade grade`: after grading, compare the files the run read, as `tfgrade
similarity` does (handed-out code and passages common to much of the class removed), and keep the class page's
section, similarity.html and similarity.json in the gradebook (render/similarity_part.py renders them).

Nothing here can fail the grading run: any error is logged on stderr and stored, and the class page says the
section could not be computed.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import traceback
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from tfgrade.course import Course
from tfgrade.render.similarity_part import DATA_KEY, PAGE, PAGE_KEY, RECORD_KEY
from tfgrade.similarity.detect import ExerciseSimilarity, Settings, class_similarity
from tfgrade.similarity.report import similarity_html, similarity_json, similarity_section
from tfgrade.source.submission import Submission
from tfgrade.store import Gradebook

log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _note(results: list[ExerciseSimilarity], settings: Settings, seconds: float) -> str:
    flagged = sum(len(r.flagged) for r in results)
    return (f'<p class="msg">{flagged} flagged pair{"s" if flagged != 1 else ""} over {len(results)} '
            f'exercise{"s" if len(results) != 1 else ""} (threshold {settings.threshold:.0%}), from the files of '
            f'this run, in {seconds:.2f} s. <a href="{PAGE}">Every exercise\'s pairs side by side</a> (and the '
            "closest unflagged pairs, to see where the threshold falls).</p>")


def compute(submissions: Sequence[Submission], course: Course | None, exercises: Sequence[str],
            settings: Settings | None = None) -> tuple[dict[str, Any], str, str]:
    """(record, similarity.html, similarity.json) for `exercises` of the class; raises on error."""
    settings = settings or Settings()
    started = time.perf_counter()
    results = class_similarity(list(submissions), course, exercises=list(exercises), settings=settings) \
        if exercises else []
    page = similarity_html(results, settings)
    data = json.dumps(similarity_json(results, settings), indent=2) + "\n"
    seconds = time.perf_counter() - started
    record = {"computed": _now(), "seconds": round(seconds, 3), "exercises": [r.exercise for r in results],
              "flagged": sum(len(r.flagged) for r in results),
              "section": similarity_section(results, link=PAGE, note=_note(results, settings, seconds))}
    return record, page, data


def similarity_for_run(gradebook: Gradebook, submissions: Sequence[Submission], course: Course | None,
                       exercises: Sequence[str], settings: Settings | None = None) -> dict[str, Any]:
    """Compare the class's files for `exercises` and store the result in the gradebook; never raises (an
    error is printed, logged and stored as the record's `error`). Returns the record."""
    try:
        record, page, data = compute(submissions, course, exercises, settings)
    except Exception as exc:  # the comparison must never cost a grade
        why = f"{type(exc).__name__}: {exc}"
        print(f"tfgrade: similar submissions could not be computed ({why}); the grades are not affected",
              file=sys.stderr)
        log.debug("similarity failed:\n%s", traceback.format_exc())
        record, page, data = {"computed": _now(), "error": why}, "", ""
    try:
        gradebook.set_meta(**{RECORD_KEY: json.dumps(record, sort_keys=True), PAGE_KEY: page, DATA_KEY: data})
    except Exception as exc:  # e.g. a full disk: the grades are already committed
        print(f"tfgrade: the similarity result could not be stored ({type(exc).__name__}: {exc})",
              file=sys.stderr)
        log.debug("storing similarity failed:\n%s", traceback.format_exc())
    return record
