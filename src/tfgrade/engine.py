"""Grade submissions: graders, the reference runner and the sandbox policy, set up once per run."""

from __future__ import annotations

import copy
import hashlib
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

from tfgrade import reference_cache
from tfgrade.course import Course
from tfgrade.grading.loading import Grader, load_graders
from tfgrade.grading.probes import ReferenceRunner
from tfgrade.grading.runner import grade_exercise
from tfgrade.results import CaseResult, Report
from tfgrade.sandbox.mounts import with_history
from tfgrade.sandbox.policy import Policy
from tfgrade.sandbox.session import zygote
from tfgrade.source.submission import Submission


class Engine:
    """Everything a run shares: loaded graders, cached reference results, numerics, policy."""

    def __init__(self, course: Course, *, exercises: list[str] | None = None, device: str = "cpu",
                 policy: Policy | None = None, public_only: bool = False, sandbox: bool = True,
                 unsandboxed: bool = False) -> None:
        """`sandbox=False` skips starting the zygote (for a process that only plans and stores, e.g. when
        Dask workers grade). `public_only` is the student's self-check: no isolation is needed there.
        `unsandboxed` grades even where the sandbox cannot protect the course (recorded in every report)."""
        from tfgrade import numerics
        from tfgrade.ast_lock import serialise_ast_parse
        from tfgrade.quiet import import_tensorflow, lazy_tensorflow

        serialise_ast_parse()  # its threads (local slots, Dask worker threads) parse sources side by side

        if sandbox:
            zygote()  # first: its TensorFlow import runs while this process sets up
        if course.reference_dir is None and device == "cpu":  # the student bundle: reference values are shipped,
            lazy_tensorflow()  # so this process compares numbers and needs no TensorFlow
            tf = None
        else:  # the reference runs here: TensorFlow, with the grader's numerics before its first op
            tf = import_tensorflow()
            numerics.configure(tf)
        self.course = course
        self.public_only = public_only
        self.device_choice = device
        self.device = numerics.device_name(tf, device)
        self.graders: list[Grader] = load_graders(course.graders_dir, exercises,
                                                  private=[Path(p) for p in _hidden_paths(course)])
        self.policy = policy or Policy(hidden_paths=with_history(_hidden_paths(course)), isolate=not public_only)
        self.unsandboxed = unsandboxed
        self.isolation: dict[str, Any] = {}
        self.reference = ReferenceRunner.for_course(course, self.device)
        self.environment: dict[str, Any] = numerics.describe(self.device)
        self.grader_digests = grader_digests(course, self.graders)
        self._versions = f"{self.environment['tensorflow']} {self.environment['keras']} {self.device}"
        if course.reference_dir is not None:  # the instructor's course: values computed by earlier runs
            self.reference.cache.update(reference_cache.load(self.grader_digests, self._versions))

    def keep_reference_values(self) -> None:
        """Store the reference values computed so far for the next run (reference_cache.py)."""
        if self.course.reference_dir is not None:
            reference_cache.save(self.reference.cache, self.grader_digests, self._versions)

    def only(self, *exercises: str) -> Engine:
        """This engine for some exercises only: the same graders, reference values, zygote and policy (a copy,
        so hiding paths in it leaves this one as it is)."""
        unknown = set(exercises) - {g.exercise for g in self.graders}
        if unknown:
            raise ValueError(f"unknown exercise(s): {', '.join(sorted(unknown))}")
        view = copy.copy(self)
        view.graders = [g for g in self.graders if g.exercise in exercises]
        return view

    def hide(self, *paths: Path) -> None:
        """Hide these folders (e.g. this run's output folder) from student code, besides the course's."""
        hidden = with_history(tuple(dict.fromkeys((*_hidden_paths(self.course),
                                                   *(str(Path(p).resolve()) for p in paths)))))
        self.policy = Policy(**{**self.policy.__dict__, "hidden_paths": hidden})

    def require_isolation(self) -> str:
        """Check, with a preflight child, that student code cannot reach the course, OUT or the class here;
        raise SandboxUnavailable if not (unless unsandboxed). Return the line that says what holds."""
        from tfgrade.sandbox import isolation

        self.isolation = isolation.require(self.policy, self.unsandboxed)
        line = isolation.describe(self.isolation)
        if self.isolation["unsandboxed"]:
            problems = "; ".join(self.isolation["problems"]) or "none found"
            line += f"\nWARNING: --unsandboxed: grading without full isolation ({problems}); every report says so"
        return line

    def grade(self, submission: Submission, slot: int = 0, exercises: Collection[str] | None = None) -> Report:
        """All exercises of one submission (or those named), in course order."""
        started = time.perf_counter()
        graders = [g for g in self.graders if exercises is None or g.exercise in exercises]
        cases, sandbox, timing, probe_seconds = [], {}, {}, {}
        for grader in graders:
            begun = time.perf_counter()
            graded = grade_exercise(grader, submission, self.reference, policy=self.policy, slot=slot,
                                    device=self.device, public_only=self.public_only)
            timing[grader.exercise] = round(time.perf_counter() - begun, 3)
            probe_seconds[grader.exercise] = graded.probe_seconds
            cases += graded.cases
            sandbox = sandbox or graded.enforced
        notes: dict[str, list[str]] = {}
        for grader in graders:
            student_file = submission.files.get(grader.exercise)
            if student_file and student_file.skipped:
                notes[grader.exercise] = [f"{student_file.display}, {student_file.text.locate(s.line)}: "
                                          f"`{s.text}` was not run: {s.reason}." for s in student_file.skipped]
        if submission.notes:
            notes["submission"] = list(submission.notes)
        environment = {**self.environment, "sandbox": _sandbox_record(self.policy, sandbox, self.isolation)}
        status = "grader-error" if any(c.grader_error for c in cases) else \
            "refused-link" if submission.links_out else "ok"
        timing["probe_seconds"] = {e: round(v, 3) for e, v in probe_seconds.items()}
        timing["seconds"] = round(time.perf_counter() - started, 3)
        return Report(submission.student, cases, environment, notes, status, timing)


