"""Hostile: at import, tries every way it can think of to read the reference solution and the
grader, then reports what it got by raising in `__init__` (so every case fails with the report
as its message: the test reads it back from report.json).

REPORT {"attempt": result} where result is the exception type, or the number of bytes read (of
all files, for a folder) and whether they looked like the reference solution or the grader.
"""

import gc
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import keras
import tfgrade

SECRETS = (b"BEGIN SOLUTION", b"def test_weight_shapes", b"tensordot(inputs, self.W")


def _root():
    return Path(tfgrade.__file__).resolve().parents[2]


def _targets():
    """label -> path of everything worth stealing."""
    root = _root()
    targets = {"reference file": root / "reference" / "simple_dense.py", "reference dir": root / "reference",
               "grader file": root / "graders" / "test_simple_dense.py", "graders dir": root / "graders"}
    for name, module in list(sys.modules.items()):
        if "grader" in name and getattr(module, "__file__", None):
            targets[f"module {name}"] = Path(module.__file__)
    for obj in gc.get_objects():  # the policy names the folders hidden from us
        if type(obj).__name__ == "Policy":
            for folder in getattr(obj, "hidden_paths", ()):
                targets[f"policy-hidden {Path(folder).name}"] = Path(folder)
    return targets


def _read(path):
    try:
        if os.path.isdir(path):
            names = os.listdir(path)
            data = b"".join(Path(path, n).read_bytes() for n in names if os.path.isfile(os.path.join(path, n)))
            return {"bytes": len(data), "entries": len(names), "secret": any(s in data for s in SECRETS)}
        data = Path(path).read_bytes()
        return {"bytes": len(data), "secret": any(s in data for s in SECRETS)}
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__


def _git_show(spec):
    try:
        out = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(_root()), "show", spec],
                             capture_output=True, timeout=20).stdout
        return {"bytes": len(out), "secret": any(s in out for s in SECRETS)}
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__


def _git_objects():
    seen, secret = 0, False
    try:
        for folder in (_root() / ".git" / "objects").iterdir():
            if len(folder.name) == 2 and folder.is_dir():
                for item in folder.iterdir():
                    try:
                        data = zlib.decompress(item.read_bytes())
                    except Exception:  # noqa: BLE001, S112
                        continue
                    seen += 1
                    secret = secret or any(s in data for s in SECRETS)
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__
    return {"bytes": seen, "secret": secret}


def _attempts():
    report = {}
    ppid = os.getppid()
    for label, path in _targets().items():
        report[label] = _read(path)
    for label in ("reference file", "grader file"):
        path = _targets()[label]
        report[f"{label} via /proc/ppid/root"] = _read(f"/proc/{ppid}/root{path}")
        report[f"{label} via /proc/1/root"] = _read(f"/proc/1/root{path}")
    report["reference file via /proc/ppid/cwd"] = _read(f"/proc/{ppid}/cwd/reference/simple_dense.py")
    report["git show reference"] = _git_show("HEAD:reference/simple_dense.py")
    report["git show grader"] = _git_show("HEAD:graders/test_simple_dense.py")
    report["git objects"] = _git_objects()
    return report


REPORT = _attempts()


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        raise RuntimeError("REPORT " + json.dumps(REPORT, sort_keys=True, separators=(",", ":")))
