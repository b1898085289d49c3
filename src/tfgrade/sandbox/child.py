"""The sandbox child: imports a student's module and runs grader probes on it.

This module is preloaded by the zygote (forkserver), so TensorFlow is imported
once; importing it must never run a TensorFlow op.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import io
import os
import re
import signal
import sys
import time
import traceback
from typing import Any

from tfgrade import numerics
from tfgrade.quiet import import_tensorflow
from tfgrade.sandbox import landlock, syscalls, wire
from tfgrade.sandbox import policy as sandbox_policy

tf = import_tensorflow()
import keras  # noqa: E402

syscalls.prepare()  # bindings, filters and paths once, here in the zygote, not in every child
landlock.prepare()


class BudgetExceeded(Exception):
    """Raised inside the child when a call runs past its time budget."""


class CappedText(io.TextIOBase):
    """A text stream that keeps at most `cap` bytes and drops the rest."""

    def __init__(self, fd: int, cap: int) -> None:
        self._fd, self._left = fd, cap

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        data = text.encode(errors="replace")[: max(self._left, 0)]
        if data:
            self._left -= len(data)
            try:
                os.write(self._fd, data)
            except OSError:
                self._left = 0
        return len(text)


class SubmissionFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the student's (already filtered) files as importable modules."""

    def __init__(self, sources: dict[str, tuple[str, str]]) -> None:
        self.sources = sources

    def find_spec(self, name, path=None, target=None):
        if name in self.sources:
            return importlib.util.spec_from_loader(name, self, origin=self.sources[name][0])
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        filename, source = self.sources[module.__name__]
        module.__file__ = filename
        exec(compile(source, filename, "exec", dont_inherit=True), module.__dict__)


def _student_frames(tb, files: set[str]) -> list[dict[str, Any]]:
    frames = []
    for frame in traceback.extract_tb(tb):
        if frame.filename in files:
            frames.append({"file": frame.filename, "line": frame.lineno, "function": frame.name,
                           "text": (frame.line or "").strip()})
    return frames


def _where(frame, files: set[str]) -> dict[str, Any] | None:
    while frame is not None:
        if frame.f_code.co_filename in files:
            return {"file": frame.f_code.co_filename, "line": frame.f_lineno}
        frame = frame.f_back
    return None


ANSI = re.compile(r"\x1b\[[0-9;]*m")
KERAS_NOISE = re.compile(r"\n*Arguments received by .*|\{\{function_node [^}]*\}\}|"
                         r"Exception encountered when calling [\w.]+\(\)\.\s*", re.DOTALL)


def clean_message(text: str) -> str:
    """An exception message without colour codes, TF node names or Keras' argument dump."""
    return KERAS_NOISE.sub("", ANSI.sub("", text)).strip()


def describe_value(value: Any) -> str:
    """A value's kind, dtype and shape for a message ("tf.Variable float32 (2, 1)"), by type only: student
    objects are never asked for their repr."""
    kind = type(value)
    if isinstance(value, tf.Variable) or kind.__name__ in ("ResourceVariable", "Variable"):
        prefix = "keras.Variable" if kind.__module__.startswith("keras") else "tf.Variable"
        return f"{prefix} {value.dtype.name if hasattr(value.dtype, 'name') else value.dtype} {tuple(value.shape)}"
    if isinstance(value, tf.Tensor):
        return f"tf.Tensor {value.dtype.name} {tuple(value.shape)}"
    if kind.__module__ == "numpy" and hasattr(value, "shape"):
        return f"np.ndarray {value.dtype} {tuple(value.shape)}" if value.ndim else f"np.{value.dtype} {value}"
    if kind in (int, float, bool):
        return f"{kind.__name__} {value!r}"
    if kind in (list, tuple, dict):
        return f"{kind.__name__} of {len(value)}"
    if kind is type(None):
        return "None"
    return kind.__name__


