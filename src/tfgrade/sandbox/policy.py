"""What the sandbox enforces on a child, and how it applies it."""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import sys
from dataclasses import dataclass, field
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 0x1
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000
SLOT_UID_BASE = 0x10000000  # far above any real account
SLOTS_PER_RUN = 64
SAFE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TF_CPP_MIN_LOG_LEVEL": "2",
            "KERAS_BACKEND": "tensorflow", "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}


@dataclass(frozen=True)
class Policy:
    """Resource budgets of one sandbox child."""

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


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def tasks_of_uid(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                continue
    return count


def vm_size_bytes(pid: int | str = "self") -> int:
    """Virtual memory size of a process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


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
    if os.geteuid() != 0:
        return None
    return SLOT_UID_BASE + os.getpid() * SLOTS_PER_RUN + slot % SLOTS_PER_RUN


def enforce(policy: Policy, workdir: str, uid: int | None) -> dict[str, object]:
    """Apply the policy to the calling (child) process; return what was enforced."""
    enforced: dict[str, object] = {}
    libc = _libc()
    enforced["network_namespace"] = uid is not None and libc.unshare(CLONE_NEWNET) == 0
    private = uid is not None and _private_mounts(libc)
    enforced["hidden_paths"] = _hide_paths(libc, _with_history(policy.hidden_paths)) if private else []
    enforced["private_tmp"] = private and _private_tmp(libc, workdir, policy.tmp_bytes)
    if uid is not None and not (private and _expose(libc, _interpreter_paths(), uid)):
        uid = None  # the interpreter would be unreadable: keep the uid, and say so
    vm_now = vm_size_bytes()
    limits = {
        "cpu_seconds": (resource.RLIMIT_CPU, policy.cpu_seconds),
        "memory_bytes_above_startup": (resource.RLIMIT_AS, vm_now + policy.memory_bytes),
        "file_size_bytes": (resource.RLIMIT_FSIZE, policy.file_bytes),
        "core_bytes": (resource.RLIMIT_CORE, 0),
    }
    nproc = policy.processes if uid is not None else tasks_of_uid(os.getuid()) + policy.processes
    limits["processes"] = (resource.RLIMIT_NPROC, nproc)
    # budgets, not raw limits: those depend on the start-up size and, without root, the user's other tasks
    recorded = {"memory_bytes_above_startup": policy.memory_bytes, "processes": policy.processes}
    for name, (which, value) in limits.items():
        try:
            resource.setrlimit(which, (value, value))
            enforced[name] = recorded.get(name, value)
        except (ValueError, OSError):
            enforced[name] = None
    if uid is not None:
        os.chown(workdir, uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    enforced["uid"] = os.getuid()
    enforced["separate_uid"] = uid is not None
    return enforced


def _private_mounts(libc: ctypes.CDLL) -> bool:
    """Enter a mount namespace of our own, so mounts made here are seen by nobody else."""
    return libc.unshare(CLONE_NEWNS) == 0 and libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) == 0


def _interpreter_paths() -> list[str]:
    """Folders the child must still read after dropping privileges: Python, its packages, tfgrade."""
    import tfgrade

    packages = [p for p in sys.path if p and ("site-packages" in p or "lib/python" in p) and os.path.isdir(p)]
    paths = {sys.base_prefix, sys.prefix, os.path.dirname(os.path.dirname(tfgrade.__file__)), *packages}
    return sorted(os.path.realpath(p) for p in paths)


def _private_tmp(libc: ctypes.CDLL, workdir: str, size: int) -> bool:
    """A fresh size-limited tmpfs over the temp folder (the workdir's parent), interpreter paths kept."""
    tmp = os.path.dirname(os.path.realpath(workdir))
    keep = [p for p in _interpreter_paths() if p == tmp or p.startswith(tmp + "/")]
    if not _cover_keeping(libc, tmp, keep, f"size={size},mode=1777"):
        return False
    os.makedirs(workdir, exist_ok=True)
    return True


def _cover_keeping(libc: ctypes.CDLL, folder: str, keep: list[str], options: str) -> bool:
    """Mount a fresh tmpfs over `folder`, then bind-mount the paths in `keep` (inside it) back."""
    handles = {path: os.open(path, os.O_PATH) for path in keep}
    try:
        if libc.mount(b"tmpfs", folder.encode(), b"tmpfs", 0, options.encode()) != 0:
            return False
        for path, handle in handles.items():
            os.makedirs(path, exist_ok=True)
            if libc.mount(f"/proc/self/fd/{handle}".encode(), path.encode(), None, MS_BIND | MS_REC, None) != 0:
                return False
        return True
    finally:
        for handle in handles.values():
            os.close(handle)


def _blocked_ancestor(path: str, uid: int) -> str | None:
    """The highest folder above `path` that `uid` may not traverse (not owner, no o+x)."""
    blocked = None
    parts = path.strip("/").split("/")
    for depth in range(1, len(parts)):
        folder = "/" + "/".join(parts[:depth])
        info = os.stat(folder)
        if info.st_uid != uid and not info.st_mode & 0o001:
            blocked = blocked or folder
    return blocked


def _expose(libc: ctypes.CDLL, paths: list[str], uid: int) -> bool:
    """Make `paths` reachable for `uid`: tmpfs over each blocked ancestor, the paths bind-mounted back."""
    by_ancestor: dict[str, list[str]] = {}
    for path in paths:
        ancestor = _blocked_ancestor(path, uid)
        if ancestor:
            by_ancestor.setdefault(ancestor, []).append(path)
    return all(_cover_keeping(libc, ancestor, inside, "size=64k,mode=755") for ancestor, inside in by_ancestor.items())


def _with_history(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The paths, and the git folder of every repository that holds one: its history holds them too."""
    found = list(paths)
    for path in paths:
        for folder in Path(path).parents:
            git = folder / ".git"
            with contextlib.suppress(OSError):
                if git.is_file() and git.read_text(errors="replace").startswith("gitdir:"):  # worktree, submodule
                    git = (folder / git.read_text(errors="replace")[7:].strip()).resolve()
                    common = git / "commondir"
                    git = (git / common.read_text().strip()).resolve() if common.is_file() else git
            if git.is_dir():
                found.append(str(git))
    return tuple(dict.fromkeys(found))


def _hide_paths(libc: ctypes.CDLL, paths: tuple[str, ...]) -> list[str]:
    """Mount empty read-only tmpfs over each path (in our private mount namespace).

    A path that holds the interpreter or its packages is never hidden: the child needs them.
    """
    needed = _interpreter_paths()
    hidden = []
    for path in paths:
        real = os.path.realpath(path)
        if any(p == real or p.startswith(real + "/") for p in needed):
            continue
        if os.path.isdir(real) and libc.mount(b"tmpfs", real.encode(), b"tmpfs", MS_RDONLY, b"size=4k,mode=555") == 0:
            hidden.append(path)
    return hidden


def scrubbed_environment(workdir: str) -> dict[str, str]:
    """The only environment a child sees."""
    env = dict(SAFE_ENV)
    env.update(HOME=workdir, TMPDIR=workdir, KERAS_HOME=os.path.join(workdir, ".keras"),
               MPLCONFIGDIR=os.path.join(workdir, ".matplotlib"))
    return env

