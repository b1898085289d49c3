"""Landlock: the file-system allow-list of a sandbox child, which needs no privileges.

Read and execute: the interpreter, its packages, tfgrade, system libraries, and what TensorFlow
reads under /proc (the child's own entry only), /sys and /dev. Read and write: the child's working
directory. Everything else is unreadable, the course, OUT, the class folder and the instructor's
home among it. A Landlock domain also keeps the child away from /proc/<pid>/{environ,cwd,mem} of
processes outside it (ptrace scoping), and, on newer kernels, from TCP (ABI 4) and from signals
and abstract unix sockets outside it (ABI 6).
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any

SYSTEM_READ = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/sys", "/opt/conda")
ETC_READ = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/passwd",
            "/etc/group", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/hosts", "/etc/mime.types", "/etc/fonts",
            "/etc/os-release", "/etc/alternatives", "/etc/ssl/certs", "/etc/matplotlibrc")
PROC_READ = ("cpuinfo", "meminfo", "stat", "filesystems", "sys/kernel", "sys/vm/overcommit_memory", "version",
             "mounts")
DEVICES_RW = ("/dev/null", "/dev/zero", "/dev/full", "/dev/shm")
DEVICES_READ = ("/dev/urandom", "/dev/random")


@functools.cache
def abi_version() -> int:
    """The kernel's Landlock ABI (0: none, or not Linux, or the binding is missing)."""
    try:
        import landlockpy
    except ImportError:
        return 0
    try:
        return landlockpy.abi_version()
    except Exception:  # an unexpected errno: treat as absent
        return 0


@functools.cache
def interpreter_paths() -> list[str]:
    """Folders the child must read to keep importing: Python, its packages, tfgrade itself."""
    packages = [p for p in sys.path if p and ("site-packages" in p or "lib/python" in p or "dist-packages" in p)
                and os.path.isdir(p)]
    paths = {sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix,
             os.path.dirname(os.path.dirname(os.path.abspath(__file__))), *packages}
    return sorted({os.path.realpath(p) for p in paths if os.path.isdir(p)})


@functools.cache
def _static_paths() -> tuple[list[str], list[str], list[str]]:
    """Readable paths, read-only devices and read-write devices that exist here: the same for every child,
    so the zygote finds them once (see prepare)."""
    readable = [p for p in (*SYSTEM_READ, *ETC_READ, *interpreter_paths(), *(f"/proc/{n}" for n in PROC_READ))
                if os.path.exists(p)]
    devices = [p for p in DEVICES_READ if os.path.exists(p)]
    writable = [p for p in (*DEVICES_RW, *_gpu_devices()) if os.path.exists(p)]
    return readable, devices, writable


def prepare() -> None:
    """Find the binding, the ABI and the paths once, before children are forked, and build (never enforce)
    one ruleset: the binding's flag arithmetic caches its values, which saves each child milliseconds."""
    if abi_version() >= 1:
        _build_ruleset("/").close()


def readable_paths() -> list[str]:
    """Everything the allow-list lets a child read (besides its working directory and devices)."""
    return [*_static_paths()[0], f"/proc/{os.getpid()}"]


def _build_ruleset(workdir: str) -> Any:
    """The allow-list as a Landlock ruleset, not yet enforced."""
    from landlockpy import AccessFS, Ruleset, Scope

    read_dir = AccessFS.EXECUTE | AccessFS.READ_FILE | AccessFS.READ_DIR
    read_file = read_dir & ~AccessFS.READ_DIR
    file_rights = AccessFS.EXECUTE | AccessFS.READ_FILE | AccessFS.WRITE_FILE | AccessFS.TRUNCATE | \
        AccessFS.IOCTL_DEV
    _, devices, writable = _static_paths()
    ruleset = Ruleset(scoped=Scope.SIGNAL | Scope.ABSTRACT_UNIX_SOCKET)
    for path in readable_paths():
        ruleset.allow_path(path, read_dir if os.path.isdir(path) else read_file)
    for path in devices:
        ruleset.allow_path(path, AccessFS.READ_FILE)
    for path in writable:
        ruleset.allow_path(path, ruleset.handled_fs if os.path.isdir(path) else file_rights)
    ruleset.allow_path(workdir, ruleset.handled_fs)
    return ruleset


def restrict(workdir: str) -> dict[str, Any]:
    """Enforce the allow-list on this (single-threaded) process and its future threads; what held."""
    abi = abi_version()
    if abi < 1:
        return {"landlock": False}
    with _build_ruleset(workdir) as ruleset:
        ruleset.restrict()
        handled_net, scoped = bool(ruleset.handled_net), bool(ruleset.scoped)
    return {"landlock": True, "landlock_abi": abi, "landlock_tcp": handled_net, "landlock_signals": scoped}


def _gpu_devices() -> list[str]:
    try:
        return [f"/dev/{name}" for name in os.listdir("/dev") if name.startswith(("nvidia", "dri"))]
    except OSError:
        return []
