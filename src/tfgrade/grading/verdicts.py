"""How a case ended, and the message a student reads: from what the case raised (or returned)."""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tfgrade.grading.api import Failed
from tfgrade.grading.diagnose import hints_for_error
from tfgrade.grading.probes import ReferenceMissing, StudentRaised
from tfgrade.grading.static import unfinished_functions
from tfgrade.results import Outcome
from tfgrade.sandbox.session import SandboxFailure
from tfgrade.source.submission import StudentFile, Submission


@dataclass
class Verdict:
    """A case's outcome, message and hint ids; `grader_error` when the grader, not the student, failed."""

    outcome: Outcome
    message: str = ""
    hints: list[str] = field(default_factory=list)
    grader_error: bool = False
    traceback: str = ""


def sentences(*parts: str) -> str:
    """Join message parts into sentences: each ends with a full stop, none is empty."""
    kept = [p.strip() for p in parts if p and p.strip()]
    return " ".join(p if p.endswith((".", "!", "?", ":")) else p + "." for p in kept)


def locate(submission: Submission, frame: dict[str, Any]) -> str:
    """`file, line n` (or `cell k, line n` in a notebook) for a frame the sandbox reported."""
    for student_file in submission.files.values():
        if student_file.display == frame.get("file"):
            return f"{student_file.display}, {student_file.text.locate(int(frame.get('line') or 0))}"
    return f"{frame.get('file')}, line {frame.get('line')}"


def student_error(reply: dict[str, Any], submission: Submission, exercise: str,
                  expected_names: tuple[str, ...] = ()) -> Verdict:
    """An exception the student's code raised (timeouts, out-of-memory and crashes arrive as SandboxFailure
    instead): which call raised, with what inputs, where, and the mistake it shows."""
    hints, extra = hints_for_error(reply, exercise, expected_names)
    frames = reply.get("frames") or []
    where = f" at {locate(submission, frames[-1])}" if frames else ""
    if reply.get("status") == "missing":
        return Verdict(Outcome.FAILED, f"no {exercise}.py or {exercise}.ipynb in your submission")
    student_file = submission.files.get(exercise)
    if "stub-unchanged" in hints:
        todo = unfinished_functions(student_file.text.text) if student_file else []
        if todo:
            listed = ", ".join(f"`{name}`" for name in todo)
            return Verdict(Outcome.FAILED, f"Still to do: {listed} (NotImplementedError raised{where}).", hints)
        hints = [h for h in hints if h != "stub-unchanged"]  # Keras's own NotImplementedError: a method is missing
        extra = extra or "Keras raised NotImplementedError: a method it needs is not defined in your class."
    call = reply.get("call")
    raised = f"{call['function']}({call['arguments']}) raised " if call else ""
    phase = " while importing your file" if reply.get("phase") == "import" else ""
    text = f"{raised}{reply.get('type', 'Error')}: {reply.get('message', '').rstrip('.')}{phase}{where}"
    return Verdict(Outcome.ERROR, sentences(text, extra), hints)


def static_failure(student_file: StudentFile | None, exercise: str, missing_note: str = "") -> Verdict | None:
    """Why no case of the exercise can run (no file, a refused file, a syntax error), or None."""
    if student_file is None:
        return Verdict(Outcome.FAILED, f"no {exercise}.py or {exercise}.ipynb in your submission{missing_note}")
    if student_file.refused:  # a link out of the folder, or too big: never read
        return Verdict(Outcome.FAILED, student_file.refused)
    error = student_file.syntax_error
    if error is None:
        return None
    hint = "indentation" if error.get("type") in ("IndentationError", "TabError") else "syntax-error"
    text = f": `{error['text']}`" if error.get("text") else ""
    return Verdict(Outcome.FAILED, f"{student_file.display}, {error['where']}: {error['message']}{text}", [hint])


def run_case_function(function: Callable, fixtures: dict[str, Any], submission: Submission, exercise: str,
                      expected_names: tuple[str, ...] = ()) -> Verdict:
    """Call a case with the fixtures it asks for; a string it returns becomes its message."""
    wanted = inspect.signature(function).parameters
    try:
        note = function(**{name: fixtures[name] for name in wanted})
        return Verdict(Outcome.PASSED, note if isinstance(note, str) else "")
    except Failed as failure:
        return Verdict(Outcome.FAILED, failure.message, list(dict.fromkeys(failure.hints)))
    except SandboxFailure as failure:
        where = f" (stopped at {locate(submission, failure.where)})" if failure.where else ""
        return Verdict(Outcome(failure.outcome), f"{failure.message}{where}", [failure.outcome])
    except StudentRaised as raised:
        return student_error(raised.reply, submission, exercise, expected_names)
    except ReferenceMissing as missing:
        return Verdict(Outcome.ERROR, f"this check cannot run here: {missing}", grader_error=True,
                       traceback=traceback.format_exc())
    except Exception as exc:  # a grader bug must not take the batch down; the instructor sees the traceback
        return Verdict(Outcome.ERROR, f"internal grader error ({type(exc).__name__}); tell your instructor",
                       grader_error=True, traceback=traceback.format_exc())
