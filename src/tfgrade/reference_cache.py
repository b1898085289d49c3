"""Reference values kept across runs, so the first student of a run no longer pays for the reference's training.

One file per exercise, named by a digest of everything that decides the values: the grader, the reference,
tfgrade's grading code (engine.grader_digests), the TensorFlow and Keras versions and the device. Only the
trusted process reads and writes it (student code cannot reach the cache folder); a changed grader, reference,
tfgrade or TensorFlow simply finds no file. The folder is $TFGRADE_CACHE, else the user's cache folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from tfgrade.sandbox import wire


def cache_dir() -> Path:
    """Where tfgrade keeps what it can reuse across runs."""
    if os.environ.get("TFGRADE_CACHE"):
        return Path(os.environ["TFGRADE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tfgrade"


def _file(exercise: str, grader_digest: str, versions: str) -> Path:
    key = hashlib.sha256(f"{grader_digest}\0{versions}".encode()).hexdigest()[:20]
    return cache_dir() / "reference" / f"{exercise}-{key}.bin"


def load(digests: dict[str, str], versions: str) -> dict[str, Any]:
    """Every stored reference value of these exercises (exercise -> grader digest) under these versions."""
    values: dict[str, Any] = {}
    for exercise, digest in digests.items():
        path = _file(exercise, digest, versions)
        try:
            stored = wire.decode(path.read_bytes())
        except (OSError, wire.WireError, ValueError):
            continue  # no file yet, or an unreadable one: computed again
        if isinstance(stored, dict):
            values.update({k: v for k, v in stored.items() if k.startswith(f"{exercise}:")})
    return values


def save(values: dict[str, Any], digests: dict[str, str], versions: str) -> None:
    """Store the values of each exercise (atomically; a cache that cannot be written is simply not kept)."""
    for exercise, digest in digests.items():
        mine = {k: v for k, v in values.items() if k.startswith(f"{exercise}:")}
        if not mine:
            continue
        path = _file(exercise, digest, versions)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
            with os.fdopen(handle, "wb") as stream:
                stream.write(wire.encode(mine))
            os.replace(temporary, path)
        except OSError:
            continue
