"""What the sandbox enforces on a child, and the order in which the layers are applied.

Layers, each recorded in `report.json` under `environment.sandbox` (see docs/trust-model.md):
namespaces and mounts (root, or a user namespace), resource limits, a uid of the child's own
(root), Landlock (files, TCP, signals) and seccomp (sockets, processes, ptrace, mounts).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from tfgrade.sandbox import landlock, mounts, syscalls

try:
    import resource
except ImportError:  # Windows: `tfgrade check` runs without limits there
    resource = None  # type: ignore[assignment]

SLOT_UID_BASE = 0x10000000  # far above any real account
SLOTS_PER_RUN = 64
PR_SET_PDEATHSIG = 1
CAP_SYS_ADMIN = 21
SAFE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TF_CPP_MIN_LOG_LEVEL": "2",
            "KERAS_BACKEND": "tensorflow", "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}


@dataclass(frozen=True)
class Policy:
    """Resource budgets of one sandbox child, and the folders it must not see."""

    cpu_seconds: int = 300
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 16 * 1024**2
    processes: int = 96
    output_bytes: int = 64 * 1024
    load_seconds: float = 30.0
    case_seconds_cap: float | None = None
    tmp_bytes: int = 64 * 1024**2
    timeouts_per_exercise: int = 2
    drop_privileges: bool = True
    hidden_paths: tuple[str, ...] = field(default=())
    isolate: bool = True  # False: `tfgrade check` on the student's own machine (no isolation needed)
    allow_processes: bool = False  # --allow-processes: exercises that must start processes


def tasks_of_uid(uid: int) -> int:
    """How many tasks (threads) a uid runs."""
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                continue
    return count


def _status_field(pid: int | str, name: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(name):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def vm_size_bytes(pid: int | str = "self") -> int:
    """Virtual memory size of a process (0 when it is gone)."""
    return _status_field(pid, "VmSize:") * 1024


def thread_count(pid: int) -> int:
    """Threads of a process (0 when it is gone)."""
    return _status_field(pid, "Threads:")


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def slot_uid(slot: int) -> int | None:
    """The uid a sandbox slot runs as (unique to this grading process), or None without root.

    Cleaning up kills every process of the uid, so two grading runs must never share one.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    return SLOT_UID_BASE + os.getpid() * SLOTS_PER_RUN + slot % SLOTS_PER_RUN


def has_cap_sys_admin() -> bool:
    """Whether this process holds CAP_SYS_ADMIN (root on a bare host; not in Docker's default)."""
    try:
        with open("/proc/self/status") as status:
            effective = next(int(line.split()[1], 16) for line in status if line.startswith("CapEff:"))
    except (OSError, StopIteration, ValueError):
        return False
    return bool(effective >> CAP_SYS_ADMIN & 1)


def mode() -> str:
    """How tfgrade runs here: 'root', 'root-without-cap-sys-admin' or 'user'."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "user"
    return "root" if has_cap_sys_admin() else "root-without-cap-sys-admin"


def enforce(policy: Policy, workdir: str, uid: int | None) -> dict[str, Any]:
    """Apply the policy to the calling (single-threaded, child) process; return what was enforced.

    Order matters: namespaces and mounts first (Landlock and seccomp forbid them later), then
    limits and the uid, then Landlock, then seccomp.
    """
    started = time.perf_counter()
    enforced: dict[str, Any] = {"mode": mode()}
    admin = enforced["mode"] == "root"
    if uid is not None and not admin and not mounts.readable_by(uid):
        uid = None  # without mounts the uid could not even read the interpreter
    if uid is not None and not admin:
        _become(uid, workdir)
    in_userns = not admin and mounts.enter_user_namespace()
    enforced["user_namespace"] = in_userns
    enforced["network_namespace"] = in_userns or (admin and mounts.enter_network_namespace())
    private = (in_userns or admin) and mounts.private_mounts(in_userns)
    enforced["mount_namespace"] = private
    enforced["hidden_paths"] = mounts.hide(policy.hidden_paths) if private else []
    enforced["private_tmp"] = private and mounts.private_tmp(workdir, policy.tmp_bytes)
    if uid is not None and admin and not (private and mounts.expose_interpreter(uid)):
        uid = None  # the interpreter would be unreadable: keep the uid, and say so
    enforced.update(_limits(policy, own_budget=uid is not None or in_userns))
    if uid is not None and admin:
        _become(uid, workdir)
    enforced["uid"] = os.getuid()
    enforced["separate_uid"] = uid is not None
    seconds = {"namespaces_limits_uid": time.perf_counter() - started}
    begun = time.perf_counter()
    enforced.update(landlock.restrict(workdir))
    seconds["landlock"] = time.perf_counter() - begun
    begun = time.perf_counter()
    enforced.update(syscalls.restrict(policy.allow_processes))
    seconds["seccomp"] = time.perf_counter() - begun
    enforced["setup_seconds"] = {k: round(v, 6) for k, v in seconds.items()}
    enforced["process_budget"] = _budget_kind(uid is not None, in_userns,
                                              enforced["seccomp"] and not policy.allow_processes)
    mounts.libc().prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)  # the zygote gone: this child goes too
    return enforced


def _become(uid: int, workdir: str) -> None:
    os.chown(workdir, uid, uid)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def _budget_kind(own_uid: bool, in_userns: bool, no_processes: bool) -> str:
    if own_uid:
        return "own uid"
    if in_userns:
        return "own user namespace"
    return "threads counted by the parent" if no_processes else "processes and threads counted by the parent"


def _limits(policy: Policy, own_budget: bool) -> dict[str, Any]:
    """rlimits: CPU, address space above start-up, file size, no core files, and processes/threads: the
    budget itself where it is the child's own, else on top of the user's count (only when seccomp cannot
    forbid new processes; threads are then counted by the parent)."""
    if resource is None:
        return {}
    limits = {
        "cpu_seconds": (resource.RLIMIT_CPU, policy.cpu_seconds),
        "memory_bytes_above_startup": (resource.RLIMIT_AS, vm_size_bytes() + policy.memory_bytes),
        "file_size_bytes": (resource.RLIMIT_FSIZE, policy.file_bytes),
        "core_bytes": (resource.RLIMIT_CORE, 0),
    }
    if own_budget:
        limits["processes"] = (resource.RLIMIT_NPROC, policy.processes)
    elif (policy.allow_processes or not syscalls.available()) and os.path.isdir("/proc"):
        limits["processes"] = (resource.RLIMIT_NPROC, tasks_of_uid(os.getuid()) + policy.processes)
    recorded = {"memory_bytes_above_startup": policy.memory_bytes, "processes": policy.processes}
    enforced: dict[str, Any] = {"processes": policy.processes}
    for name, (which, value) in limits.items():
        try:
            resource.setrlimit(which, (value, value))
            enforced[name] = recorded.get(name, value)
        except (ValueError, OSError):
            enforced[name] = None
    return enforced


def limits_only(policy: Policy) -> dict[str, Any]:
    """No isolation (`tfgrade check` on the student's own machine, or --unsandboxed): the limits the
    platform has, nothing more."""
    return {"mode": "unsandboxed", "separate_uid": False, **_limits(policy, own_budget=False)}


def scrubbed_environment(workdir: str) -> dict[str, str]:
    """The only environment a child sees."""
    env = dict(SAFE_ENV)
    env.update(HOME=workdir, TMPDIR=workdir, KERAS_HOME=os.path.join(workdir, ".keras"),
               MPLCONFIGDIR=os.path.join(workdir, ".matplotlib"))
    return env