def describe_call(tb, files: set[str]) -> dict[str, str] | None:
    """The outermost call into the student's code (what the grader called) with its arguments' kinds."""
    while tb is not None and tb.tb_frame.f_code.co_filename not in files:
        tb = tb.tb_next
    if tb is None or tb.tb_frame.f_code.co_name == "<module>":
        return None
    code, names = tb.tb_frame.f_code, []
    count = code.co_argcount + code.co_kwonlyargcount
    for name in code.co_varnames[:count]:
        if name in ("self", "cls"):
            continue
        try:
            names.append(f"{name}: {describe_value(tb.tb_frame.f_locals[name])}")
        except Exception:  # a value that cannot even be described is named only
            names.append(name)
    owner = tb.tb_frame.f_locals.get("self")
    function = f"{type(owner).__name__}.{code.co_name}" if owner is not None else code.co_name
    return {"function": function, "arguments": ", ".join(names)}


def describe_failure(exc: BaseException, files: set[str]) -> dict[str, Any]:
    """The reply for an exception from student code: status, type, message, the student's frames, and the call
    into the student's code that raised."""
    frames = _student_frames(exc.__traceback__, files)
    if isinstance(exc, SyntaxError) and exc.filename in files:
        frames.append({"file": exc.filename, "line": exc.lineno or 0, "function": "<module>",
                       "text": (exc.text or "").strip()})
    reply: dict[str, Any] = {"status": "error", "type": type(exc).__name__,
                             "message": clean_message(str(exc))[:2000], "frames": frames[-8:]}
    try:
        call = describe_call(exc.__traceback__, files)
    except Exception:  # describing is a courtesy: never let it replace the real failure
        call = None
    if call:
        reply["call"] = call
    if isinstance(exc, BudgetExceeded):
        reply.update(status="timeout", where=exc.args[1] if len(exc.args) > 1 else None,
                     message=str(exc.args[0]))
    elif isinstance(exc, MemoryError) or type(exc).__name__ == "ResourceExhaustedError":
        reply.update(status="out-of-memory", message=reply["message"] or f"ran out of memory ({type(exc).__name__})")
    elif isinstance(exc, (SystemExit, KeyboardInterrupt)):
        code = exc.code if isinstance(exc, SystemExit) else "interrupt"
        reply.update(status="crashed", message=f"called sys.exit({code!r})")
    if reply["status"] in ("out-of-memory", "crashed") and frames:
        reply["where"] = {"file": frames[-1]["file"], "line": frames[-1]["line"]}  # the parent shows only `where`
    return reply


def arm_budget(seconds: float, what: str, files: set[str]) -> None:
    """Raise BudgetExceeded in this (main) thread after `seconds`; disarm with setitimer(ITIMER_REAL, 0)."""
    def on_alarm(signum, frame):
        raise BudgetExceeded(f"{what} ran past its {seconds:g} s budget", _where(frame, files))

    if hasattr(signal, "setitimer"):  # elsewhere (Windows) the parent's wall clock alone stops it
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)


def disarm_budget() -> None:
    """Cancel the alarm set by arm_budget."""
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)


