"""tfgrade's cases inside a Jupyter kernel, for nbgrader's autograded test cells.

Importing this module sets the grader's numerics, so the notebook's first cell imports it.
`run_case(exercise, case)` runs one grader case on the names the notebook defined and raises
AssertionError unless it passes: nbgrader then gives the cell's points or none. The same case
functions, probes and reference values as `tfgrade grade` decide, but here they run in the
student's own kernel, without the sandbox.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tfgrade import numerics
from tfgrade.course import Course, find_course
from tfgrade.grading.api import Case
from tfgrade.grading.loading import Grader, load_grader
from tfgrade.grading.probes import ReferenceProbes, ReferenceRunner, StudentRaised
from tfgrade.grading.runtime import ExerciseRun, source_view
from tfgrade.hints import sentence
from tfgrade.quiet import import_tensorflow
from tfgrade.results import CaseResult
from tfgrade.sandbox import wire
from tfgrade.sandbox.child import arm_budget, describe_failure, disarm_budget
from tfgrade.sandbox.session import SandboxFailure
from tfgrade.source.notebook import ModuleText
from tfgrade.source.submission import StudentFile, Submission, read_module

tf = import_tensorflow()
import keras  # noqa: E402


class CaseFailed(AssertionError):
    """A tfgrade case did not pass; nbgrader gives its cell no points."""


def _configure() -> None:
    """The grader's numerics where TensorFlow still allows them (threads only before the first op), and
    the grader's seed, as the sandbox sets it before a student's file runs (with op determinism on,
    random ops need one)."""
    with contextlib.suppress(RuntimeError, ValueError):
        numerics.configure(tf)
    with contextlib.suppress(RuntimeError, ValueError):
        tf.config.experimental.enable_op_determinism()
        tf.config.experimental.enable_tensor_float_32_execution(False)
    keras.utils.set_random_seed(numerics.DEFAULT_SEED)


_configure()


class CellFiles:
    """Which code is the student's: the kernel's cells (IPython compiles each to its own file)."""

    def __contains__(self, filename: object) -> bool:
        name = str(filename)
        return "ipykernel_" in name or name.startswith(("<ipython-input", "<cell"))


class NamespaceView:
    """The notebook's names as a module, for probes that call `mod.SimpleDense(...)`."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.__dict__["_namespace"] = namespace

    def __getattr__(self, name: str) -> Any:
        try:
            return self._namespace[name]
        except KeyError:
            raise AttributeError(f"module '__main__' has no attribute '{name}'") from None


@contextlib.contextmanager
def _scratch_directory() -> Iterator[None]:
    """Probes that write files (persistence) write into a fresh folder, never beside the notebook."""
    before = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="tfgrade-probe-") as folder:
        os.chdir(folder)
        try:
            yield
        finally:
            os.chdir(before)


class KernelProbes:
    """The `student` fixture in a kernel: probes run here on the notebook's names."""

    def __init__(self, namespace: dict[str, Any], exercise: str, seconds: float) -> None:
        self.namespace, self.exercise, self.seconds = namespace, exercise, seconds
        self.files = CellFiles()

    def run(self, probe: Callable, *, keras_seed: int = numerics.DEFAULT_SEED, budget: float | None = None,
            **kwargs: Any) -> Any:
        """Call `probe(notebook, **kwargs)` with the grader's seed and time budget; return plain data."""
        arguments = wire.decode(wire.encode(kwargs))
        keras.utils.set_random_seed(keras_seed)
        timed = threading.current_thread() is threading.main_thread()
        reply = None
        with _scratch_directory(), tf.device("/CPU:0"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if timed:
                arm_budget(budget or self.seconds, "this check", self.files)
            try:
                value = wire.plain(probe(NamespaceView(self.namespace), **arguments))
            except BaseException as exc:  # the student's exception becomes the case's outcome
                reply = describe_failure(exc, self.files)
            finally:
                if timed:
                    disarm_budget()
        if reply is None:
            return wire.decode(wire.encode(value))
        for frame in [*reply.get("frames", []), reply.get("where") or {}]:
            if "file" in frame:
                frame["file"] = "a notebook cell"  # IPython's file names for cells mean nothing to students
        if reply["status"] in ("timeout", "out-of-memory", "crashed"):
            raise SandboxFailure(reply["status"], reply["message"], reply.get("where"))
        raise StudentRaised(reply)


@dataclass
class KernelState:
    """What one kernel keeps between test cells: the course, graders, reference values, earlier outcomes."""

    course: Course
    reference: ReferenceRunner
    graders: dict[str, Grader] = field(default_factory=dict)
    results: dict[tuple[str, str], CaseResult] = field(default_factory=dict)

    def grader(self, exercise: str) -> Grader:
        if exercise not in self.graders:
            path = self.course.graders_dir / f"test_{exercise}.py"
            if not path.exists():
                raise CaseFailed(f"tfgrade has no grader for {exercise!r} in {self.course.root}")
            self.graders[exercise] = load_grader(path)
        return self.graders[exercise]


_STATE: KernelState | None = None


def _state() -> KernelState:
    global _STATE
    if _STATE is None:
        course = find_course(Path.cwd())
        _STATE = KernelState(course, ReferenceRunner.for_course(course, "/CPU:0"))
    return _STATE


def _notebook_file(exercise: str, namespace: dict[str, Any]) -> StudentFile:
    """The student's source for static checks: the notebook beside the kernel, else the cells it ran."""
    path = Path.cwd() / f"{exercise}.ipynb"
    if path.is_file():
        return read_module(path, path.name)
    ran = [cell for cell in namespace.get("In", []) if "run_case(" not in cell and "tfgrade.nbgrader" not in cell]
    text = "\n".join(ran)
    return StudentFile(exercise, f"{exercise}.ipynb", ModuleText(text), text)


def run_case(exercise: str, case: str, namespace: dict[str, Any] | None = None) -> CaseResult:
    """Run one tfgrade case on this notebook's names (the caller's globals); raise CaseFailed unless it passes."""
    if namespace is None:
        namespace = inspect.currentframe().f_back.f_globals
    state = _state()
    grader = state.grader(exercise)
    try:
        item = grader.case(case)
    except KeyError:
        raise CaseFailed(f"{exercise} has no case {case!r} in this installation of tfgrade") from None
    result = _judge(state, grader, item, namespace)
    state.results[(exercise, item.id)] = result
    summary = f"{item.info.title} ({result.points:g}/{result.max_points:g})"
    if result.outcome != "passed":
        hints = "".join(f"\nhint [{hint}]: {sentence(hint)}" for hint in result.hints)
        raise CaseFailed(f"{summary} [{result.outcome}]: {result.message}{hints}")
    print(f"✓ {summary}" + (f" {result.message}" if result.message else ""))
    return result


def _judge(state: KernelState, grader: Grader, item: Case, namespace: dict[str, Any]) -> CaseResult:
    """Score one case as `tfgrade grade` would (the same runtime: prerequisites, the timeout rule, structural
    hints), on the notebook's names; earlier cells' results of the exercise count as earlier cases."""
    earlier = [r for (exercise, case_id), r in state.results.items() if exercise == grader.exercise and
               case_id != item.id]
    student_file = _notebook_file(grader.exercise, namespace)
    submission = Submission("notebook", Path.cwd(), {grader.exercise: student_file})
    fixtures = {"student": KernelProbes(namespace, grader.exercise, item.info.seconds),
                "reference": ReferenceProbes(state.reference, grader.exercise),
                "source": source_view(student_file)}
    return ExerciseRun(grader, submission, fixtures, results=earlier).run(item)


__all__ = ["CaseFailed", "run_case"]
