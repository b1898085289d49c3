"""Run one exercise's grader cases against one submission and turn outcomes into results."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from tfgrade.grading.api import CaseInfo, Failed, Figures
from tfgrade.grading.diagnose import hints_for_error
from tfgrade.grading.probes import ReferenceMissing, ReferenceProbes, ReferenceRunner, StudentProbes, StudentRaised
from tfgrade.grading.programs import GraderError, GraderSource, ProbeProgram
from tfgrade.grading.static import static_hints, unfinished_functions
from tfgrade.results import CaseResult
from tfgrade.sandbox.policy import Policy
from tfgrade.sandbox.session import SandboxFailure, Session, SessionSpec
from tfgrade.source.submission import StudentFile, Submission


@dataclass
class Grader:
    """One grader module: its exercise, its cases in order, the names it expects, its probes' programs."""

    exercise: str
    path: Path
    module: ModuleType
    cases: list[tuple[str, Callable, CaseInfo]]
    expected_names: tuple[str, ...]
    position: int
    programs: dict[str, ProbeProgram] = field(default_factory=dict)


FIXTURES = ("student", "reference", "source", "figures")


def load_grader(path: Path, private: list[Path] | None = None) -> Grader:
    """Import a graders/test_<exercise>.py module (trusted code), list its cases and cut out its probes.

    Mistakes in the grader itself fail here, naming the file and line, before any student is graded;
    `private` folders (graders/, reference/) are those the sandbox cannot read, so probes may not import
    from them.
    """
    exercise = path.stem.removeprefix("test_")
    name = f"tfgrade_grader_{exercise}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    cases = [(n, f, f.__tfgrade_case__) for n, f in vars(module).items()
             if callable(f) and hasattr(f, "__tfgrade_case__")]
    source = GraderSource(path)
    _check_grader(module, source, cases)
    source.check_imports(private if private is not None else [path.parent])
    programs = {probe: source.program(probe) for probe in source.probes}
    return Grader(exercise, path, module, cases, tuple(getattr(module, "EXPECTED_NAMES", ())),
                  module.POSITION, programs)


def _check_grader(module: ModuleType, source: GraderSource, cases: list[tuple[str, Callable, CaseInfo]]) -> None:
    """A GraderError for what would otherwise surface as a student's failure: prerequisites that are not
    cases, fixtures that do not exist, probes not marked @probe, no POSITION."""
    if not isinstance(getattr(module, "POSITION", None), int):
        raise GraderError(f"{source.path}: no POSITION = <int> (the exercise's place in the course order)")
    names = {case_id for case_id, _, _ in cases}
    for case_id, function, info in cases:
        node = source.cases.get(case_id)
        where = source.where(node) if node is not None else str(source.path)
        for need in info.needs:
            if need not in names:
                raise GraderError(f"{where}: `{case_id}` needs `{need}`, which is not a case of this grader")
        for parameter in inspect.signature(function).parameters:
            if parameter not in FIXTURES:
                raise GraderError(f"{where}: `{case_id}` asks for `{parameter}`; cases may ask for "
                                  f"{', '.join(FIXTURES)}")
    functions = {n for n, node in source.definers.items() if isinstance(node[0], ast.FunctionDef)}
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run" \
                and node.args and isinstance(node.args[0], ast.Name):
            target = node.args[0].id
            if target in functions and target not in source.probes:
                raise GraderError(f"{source.where(node)}: `{target}` is run as a probe but not marked @probe")


def load_graders(graders_dir: Path, only: list[str] | None = None, private: list[Path] | None = None
                 ) -> list[Grader]:
    """Every grader in a folder, in course order; `only` keeps the named exercises."""
    graders = [load_grader(p, private) for p in sorted(Path(graders_dir).glob("test_*.py"))]
    if only:
        unknown = set(only) - {g.exercise for g in graders}
        if unknown:
            raise ValueError(f"unknown exercise(s): {', '.join(sorted(unknown))}; "
                             f"known: {', '.join(g.exercise for g in graders)}")
        graders = [g for g in graders if g.exercise in only]
    return sorted(graders, key=lambda g: (g.position, g.exercise))


