"""Before grading: what the sandbox can enforce here, said once, and a refusal when it cannot protect
the course (fail closed).

A preflight child reports what it enforced; grading starts only when student code can neither read
the hidden folders (Landlock, or empty mounts over them) nor the grading process's /proc entries
(Landlock, or a uid of its own). `--unsandboxed` grades anyway, and every report says so.
"""

from __future__ import annotations

import os
from typing import Any

from tfgrade.sandbox.policy import Policy
from tfgrade.sandbox.session import Session, SessionSpec

FIXES = ("a Linux kernel with Landlock (5.13 or newer, `landlock` in /sys/kernel/security/lsm), which needs no "
         "privileges; or grading as root on the host; or, in a container, `docker run --cap-add SYS_ADMIN` "
         "(or `--privileged`). `--unsandboxed` grades anyway and records it in every report")


class SandboxUnavailable(RuntimeError):
    """Grading would let student code read what it must not; the message names what is missing and the fix."""


def preflight(policy: Policy) -> dict[str, Any]:
    """What a sandbox child enforces here, with this policy, and what of the hidden folders and of this
    process's /proc it can still reach (a child is started, tries, and is stopped)."""
    paths = [p for p in policy.hidden_paths if os.path.isdir(p)]
    spec = SessionSpec("", {}, policy, preflight={"paths": paths, "pids": [os.getpid()]})
    with Session(spec) as session:
        return session.open()


def problems(enforced: dict[str, Any], policy: Policy) -> list[str]:
    """What the sandbox cannot protect here (empty when grading may start): what the preflight child reached."""
    reached = enforced.get("reachable") or []
    found = []
    folders = [p for p in reached if not p.startswith("/proc/")]
    if folders:
        why = "Landlock is not available" if not enforced.get("landlock") else \
            "they lie inside a folder the sandbox must read (the Python installation)"
        found.append(f"student code could read {', '.join(folders)}: {why}, and neither empty mounts (root, a "
                     "user namespace) nor a uid of its own keeps it out")
    if any(p.startswith("/proc/") for p in reached):
        found.append("student code could read the grading process's environment through /proc (no Landlock, and "
                     "no uid of its own)")
    return found


def describe(enforced: dict[str, Any]) -> str:
    """One line for the terminal: the mode and the layers that hold."""
    layers = []
    if enforced.get("landlock"):
        extras = [name for name, key in (("TCP", "landlock_tcp"), ("signals", "landlock_signals")) if enforced.get(key)]
        layers.append(f"Landlock ABI {enforced.get('landlock_abi')} (files{''.join(', ' + e for e in extras)})")
    if enforced.get("seccomp"):
        processes = "no new processes" if enforced.get("new_processes", "").startswith("denied") else \
            "processes allowed, killed after each check"
        layers.append(f"seccomp (no network, {processes}, no ptrace)")
    if enforced.get("user_namespace"):
        layers.append("user namespace (network, mounts)")
    elif enforced.get("network_namespace") or enforced.get("mount_namespace"):
        layers.append("namespaces (network, mounts)")
    if enforced.get("separate_uid"):
        layers.append("a uid per slot")
    layers.append(f"process budget: {enforced.get('process_budget', 'none')}")
    return f"sandbox ({enforced.get('mode', '?')}): " + "; ".join(layers)


def require(policy: Policy, unsandboxed: bool = False) -> dict[str, Any]:
    """The preflight record; SandboxUnavailable unless it protects the course (or `unsandboxed`)."""
    enforced = preflight(policy)
    found = problems(enforced, policy)
    if found and not unsandboxed:
        raise SandboxUnavailable("refusing to grade: " + "; ".join(found) + f". Fix: {FIXES}.")
    return {**enforced, "problems": found, "unsandboxed": unsandboxed}
