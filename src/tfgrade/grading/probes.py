"""Running probes: in the sandbox on the student's module, in-process (cached) on the reference."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import inspect
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tfgrade.course import Course
from tfgrade.grading.programs import GraderError, ProbeProgram
from tfgrade.numerics import DEFAULT_SEED
from tfgrade.quiet import native_stderr_filtered
from tfgrade.sandbox import wire
from tfgrade.sandbox.session import SandboxFailure, Session


class StudentRaised(Exception):
    """The student's code raised while a probe ran; `reply` holds what the child reported."""

    def __init__(self, reply: dict[str, Any]) -> None:
        super().__init__(reply.get("message", ""))
        self.reply = reply


class ReferenceMissing(Exception):
    """A check needs a reference value that this installation does not have."""


class StudentProbes:
    """The `student` fixture: runs probe functions on the student's module in the sandbox."""

    def __init__(self, session: Session, exercise: str, programs: dict[str, ProbeProgram], filename: str = "",
                 default_seconds: float = 60.0) -> None:
        self.session, self.exercise, self.seconds = session, exercise, default_seconds
        self.programs, self.filename = programs, filename
        self.probe_seconds = 0.0  # time the probes themselves took in the child (the rest is overhead)

    def run(self, probe: Callable, *, keras_seed: int = DEFAULT_SEED, budget: float | None = None,
            **kwargs: Any) -> Any:
        """Call `probe(student_module, **kwargs)` in the sandbox; return its plain-data result.

        `keras_seed` seeds Keras/TF/NumPy before the call; `budget` overrides the case's seconds.
        """
        budget = budget or self.seconds
        program = self.programs.get(getattr(probe, "__name__", ""))
        if program is None or not getattr(probe, "__tfgrade_probe__", False):
            raise GraderError(f"{getattr(probe, '__name__', probe)!r} is not a @probe of the {self.exercise} grader")
        request = {"op": "probe", "exercise": self.exercise, "probe": program.name, "program": program.source,
                   "filename": self.filename, "kwargs": kwargs, "seed": keras_seed, "seconds": budget}
        reply = self.session.call(request, budget)
        status = reply.get("status")
        if status == "grader-error":
            raise GraderError(f"the probe {program.name} could not be defined in the sandbox: "
                              f"{reply.get('type')}: {reply.get('message')}")
        if status == "ok":
            self.probe_seconds += float(reply.get("seconds", 0.0))
            return reply.get("value")
        if status in ("timeout", "out-of-memory", "crashed"):
            phase = " while importing your file" if reply.get("phase") == "import" else ""
            raise SandboxFailure(status, f"{reply.get('message', '')}{phase}", reply.get("where"))
        raise StudentRaised(reply)


@functools.cache
def _source_digest(probe: Callable) -> bytes:
    """A digest of the probe's source, read once per probe (every student's lookups reuse it)."""
    try:
        return hashlib.sha256(inspect.getsource(probe).encode()).digest()
    except (OSError, TypeError):
        return b""


def _key(exercise: str, probe: Callable, seed: int, kwargs: dict[str, Any]) -> str:
    """Cache key: the probe's name and source (a changed probe never hits a stale value), seed, arguments."""
    digest = hashlib.sha256(_source_digest(probe) + b"\0" + wire.encode(kwargs)).hexdigest()[:24]
    return f"{exercise}:{probe.__name__}:{seed}:{digest}"


class ReferenceRunner:
    """Runs probes against reference/ in this (trusted) process, once per distinct call."""

    def __init__(self, reference_dir: Path | None, device: str = "/CPU:0",
                 cache: dict[str, Any] | None = None) -> None:
        self.reference_dir, self.device = reference_dir, device
        self.cache: dict[str, Any] = dict(cache or {})
        self.used: set[str] = set()
        self._modules: dict[str, Any] = {}
        self._lock = threading.RLock()

    @classmethod
    def for_course(cls, course: Course, device: str) -> ReferenceRunner:
        """A runner on the course's reference/, seeded with the values shipped in graders/expected-public.bin."""
        cache = wire.decode(course.expected_file.read_bytes()) if course.expected_file.exists() else {}
        return cls(course.reference_dir, device, cache)

    def _module(self, exercise: str) -> Any:
        if exercise not in self._modules:
            path = self.reference_dir / f"{exercise}.py" if self.reference_dir else None
            if path is None or not path.exists():
                raise ReferenceMissing(f"no reference solution for {exercise}")
            if str(self.reference_dir) not in sys.path:
                sys.path.insert(0, str(self.reference_dir))
            spec = importlib.util.spec_from_file_location(f"tfgrade_reference_{exercise}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            self._modules[exercise] = module
        return self._modules[exercise]

    def run(self, exercise: str, probe: Callable, seed: int, kwargs: dict[str, Any]) -> Any:
        key = _key(exercise, probe, seed, kwargs)
        with self._lock:
            self.used.add(key)
            if key not in self.cache:
                module = self._module(exercise)  # first: without a reference, no TensorFlow is needed to say so
                import keras
                import tensorflow as tf

                keras.utils.set_random_seed(seed)
                with tf.device(self.device), warnings.catch_warnings(), native_stderr_filtered():
                    warnings.simplefilter("ignore")
                    value = wire.plain(probe(module, **wire.decode(wire.encode(kwargs))))
                self.cache[key] = wire.decode(wire.encode(value))
            return self.cache[key]


class ReferenceProbes:
    """The `reference` fixture: the same probes, answered by the reference solution."""

    def __init__(self, runner: ReferenceRunner, exercise: str) -> None:
        self.runner, self.exercise = runner, exercise

    def run(self, probe: Callable, *, keras_seed: int = DEFAULT_SEED, budget: float | None = None,
            **kwargs: Any) -> Any:
        """Call `probe(reference_module, **kwargs)` (or take it from the cache)."""
        del budget
        return self.runner.run(self.exercise, probe, keras_seed, kwargs)
