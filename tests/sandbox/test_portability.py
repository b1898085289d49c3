"""`tfgrade check` needs no isolation: it works where there is no fork, no /proc, no `resource`, no Landlock.

A sitecustomize module (loaded by every Python process of the test, the spawned children included)
takes those away the way Windows and macOS lack them, then a student checks an exercise.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WITHOUT = '''
import builtins, os, signal, sys, multiprocessing

sys.modules["resource"] = None                                  # Windows has no resource module
multiprocessing.get_all_start_methods = lambda: ["spawn"]       # nor fork, nor a forkserver
for name in ("fork", "forkpty", "setsid", "killpg", "getpgid", "geteuid", "getuid"):
    if hasattr(os, name):
        delattr(os, name)
for name in ("setitimer", "SIGALRM", "SIGXFSZ", "SIGXCPU"):
    if hasattr(signal, name):
        delattr(signal, name)

_open, _listdir = builtins.open, os.listdir


def _no_proc(path):
    if str(path).startswith("/proc"):
        raise FileNotFoundError(2, "No such file or directory (no /proc here)", str(path))


def open_without_proc(file, *args, **kwargs):                   # macOS has no /proc
    _no_proc(file)
    return _open(file, *args, **kwargs)


def listdir_without_proc(path="."):
    _no_proc(path)
    return _listdir(path)


builtins.open, os.listdir = open_without_proc, listdir_without_proc
sys.modules["landlockpy"] = None                                # no Landlock (nor its binding)
sys.modules["pyseccomp"] = None
'''

pytestmark = pytest.mark.slow


def test_check_works_without_fork_proc_resource_or_landlock(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(WITHOUT)
    env = {**os.environ, "PYTHONPATH": str(site), "KERAS_HOME": str(tmp_path / "keras"),
           "MPLCONFIGDIR": str(tmp_path / "mpl")}
    probe = subprocess.run([sys.executable, "-c", "import os, resource"], env=env, capture_output=True, text=True)
    assert probe.returncode != 0  # the simulation is in force
    done = subprocess.run([sys.executable, "-m", "tfgrade", "check", "gradients", "--path", str(REPO / "reference")],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "✓" in done.stdout and "✗" not in done.stdout
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "gradients.py").write_text((REPO / "exercises" / "gradients.py").read_text())
    stub = subprocess.run([sys.executable, "-m", "tfgrade", "check", "gradients", "--path", str(wrong)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert stub.returncode == 1 and "stub-unchanged" in stub.stdout, stub.stdout[-2000:] + stub.stderr[-2000:]
