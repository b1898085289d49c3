"""Hostile: at import, looks for the reference solution and the grader where a normal user's sandbox
used to leak them: through /proc of the grading process (its working directory, root, environment,
command line, open files), and by walking up from every sys.path entry and from tfgrade's own
folder. It also reads every process's environment it can. Then it reports what it found by raising
in `__init__`, so every case fails with the report as its message (read back from report.json).

REPORT {"attempt": result}: the exception type, or {"bytes": n, "secret": bool}; "environ" lists the
variable names it could read from other processes.
"""

import json
import os
import sys
from pathlib import Path

import keras
import tensorflow as tf
import tfgrade

SECRETS = (b"BEGIN SOLUTION", b"def test_weight_shapes", b"tensordot(inputs, self.W", b"TFGRADE_CANARY")


def _read(path):
    try:
        path = Path(path)
        if path.is_dir():
            names = os.listdir(path)
            data = b"".join((path / n).read_bytes() for n in names if (path / n).is_file())
            return {"bytes": len(data), "secret": any(s in data for s in SECRETS)}
        data = path.read_bytes()
        return {"bytes": len(data), "secret": any(s in data for s in SECRETS)}
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__


def _upwards(start):
    """reference/ and graders/ in every folder above `start`."""
    found = {}
    for folder in [Path(start), *Path(start).parents]:
        for name in ("reference", "graders"):
            found[f"{name} above {start}"] = _read(folder / name)
            if isinstance(found[f"{name} above {start}"], dict) and found[f"{name} above {start}"]["bytes"]:
                return found
    return {k: v for k, v in found.items() if not isinstance(v, str) or v != "FileNotFoundError"}


def _attempts():
    report = {}
    ppid = os.getppid()
    for what in ("environ", "cmdline", "cwd", "root", "fd", "maps", "mem"):
        report[f"/proc/ppid/{what}"] = _read(f"/proc/{ppid}/{what}")
    report["/proc/ppid/cwd/reference"] = _read(f"/proc/{ppid}/cwd/reference/simple_dense.py")
    report["/proc/ppid/cwd/graders"] = _read(f"/proc/{ppid}/cwd/graders/test_simple_dense.py")
    for start in [*sys.path, str(Path(tfgrade.__file__).parent), os.getcwd()]:
        if start:
            report.update({k: v for k, v in _upwards(start).items() if not isinstance(v, str)})
    readable = []
    try:
        entries = os.listdir("/proc")
    except Exception as exc:  # noqa: BLE001
        entries, readable = [], [type(exc).__name__]
    for entry in entries:
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                readable.append(len(Path(f"/proc/{entry}/environ").read_bytes()))
            except Exception:  # noqa: BLE001, S112
                continue
    report["environ of other processes"] = readable
    report["own environment"] = sorted(os.environ)
    return report


REPORT = _attempts()


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        raise RuntimeError("REPORT " + json.dumps(REPORT, sort_keys=True, separators=(",", ":")))
