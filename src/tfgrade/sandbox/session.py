"""Parent side of the sandbox: a zygote that forks children, and sessions that talk to them."""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

from tfgrade.sandbox import wire
from tfgrade.sandbox.policy import (
    Policy,
    rss_bytes,
    scrubbed_environment,
    slot_uid,
    tasks_of_uid,
    thread_count,
    vm_size_bytes,
)

PRELOAD = "tfgrade.sandbox.child"
REAPER = "tfgrade.sandbox.reaper"
_LIVE: set[int] = set()  # pids of the sandbox children of this process's sessions
_live_lock = threading.Lock()  # a child being started is never mistaken for a stray
_zygote_lock = threading.Lock()
_zygote_context: multiprocessing.context.BaseContext | None = None


class SandboxFailure(Exception):
    """A child could not answer: the outcome (timeout, crashed, ...) and why."""

    def __init__(self, outcome: str, message: str, where: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.outcome, self.message, self.where = outcome, message, where


def zygote() -> multiprocessing.context.BaseContext:
    """The forkserver context; its server imports TensorFlow once and never runs an op. Where there is
    no forkserver (Windows), plain spawned processes: slower, but `tfgrade check` still works."""
    global _zygote_context
    with _zygote_lock:
        if _zygote_context is None:
            if "forkserver" not in multiprocessing.get_all_start_methods():
                _zygote_context = multiprocessing.get_context("spawn")
                return _zygote_context
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([PRELOAD, REAPER])
            saved = dict(os.environ)
            os.environ.clear()
            os.environ.update(scrubbed_environment(tempfile.mkdtemp(prefix="tfgrade-zygote-")))
            os.environ["PYTHONPATH"] = saved.get("PYTHONPATH", "")
            try:
                from multiprocessing import forkserver

                forkserver.ensure_running()
            finally:
                os.environ.clear()
                os.environ.update(saved)
            _zygote_context = context
    return _zygote_context


def zygote_pid() -> int | None:
    """The forkserver's pid, once it runs."""
    from multiprocessing import forkserver

    return getattr(forkserver._forkserver, "_forkserver_pid", None)


@dataclass
class SessionSpec:
    """Everything a child needs to grade one exercise of one submission."""

    exercise: str
    sources: dict[str, tuple[str, str]]
    policy: Policy
    slot: int = 0
    device: str = "/CPU:0"
    preflight: dict[str, list] | None = None  # what the child should try to reach (isolation.preflight)


class Session:
    """Talks to one sandbox child at a time; a dead child is replaced on the next call."""

    def __init__(self, spec: SessionSpec) -> None:
        self.spec = spec
        self.uid = slot_uid(spec.slot) if spec.policy.drop_privileges else None
        self.enforced: dict[str, Any] = {}
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: multiprocessing.connection.Connection | None = None
        self._workdir: str | None = None
        self._baseline_vm = self._baseline_rss = 0
        self.load_failure: SandboxFailure | dict[str, Any] | None = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        context = zygote()
        self._workdir = tempfile.mkdtemp(prefix="tfgrade-box-")
        parent_end, child_end = context.Pipe(duplex=True)
        config = {"workdir": self._workdir, "uid": self.uid, "policy": self.spec.policy,
                  "preflight": self.spec.preflight, "sources": self.spec.sources,
                  "load_seconds": self.spec.policy.load_seconds, "device": self.spec.device}
        from tfgrade.sandbox.entry import child_main  # light: the child module itself waits in the zygote

        self._process = context.Process(target=child_main, args=(child_end, config), daemon=True)
        with _live_lock:
            self._process.start()
            _LIVE.add(self._process.pid)
        child_end.close()
        self._conn = parent_end
        spawned = context.get_start_method() == "spawn"  # no zygote: the child imports TensorFlow itself
        ready = self._receive(180.0 if spawned else 30.0, "starting the sandbox")
        self.enforced = ready.get("enforced", {})
        self._baseline_vm = vm_size_bytes(self._process.pid)
        self._baseline_rss = rss_bytes(self._process.pid)

    def open(self) -> dict[str, Any]:
        """Start the child without loading any student file; return what its sandbox enforces."""
        if self._process is None:
            self._start()
        return self.enforced

    def load(self) -> dict[str, Any] | None:
        """Import the student's module in a fresh child; the failure, if any, is kept for every call."""
        if self.load_failure is None and self._process is None:
            self._start()
            try:
                reply = self._exchange({"op": "load", "exercise": self.spec.exercise},
                                       self.spec.policy.load_seconds, "importing your file")
            except SandboxFailure as failure:
                self.load_failure = failure
            else:
                if reply.get("status") != "ok":
                    self.load_failure = reply
        if isinstance(self.load_failure, SandboxFailure):
            raise self.load_failure
        return self.load_failure

    def call(self, request: dict[str, Any], seconds: float) -> dict[str, Any]:
        """Send one request to a child that has the module loaded; return the decoded reply."""
        failure = self.load()
        if failure is not None:
            return failure
        try:
            return self._exchange(request, seconds)
        finally:
            if self.spec.policy.allow_processes and self._process is not None:
                _kill(descendants(self._process.pid))  # what the check started ends with it
                sweep()

    def _exchange(self, request: dict[str, Any], seconds: float, what: str = "this check") -> dict[str, Any]:
        try:
            self._conn.send_bytes(wire.encode(request))
        except (OSError, ValueError):
            self._reap()
            raise SandboxFailure("crashed", "the sandbox process was gone before the check started") from None
        return self._receive(seconds + 2.0, what)

    def _receive(self, seconds: float, what: str) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        peak_vm = peak_tasks = 0
        limit = self.spec.policy.memory_bytes
        pid = self._process.pid
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._reap()
                raise SandboxFailure("timeout", f"{what} ran past its {seconds - 2:g} s budget and was stopped")
            ready = multiprocessing.connection.wait([self._conn, self._process.sentinel], min(remaining, 0.25))
            peak_vm = max(peak_vm, vm_size_bytes(pid))
            if rss_bytes(pid) - self._baseline_rss > limit:  # the address-space limit in the child usually
                # stops it first, with a MemoryError that says where; this catches what that limit cannot
                self._reap()
                raise SandboxFailure("out-of-memory", f"used more than the {limit // 2**20} MiB memory budget")
            tasks = thread_count(pid) + (sum(thread_count(d) for d in descendants(pid))
                                         if self.spec.policy.allow_processes else 0)
            peak_tasks = max(peak_tasks, tasks)
            if tasks > self.spec.policy.processes:
                self._reap()
                raise SandboxFailure("crashed", f"started more than {self.spec.policy.processes} threads "
                                     "and processes")
            if self._conn in ready:
                try:
                    message = self._conn.recv_bytes(wire.MAX_MESSAGE_BYTES)
                except (EOFError, OSError):
                    ready = [self._process.sentinel]
                else:
                    try:
                        reply = wire.decode(message)
                    except wire.WireError as exc:
                        self._reap()
                        raise SandboxFailure("error", f"the sandbox replied garbage ({exc})") from None
                    if not isinstance(reply, dict) or "status" not in reply:
                        self._reap()
                        raise SandboxFailure("error", "the sandbox replied garbage (not a reply)")
                    return reply
            if self._process.sentinel in ready:
                self._process.join(1.0)
                code = self._process.exitcode
                self._reap()
                raise _death(code, peak_vm - self._baseline_vm, limit, peak_tasks, self.spec.policy.processes)

    def _reap(self) -> None:
        """Kill the child, everything it started, and forget it."""
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is not None:
            stray = descendants(process.pid)
            with contextlib.suppress(ProcessLookupError, PermissionError, AttributeError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(Exception):
                process.kill()
            _kill(stray)
            process.join(5.0)
            _LIVE.discard(process.pid)
        if self.uid is not None:
            _kill_uid(self.uid)
        sweep()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def close(self) -> None:
        """Stop the child politely, then make sure it is gone."""
        if self._conn is not None:
            with contextlib.suppress(OSError, ValueError):
                self._conn.send_bytes(wire.encode({"op": "stop"}))
            if self._process is not None:
                self._process.join(2.0)
        self._reap()


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process (empty without /proc)."""
    found = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    found[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, whatever sessions or process groups they moved to."""
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, todo = [], list(children.get(pid, []))
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _kill(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def sweep(seconds: float = 5.0) -> None:
    """Kill what sandbox children left behind: an orphan is adopted by the zygote (a subreaper, see
    reaper.py), so any process below the zygote that is not a live sandbox child goes, with everything
    below it, until none is left."""
    server = zygote_pid()
    if server is None:
        return
    deadline = time.monotonic() + seconds
    while True:
        with _live_lock:
            parents = _parents()
            stray = [pid for pid, parent in parents.items() if parent == server and pid not in _LIVE]
            stray += [d for pid in stray for d in descendants(pid)]
            _kill(stray)
        if not stray or time.monotonic() > deadline:
            return
        time.sleep(0.01)


def _kill_uid(uid: int, seconds: float = 10.0) -> None:
    """Kill every process of a slot's uid, again until none is left, zombies included.

    Processes a student started outside the child's process group survive `killpg`; and until
    their zombies are reaped (by the zygote, see reaper.py) they count against the process limit
    of the slot's next child, which then cannot even start TensorFlow's threads.
    """
    deadline = time.monotonic() + seconds
    while True:
        subprocess.run(["kill", "-9", "-1"], user=uid, group=uid, extra_groups=[],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if not tasks_of_uid(uid) or time.monotonic() > deadline:
            return
        time.sleep(0.02)


def _death(code: int | None, grown_vm: int, limit: int, tasks: int = 0, budget: int = 0) -> SandboxFailure:
    if code is not None and code < 0:
        signame = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        if -code == getattr(signal, "SIGXCPU", None):
            return SandboxFailure("timeout", "used up its CPU-time budget and was stopped")
        if grown_vm >= 0.9 * limit:
            return SandboxFailure("out-of-memory", f"was killed ({signame}) near its memory budget")
        if budget and tasks >= 0.8 * budget:
            return SandboxFailure("crashed", f"was killed ({signame}) after starting {tasks} threads and processes: "
                                  f"its budget is {budget}, and TensorFlow needs some of them")
        return SandboxFailure("crashed", f"the sandbox process was killed by signal {signame}")
    return SandboxFailure("crashed", f"the sandbox process exited with status {code} "
                          "(sys.exit or os._exit in your code?); the checks it was running get no points")