GRADING_CODE = ("grading", "sandbox", "source", "hints.py", "numerics.py", "datasets.py", "engine.py")


def grading_code_digest(package: Path | None = None) -> bytes:
    """A digest of tfgrade's code that decides grades (not of what only renders them)."""
    package = package or Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in GRADING_CODE:
        files = sorted((package / name).rglob("*.py")) if (package / name).is_dir() else [package / name]
        for path in files:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def grader_digests(course: Course, graders: list[Grader]) -> dict[str, str]:
    """Per exercise, a digest of what decides its grades: the grader, the reference, and tfgrade's grading
    code, so that a fix to any of them grades again what it could change."""
    code = grading_code_digest()
    digests = {}
    for grader in graders:
        reference = course.reference_dir / f"{grader.exercise}.py" if course.reference_dir else None
        content = grader.path.read_bytes() + b"\0" + (reference.read_bytes() if reference and reference.exists()
                                                       else b"") + b"\0" + code
        digests[grader.exercise] = hashlib.sha256(content).hexdigest()[:16]
    return digests


def failed_report(engine: Engine, submission: Submission, exercises: list[str], reason: str,
                  status: str | None = None) -> Report:
    """Every case of `exercises` failed with one reason (the submission could not be graded)."""
    cases = [CaseResult(g.exercise, c.info.title, c.info.hidden, 0, c.info.points, "error", reason, [], c.id)
             for g in engine.graders if g.exercise in exercises for c in g.cases]
    return Report(submission.student, cases, engine.environment, {}, status or f"error: {reason}")


def grade_or_explain(engine: Engine, submission: Submission, exercises: list[str], slot: int) -> Report:
    """engine.grade, except that an empty folder or an unexpected failure becomes a report saying so."""
    if not submission.files and not submission.links_out:
        return failed_report(engine, submission, exercises, "no .py or .ipynb files in the student's folder",
                             "no-files")
    try:
        return engine.grade(submission, slot, exercises)
    except Exception as exc:  # one broken submission never stops the class
        return failed_report(engine, submission, exercises, f"could not be graded ({type(exc).__name__}: {exc})")


def _hidden_paths(course: Course) -> tuple[str, ...]:
    paths = [course.reference_dir, course.graders_dir]
    return tuple(str(p.resolve()) for p in paths if p is not None)


def _sandbox_record(policy: Policy, enforced: dict[str, Any], isolation: dict[str, Any]) -> dict[str, Any]:
    record = {"isolation": "forked child of a TensorFlow-preloaded zygote", "scrubbed_environment": True,
              "fresh_working_directory": True, "stdin": "closed", "output_cap_bytes": policy.output_bytes,
              "wall_clock_timeout": "enforced by the parent", "replies": "JSON + .npy, allow_pickle=False",
              "probes_only": "only the probe that runs enters the sandbox"}
    record.update({k: v for k, v in enforced.items() if k not in ("uid", "setup_seconds")})  # no run-to-run noise
    if "hidden_paths" in record:
        record["hidden_paths"] = len(record["hidden_paths"])
    if isolation:
        record["unsandboxed"] = bool(isolation.get("unsandboxed"))
        record["problems"] = list(isolation.get("problems", []))
    return record