@dataclass
class SourceView:
    """The `source` fixture: the student's text, for static checks in the trusted process."""

    text: str
    display: str


def _locate(submission: Submission, frame: dict[str, Any]) -> str:
    for student_file in submission.files.values():
        if student_file.display == frame.get("file"):
            return f"{student_file.display}, {student_file.text.locate(int(frame.get('line') or 0))}"
    return f"{frame.get('file')}, line {frame.get('line')}"


def _error_result(reply: dict[str, Any], submission: Submission, grader: Grader) -> tuple[str, str, list[str]]:
    """Outcome, message and hints for an exception the student's code raised (timeouts, out-of-memory and
    crashes arrive as SandboxFailure instead): which call raised, with what inputs, where."""
    hints, extra = hints_for_error(reply, grader.exercise, grader.expected_names)
    frames = reply.get("frames") or []
    where = f" at {_locate(submission, frames[-1])}" if frames else ""
    if reply.get("status") == "missing":
        return "failed", f"no {grader.exercise}.py or {grader.exercise}.ipynb in your submission", []
    student_file = submission.files.get(grader.exercise)
    if "stub-unchanged" in hints:
        todo = unfinished_functions(student_file.text.text) if student_file else []
        if todo:
            listed = ", ".join(f"`{name}`" for name in todo)
            return "failed", f"Still to do: {listed} (NotImplementedError raised{where}).", hints
        hints = [h for h in hints if h != "stub-unchanged"]  # Keras's own NotImplementedError: a method is missing
        extra = extra or "Keras raised NotImplementedError: a method it needs is not defined in your class."
    call = reply.get("call")
    raised = f"{call['function']}({call['arguments']}) raised " if call else ""
    phase = " while importing your file" if reply.get("phase") == "import" else ""
    text = f"{raised}{reply.get('type', 'Error')}: {reply.get('message', '').rstrip('.')}{phase}{where}"
    return "error", sentences(text, extra), hints


def sentences(*parts: str) -> str:
    """Join message parts into sentences: each ends with a full stop, none is empty."""
    kept = [p.strip() for p in parts if p and p.strip()]
    return " ".join(p if p.endswith((".", "!", "?", ":")) else p + "." for p in kept)


def _static_failure(student_file: StudentFile | None, grader: Grader, missing_note: str = ""
                    ) -> tuple[str, list[str]] | None:
    if student_file is None:
        return f"no {grader.exercise}.py or {grader.exercise}.ipynb in your submission{missing_note}", []
    if student_file.refused:  # a link out of the folder, or too big: never read
        return student_file.refused, []
    error = student_file.syntax_error
    if error is None:
        return None
    hint = "indentation" if error.get("type") in ("IndentationError", "TabError") else "syntax-error"
    text = f": `{error['text']}`" if error.get("text") else ""
    return f"{student_file.display}, {error['where']}: {error['message']}{text}", [hint]


def open_session(grader: Grader, submission: Submission, policy: Policy, slot: int, device: str) -> Session:
    """A sandbox session for one exercise of one submission."""
    return Session(SessionSpec(grader.exercise, submission.sources(), policy, slot, device))


