"""seccomp: the system calls a sandbox child may not make, enforced by the kernel without privileges.

Denied: sockets other than unix ones (no network of any kind), starting processes or programs
(`fork`, `clone` without `CLONE_THREAD`, `execve`: nothing a submission starts can outlive its
child), reading or writing other processes (`ptrace`, `process_vm_*`), changing mounts or
namespaces, and kernel facilities no exercise needs (bpf, keyrings, io_uring, perf, modules, ...).
libseccomp compiles the filter (through pyseccomp, its ctypes binding); without it this layer is
recorded as absent.
"""

from __future__ import annotations

import errno
import functools
from typing import Any

AF_UNIX = 1
CLONE_THREAD = 0x00010000
DENIED = (
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
    "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount",
    "fspick", "mount_setattr", "unshare", "setns",
    "bpf", "keyctl", "add_key", "request_key", "personality", "userfaultfd", "perf_event_open",
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "settimeofday", "clock_settime", "clock_adjtime", "syslog",
    "name_to_handle_at", "open_by_handle_at", "lookup_dcookie", "uselib", "vhangup",
)
NEW_PROCESSES = ("fork", "vfork", "execve", "execveat")


@functools.cache
def _binding():
    try:
        import pyseccomp
    except (ImportError, RuntimeError, OSError):  # RuntimeError: libseccomp is not installed
        return None
    return pyseccomp


def available() -> bool:
    """Whether libseccomp can be loaded here."""
    return _binding() is not None


@functools.cache
def _filter(allow_processes: bool) -> Any:
    """The filter, built once (in the zygote, see prepare) and loaded by every child."""
    seccomp = _binding()
    deny = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    for name in DENIED + (() if allow_processes else NEW_PROCESSES):
        try:
            rules.add_rule(deny, name)
        except (OSError, ValueError, RuntimeError):  # a call this kernel or libseccomp does not know
            continue
    rules.add_rule(deny, "socket", seccomp.Arg(0, seccomp.NE, AF_UNIX))
    if not allow_processes:
        rules.add_rule(deny, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
        # clone3 passes its flags in memory, which a filter cannot read: "not implemented" makes the C
        # library fall back to clone for threads, as it does under Docker's default profile
        rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    return rules


def prepare() -> None:
    """Build both filters before children are forked, so a child only loads one."""
    if available():
        _filter(False)
        _filter(True)


def restrict(allow_processes: bool = False) -> dict[str, Any]:
    """Load the filter on this (single-threaded) process; its future threads (and, with `allow_processes`,
    processes) inherit it."""
    if not available():
        return {"seccomp": False}
    _filter(allow_processes).load()
    return {"seccomp": True, "new_processes": "allowed, killed after each check" if allow_processes
            else "denied (seccomp)"}