class ChildState:
    """What one child keeps between requests."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.sources: dict[str, tuple[str, str]] = config["sources"]
        self.files = {filename for filename, _ in self.sources.values()}
        self.module = None
        self.load_failure: dict[str, Any] | None = None

    def _budget(self, seconds: float, what: str):
        arm_budget(seconds, what, self.files)

    def _seed(self, seed: int) -> None:
        keras.utils.set_random_seed(seed)

    def load(self, exercise: str, seed: int, seconds: float) -> dict[str, Any]:
        if self.module is not None or self.load_failure is not None:
            return self.load_failure or {"status": "ok"}
        if exercise not in self.sources:
            self.load_failure = {"status": "missing", "message": f"no file for {exercise}"}
            return self.load_failure
        self._seed(seed)
        self._budget(seconds, "importing your file")
        try:
            self.module = importlib.import_module(exercise)
            return {"status": "ok"}
        except BaseException as exc:  # every failure is reported, none escapes
            self.load_failure = describe_failure(exc, self.files)
            self.load_failure["phase"] = "import"
            return self.load_failure
        finally:
            disarm_budget()

    def probe(self, request: dict[str, Any]) -> dict[str, Any]:
        loaded = self.load(request["exercise"], request["seed"], self.config["load_seconds"])
        if loaded["status"] != "ok":
            return loaded
        try:
            function = _define_probe(request)
        except BaseException as exc:  # the grader's fault, never the student's
            return {"status": "grader-error", "type": type(exc).__name__, "message": str(exc)[:2000], "frames": []}
        self._seed(request["seed"])
        self._budget(request["seconds"], "this check")
        started = time.perf_counter()
        try:
            with tf.device(self.config["device"]):
                value = wire.plain(function(self.module, **request["kwargs"]))
            return {"status": "ok", "value": value, "seconds": time.perf_counter() - started}
        except BaseException as exc:  # sys.exit and KeyboardInterrupt too: reported, never fatal
            return describe_failure(exc, self.files)
        finally:
            disarm_budget()


def _define_probe(request: dict[str, Any]):
    """The probe function, defined from the program the parent sent (the only grader code the child gets);
    nothing of it is kept after the call."""
    namespace: dict[str, Any] = {"__name__": f"tfgrade_probe_{request['exercise']}"}
    exec(compile(request["program"], request["filename"], "exec", dont_inherit=True), namespace)
    return namespace[request["probe"]]


def _isolate_streams(workdir: str, cap: int) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # output below Python (C code, subprocesses, sys.__stdout__) is dropped: in a
        os.dup2(null, fd)  # file it would reach the file-size limit, and then fail the student's writes
    log = os.open(os.path.join(workdir, "output.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    sys.stdin = open(os.devnull)  # noqa: SIM115
    sys.stdout = CappedText(log, cap)
    sys.stderr = CappedText(log, cap)


def reachable(paths: list[str], pids: list[int]) -> list[str]:
    """What this (sandboxed) process can read of what it must not: folders and their files, and the
    environment of the grading processes. Run once by the preflight child, never with student code."""
    found = []
    for folder in paths:
        try:
            names = os.listdir(folder)
            found.append(folder)
            for name in names:
                if os.path.isfile(os.path.join(folder, name)):
                    with open(os.path.join(folder, name), "rb") as handle:
                        handle.read(1)
        except OSError:
            continue
    for pid in pids:
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                handle.read(1)
            found.append(f"/proc/{pid}/environ")
        except OSError:
            continue
    return found


def child_main(conn, config: dict[str, Any]) -> None:
    """Entry point of a sandbox child: set up, then answer requests until told to stop."""
    if hasattr(os, "setsid"):
        os.setsid()
    workdir = config["workdir"]
    policy: sandbox_policy.Policy = config["policy"]
    _isolate_streams(workdir, policy.output_bytes)
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    sys.dont_write_bytecode = True
    state = ChildState(config)
    os.chdir(workdir)
    os.environ.clear()
    os.environ.update(sandbox_policy.scrubbed_environment(workdir))
    enforced = sandbox_policy.enforce(policy, workdir, config["uid"]) if policy.isolate else \
        sandbox_policy.limits_only(policy)
    os.chdir(workdir)  # again: with a private /tmp, the workdir is a fresh folder in it
    numerics.configure(tf)
    sys.path[:] = [p for p in sys.path if "site-packages" in p or "lib/python" in p]
    sys.meta_path.insert(0, SubmissionFinder(state.sources))
    if config.get("preflight"):
        enforced["reachable"] = reachable(**config["preflight"])
    conn.send_bytes(wire.encode({"status": "ready", "enforced": enforced}))
    while True:
        try:
            request = wire.decode(conn.recv_bytes())
        except EOFError:
            return
        if request["op"] == "stop":
            return
        if request["op"] == "load":
            reply = state.load(request["exercise"], numerics.DEFAULT_SEED, config["load_seconds"])
        else:
            reply = state.probe(request)
        try:
            message = wire.encode(reply)
        except wire.WireError as exc:
            message = wire.encode({"status": "error", "type": "TypeError",
                                   "message": f"the result could not be read: {exc}", "frames": []})
        conn.send_bytes(message)
