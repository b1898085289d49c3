"""Grade a whole class in parallel and write every output file of formats.md."""

from __future__ import annotations

import json
import os
import queue
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from tfgrade.engine import Engine
from tfgrade.render.gradebook import gradebook_csv
from tfgrade.render.gradescope import gradescope_results
from tfgrade.render.html import feedback_html, index_html
from tfgrade.render.markdown import feedback_markdown
from tfgrade.results import CaseResult, Report
from tfgrade.source.submission import Submission


class OutputFolderError(OSError):
    """OUT cannot be created or written."""


def prepare_output(out: Path) -> Path:
    """Create OUT if needed and prove it is writable, with a clear message if not."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise OutputFolderError(f"cannot write to output folder {out}: {exc.strerror or exc}") from None
    return out.resolve()


def write_atomically(path: Path, text: str) -> None:
    """Write a file so readers never see half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def write_student(out: Path, report: Report) -> None:
    """report.json, feedback.md and results.json for one student."""
    folder = out / report.student
    write_atomically(folder / "report.json", json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    write_atomically(folder / "feedback.md", feedback_markdown(report))
    write_atomically(folder / "feedback.html", feedback_html(report))
    write_atomically(folder / "results.json", json.dumps(gradescope_results(report), indent=2) + "\n")


def _failed_report(engine: Engine, submission: Submission, reason: str) -> Report:
    cases = [CaseResult(g.exercise, info.title, info.hidden, 0, info.points, "error", reason, [], case_id)
             for g in engine.graders for case_id, _, info in g.cases]
    return Report(submission.student, cases, engine.environment, {}, f"error: {reason}")


def _progress(total: int):
    try:
        from tqdm import tqdm

        return tqdm(total=total, unit="student", file=sys.stderr, disable=total == 0, dynamic_ncols=True)
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None


def grade_class(engine: Engine, submissions: list[Submission], out: Path, workers: int) -> list[Report]:
    """Grade every submission with `workers` sandboxes in parallel; write outputs as each finishes."""
    out = prepare_output(out)
    engine.hide(out, *{s.folder.resolve().parent for s in submissions})  # no peeking at classmates
    slots: queue.Queue[int] = queue.Queue()
    for slot in range(workers):
        slots.put(slot)

    def grade_one(submission: Submission) -> Report:
        slot = slots.get()
        try:
            if not submission.files:
                report = _failed_report(engine, submission, "no .py or .ipynb files in the student's folder")
                report.status = "no-files"
                return report
            return engine.grade(submission, slot)
        except Exception as exc:  # one broken submission never stops the class
            return _failed_report(engine, submission, f"could not be graded ({type(exc).__name__}: {exc})")
        finally:
            slots.put(slot)

    reports: list[Report] = []
    bar = _progress(len(submissions))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(grade_one, s) for s in submissions]
        for future in as_completed(futures):
            report = future.result()
            write_student(out, report)
            reports.append(report)
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    exercises = [g.exercise for g in engine.graders]
    write_atomically(out / "gradebook.csv", gradebook_csv(reports, exercises))
    write_atomically(out / "index.html", index_html(reports))
    return sorted(reports, key=lambda r: r.student)
