"""Grade a whole class: plan what is missing or stale, grade it in parallel, commit each submission as it
finishes, compare the class's files for similar submissions, and render every output file of formats.md from the
gradebook database."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from tfgrade.engine import Engine
from tfgrade.outputs import prepare_output, render_class, write_student
from tfgrade.pools import DaskPool, LocalPool
from tfgrade.render.similarity_part import DATA_KEY, PAGE_KEY, RECORD_KEY
from tfgrade.results import Report
from tfgrade.runs import now, run_record, save_run
from tfgrade.source.submission import Submission
from tfgrade.store import NOT_GRADED, Gradebook

if TYPE_CHECKING:
    from tfgrade.similarity.detect import Settings


def plan(submissions: list[Submission], engine: Engine, gradebook: Gradebook, *, regrade: bool = False,
         students: Collection[str] | None = None) -> dict[str, list[str]]:
    """Per student, the exercises to grade now: those never graded, graded from other files or by another
    grader, or (with `regrade`) all; `students` keeps only the named students."""
    done = gradebook.graded()
    work = {}
    for submission in submissions:
        if students is not None and submission.student not in students:
            continue
        todo = [g.exercise for g in engine.graders
                if regrade or done.get((submission.student, g.exercise)) != (submission.digest,
                                                                              engine.grader_digests[g.exercise])]
        if todo:
            work[submission.student] = todo
    return work


def _progress(total: int):
    try:
        from tqdm import tqdm

        return tqdm(total=total, unit="student", file=sys.stderr, disable=total == 0, dynamic_ncols=True)
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None


def _compare(gradebook: Gradebook, submissions: list[Submission], engine: Engine,
             settings: Settings | None) -> None:
    """The class page's similar submissions, from the files of this run, for every exercise of the gradebook
    (similarity/in_grade.py; never raises)."""
    try:
        from tfgrade.similarity.in_grade import similarity_for_run

        exercises = gradebook.exercises()
    except Exception as exc:  # pragma: no cover - e.g. copydetect missing or broken: the grades stand
        why = f"{type(exc).__name__}: {exc}"
        print(f"tfgrade: similar submissions could not be computed ({why}); the grades are not affected",
              file=sys.stderr)
        with contextlib.suppress(Exception):
            gradebook.set_meta(**{RECORD_KEY: json.dumps({"computed": now().isoformat(timespec="seconds"),
                                                          "error": why}), PAGE_KEY: "", DATA_KEY: ""})
        return
    similarity_for_run(gradebook, submissions, engine.course, exercises, settings)


def grade_class(engine: Engine, submissions: list[Submission], out: Path, workers: int = 1, *,
                regrade: bool = False, students: Collection[str] | None = None, scheduler: str | None = None,
                meta: dict[str, str] | None = None, similarity: bool = True,
                similarity_settings: Settings | None = None) -> list[Report]:
    """Grade what `plan` finds on `workers` local sandboxes (or the Dask cluster at `scheduler`), commit each
    submission to OUT/gradebook.sqlite as it finishes, compare the class's files (`similarity`: pairs of students
    whose code is unusually alike, with `similarity_settings`) and render the outputs; return the class's
    reports."""
    out = prepare_output(out)
    started = now()
    by_student = {s.student: s for s in submissions}
    with Gradebook(out) as gradebook:
        if meta:
            gradebook.set_meta(**meta)
        work = plan(submissions, engine, gradebook, regrade=regrade, students=students)
        kept = len([s for s in submissions if students is None or s.student in students]) - len(work)
        if kept:
            print(f"{kept} submission(s) already graded and unchanged: kept (--regrade grades them again)",
                  file=sys.stderr)
        hidden = (str(out), *sorted({str(s.folder.resolve().parent) for s in submissions}))  # no peeking
        if scheduler:
            pool = DaskPool(engine, scheduler, hidden)
        else:
            engine.hide(*hidden)
            print(engine.require_isolation(), file=sys.stderr)  # fail closed before any student is graded
            pool = LocalPool(engine, workers)
        positions = {g.exercise: g.position for g in engine.graders}
        bar = _progress(len(work))
        try:
            futures = {pool.submit(by_student[s], todo): (by_student[s], todo) for s, todo in work.items()}
            for submission, report in pool.finished(futures):
                graded = report.status in ("ok", "no-files", "refused-link")
                gradebook.save(report, submission.digest, {
                    e: (positions[e], engine.grader_digests[e] if graded else NOT_GRADED)
                    for e in work[submission.student]})
                write_student(out, gradebook.report(submission.student))
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()
            pool.close()
            engine.keep_reference_values()
        save_run(gradebook, run_record(engine, started=started, graded=len(work), kept=kept, workers=workers,
                                       scheduler=scheduler))  # for the class page, which `tfgrade report` renders too
        if similarity:
            _compare(gradebook, submissions, engine, similarity_settings)
        reports = render_class(out, gradebook)
    return [r for r in reports if r.student in by_student]

