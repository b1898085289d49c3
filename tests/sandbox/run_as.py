"""Run a command (as root) the way an instructor's deployment would: `python run_as.py MODE -- CMD ...`.

Modes (what tfgrade is tested in):
- root: as is (root on a bare host, CAP_SYS_ADMIN).
- docker: root without CAP_SYS_ADMIN, and no new user namespaces, as under Docker's (and Gradescope's)
  default seccomp profile.
- user: the unprivileged user nobody. The Python installation, the repository and the folders named in
  TFGRADE_EXPOSE (colon-separated) are made reachable for nobody (folders above them it could not
  traverse become a tmpfs with only them bound back), as for an instructor with their own venv.
- user-no-landlock: nobody on a kernel without Landlock and without unprivileged user namespaces
  (Landlock's calls answer ENOSYS, as on kernels before 5.13).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

CLONE_NEWUSER = 0x10000000
LANDLOCK_CALLS = ("landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self")
NOBODY = 65534
REPO = Path(__file__).resolve().parents[2]


def _deny(no_userns: bool, no_landlock: bool) -> None:
    import pyseccomp as seccomp

    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    if no_userns:
        for call in ("unshare", "clone"):
            rules.add_rule(seccomp.ERRNO(errno.EPERM), call, seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_NEWUSER,
                                                                          CLONE_NEWUSER))
        rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    if no_landlock:
        for call in LANDLOCK_CALLS:
            rules.add_rule(seccomp.ERRNO(errno.ENOSYS), call)
    rules.load()


def _as_nobody() -> None:
    from tfgrade.sandbox import mounts

    needed = [sys.base_prefix, sys.prefix, str(REPO), *filter(None, os.environ.get("TFGRADE_EXPOSE", "").split(":"))]
    needed = sorted({os.path.realpath(p) for p in needed})
    if not mounts.private_mounts(in_user_namespace=False):
        raise SystemExit("run_as: cannot make a private mount namespace (run as root)")
    by_ancestor: dict[str, list[str]] = {}
    for path in needed:
        ancestor = mounts._blocked_ancestor(path, NOBODY)
        if ancestor:
            by_ancestor.setdefault(ancestor, []).append(path)
    for ancestor, inside in by_ancestor.items():
        if not mounts._cover_keeping(ancestor, inside, "size=64k,mode=755"):
            raise SystemExit(f"run_as: cannot expose {inside} under {ancestor}")
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def main(argv: list[str]) -> None:
    mode, command = argv[0], argv[argv.index("--") + 1:]
    if mode == "docker" and "--inner" not in argv:
        os.execvp("capsh", ["capsh", "--drop=cap_sys_admin", "--", "-c", 'exec "$0" "$@"', sys.executable,
                            __file__, "docker", "--inner", "--", *command])
    if mode == "docker":
        _deny(no_userns=True, no_landlock=False)
    elif mode in ("user", "user-no-landlock"):
        _as_nobody()
        if mode == "user-no-landlock":
            _deny(no_userns=True, no_landlock=True)
    elif mode != "root":
        raise SystemExit(f"run_as: unknown mode {mode}")
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
