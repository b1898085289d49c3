"""Namespaces and mounts of a sandbox child: what root, or a user namespace, adds to Landlock.

With CAP_SYS_ADMIN (root on a bare host) the child gets a network and a mount namespace of its
own; without it, where the kernel lets an unprivileged process have one, a user namespace brings
the same. In the private mount namespace the hidden folders become empty read-only tmpfs mounts,
/tmp becomes a private size-limited tmpfs, and (for a uid of the child's own) folders above the
interpreter that the uid cannot traverse are replaced by a tmpfs with the interpreter bound back.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
from pathlib import Path

from tfgrade.sandbox.landlock import interpreter_paths

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 0x1
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000


def libc() -> ctypes.CDLL:
    """The C library, with errno kept."""
    return ctypes.CDLL(None, use_errno=True)


def enter_user_namespace() -> bool:
    """A user namespace (mapping this uid to 0 inside), with network and mount namespaces of its own."""
    uid, gid = os.getuid(), os.getgid()
    if libc().unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS) != 0:
        return False
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
    except OSError:
        return False
    return True


def enter_network_namespace() -> bool:
    """A network namespace with no interfaces (needs CAP_SYS_ADMIN, or a user namespace)."""
    return libc().unshare(CLONE_NEWNET) == 0


def private_mounts(in_user_namespace: bool) -> bool:
    """A mount namespace of our own (already made with a user namespace), seen by nobody else."""
    c = libc()
    if not in_user_namespace and c.unshare(CLONE_NEWNS) != 0:
        return False
    return c.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) == 0


def private_tmp(workdir: str, size: int) -> bool:
    """A fresh size-limited tmpfs over the temp folder (the workdir's parent), interpreter paths kept."""
    tmp = os.path.dirname(os.path.realpath(workdir))
    keep = [p for p in interpreter_paths() if p == tmp or p.startswith(tmp + "/")]
    if not _cover_keeping(tmp, keep, f"size={size},mode=1777"):
        return False
    os.makedirs(workdir, exist_ok=True)
    return True


def _cover_keeping(folder: str, keep: list[str], options: str) -> bool:
    """Mount a fresh tmpfs over `folder`, then bind-mount the paths in `keep` (inside it) back."""
    c = libc()
    handles = {path: os.open(path, os.O_PATH) for path in keep}
    try:
        if c.mount(b"tmpfs", folder.encode(), b"tmpfs", 0, options.encode()) != 0:
            return False
        for path, handle in handles.items():
            os.makedirs(path, exist_ok=True)
            if c.mount(f"/proc/self/fd/{handle}".encode(), path.encode(), None, MS_BIND | MS_REC, None) != 0:
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


def readable_by(uid: int) -> bool:
    """Whether `uid` can reach the interpreter and its packages without mount tricks."""
    return not any(_blocked_ancestor(path, uid) for path in interpreter_paths())


def expose_interpreter(uid: int) -> bool:
    """Make the interpreter reachable for `uid`: tmpfs over each blocked ancestor, its paths bound back."""
    by_ancestor: dict[str, list[str]] = {}
    for path in interpreter_paths():
        ancestor = _blocked_ancestor(path, uid)
        if ancestor:
            by_ancestor.setdefault(ancestor, []).append(path)
    return all(_cover_keeping(ancestor, inside, "size=64k,mode=755") for ancestor, inside in by_ancestor.items())


def with_history(paths: tuple[str, ...]) -> tuple[str, ...]:
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


def hide(paths: tuple[str, ...]) -> list[str]:
    """Mount empty read-only tmpfs over each path (in our private mount namespace).

    A path that holds the interpreter or its packages is never hidden: the child needs them.
    """
    needed = interpreter_paths()
    c = libc()
    hidden = []
    for path in paths:
        real = os.path.realpath(path)
        if any(p == real or p.startswith(real + "/") for p in needed):
            continue
        if os.path.isdir(real) and c.mount(b"tmpfs", real.encode(), b"tmpfs", MS_RDONLY, b"size=4k,mode=555") == 0:
            hidden.append(path)
    return hidden