def grade_exercise(grader: Grader, submission: Submission, reference: ReferenceRunner, *,
                   policy: Policy, slot: int = 0, device: str = "/CPU:0", public_only: bool = False
                   ) -> tuple[list[CaseResult], dict[str, Any], float]:
    """Run every case of one grader on one submission; return results, what the sandbox enforced, and the
    seconds the student's probes computed in the sandbox."""
    cases = [c for c in grader.cases if not (public_only and c[2].hidden)]
    student_file = submission.files.get(grader.exercise)
    results: list[CaseResult] = []
    static = _static_failure(student_file, grader, submission.missing_note)
    if static is not None:
        message, hints = static
        return [CaseResult(grader.exercise, info.title, info.hidden, 0, info.points, "failed", message, hints, case_id)
                for case_id, _, info in cases], {}, 0.0
    structural = static_hints(student_file.text.text)
    passed: set[str] = set()
    timeouts = 0
    titles = {case_id: info.title for case_id, _, info in cases}
    with open_session(grader, submission, policy, slot, device) as session:
        fixtures = {"student": StudentProbes(session, grader.exercise, grader.programs, str(grader.path)),
                    "reference": ReferenceProbes(reference, grader.exercise),
                    "source": SourceView(student_file.text.text, student_file.display)}
        for case_id, function, info in cases:
            held_back = not_run(grader, case_id, info, titles, passed, timeouts, policy.timeouts_per_exercise)
            if held_back is not None:
                results.append(held_back)
                continue
            fixtures["student"].seconds = min(info.seconds, policy.case_seconds_cap or info.seconds)
            result = judge_case(grader, case_id, function, fixtures, submission, structural)
            timeouts += result.outcome == "timeout"
            if result.outcome == "passed":
                passed.add(case_id)
            results.append(result)
        enforced = session.enforced
    return results, enforced, fixtures["student"].probe_seconds


def not_run(grader: Grader, case_id: str, info: CaseInfo, titles: dict[str, str], passed: set[str], timeouts: int,
            timeout_limit: int) -> CaseResult | None:
    """The result of a case that must not run: a prerequisite among `titles` has not passed, or `timeouts`
    earlier cases of the exercise reached `timeout_limit`; None when the case may run."""
    missing = [n for n in info.needs if n in titles and n not in passed]
    if missing:
        reason = ", ".join(f"'{titles[n]}'" for n in missing)
        return CaseResult(grader.exercise, info.title, info.hidden, 0, info.points, "skipped",
                          f"skipped: needs {reason} to pass first", [], case_id)
    if timeouts >= timeout_limit:
        return CaseResult(grader.exercise, info.title, info.hidden, 0, info.points, "timeout",
                          f"not run: {timeouts} earlier checks of this exercise timed out", ["timeout"], case_id)
    return None


def judge_case(grader: Grader, case_id: str, function: Callable, fixtures: dict[str, Any], submission: Submission,
               structural: list[tuple[str, str]]) -> CaseResult:
    """Run one case with its fixtures (a fresh `figures` is added) and score it; `structural` hints are
    added to any failure."""
    info: CaseInfo = function.__tfgrade_case__
    fixtures["figures"] = Figures()
    outcome, message, hints = _run_case(function, fixtures, submission, grader)
    if outcome != "passed":
        for hint, explanation in structural:
            if hint not in hints:
                hints.append(hint)
                message = sentences(message, explanation)
    return CaseResult(grader.exercise, info.title, info.hidden, info.points if outcome == "passed" else 0,
                      info.points, outcome, message, hints, case_id, fixtures["figures"].items)


def _run_case(function: Callable, fixtures: dict[str, Any], submission: Submission, grader: Grader
              ) -> tuple[str, str, list[str]]:
    wanted = inspect.signature(function).parameters
    try:
        note = function(**{name: fixtures[name] for name in wanted})
        return "passed", note if isinstance(note, str) else "", []
    except Failed as failure:
        return "failed", failure.message, list(dict.fromkeys(failure.hints))
    except SandboxFailure as failure:
        where = f" (stopped at {_locate(submission, failure.where)})" if failure.where else ""
        return failure.outcome, f"{failure.message}{where}", [failure.outcome]
    except StudentRaised as raised:
        return _error_result(raised.reply, submission, grader)
    except ReferenceMissing as missing:
        return "error", f"this check cannot run here: {missing}", []
    except Exception as exc:  # a grader bug must not take the batch down
        return "error", f"internal grader error ({type(exc).__name__}: {exc}); tell your instructor", []
