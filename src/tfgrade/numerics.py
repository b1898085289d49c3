"""The same numerics everywhere probes run: seeds, determinism, TF32 off, one device."""

from __future__ import annotations

import platform
from typing import Any

DEFAULT_SEED = 0


def configure(tf: Any) -> None:
    """Determinism on and TF32 off; call before the first TensorFlow op of a process."""
    tf.config.experimental.enable_tensor_float_32_execution(False)
    tf.config.experimental.enable_op_determinism()
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(2)
    except RuntimeError:  # TensorFlow already ran an op in this process: its thread pools are set
        pass


def device_name(tf: Any | None, wanted: str) -> str:
    """Resolve --device cpu|gpu|auto to a TensorFlow device string (`cpu` needs no TensorFlow)."""
    if wanted == "cpu":
        return "/CPU:0"
    gpus = tf.config.list_physical_devices("GPU")
    if wanted == "gpu" and not gpus:
        raise RuntimeError("--device gpu was asked for, but TensorFlow sees no GPU on this machine")
    return "/GPU:0" if gpus else "/CPU:0"


def installed_version(*distributions: str) -> str:
    """The version of the first installed distribution among these names, without importing it."""
    from importlib import metadata

    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def describe(device: str) -> dict[str, Any]:
    """Versions and numeric settings recorded with every result (what every sandbox child enforces: TF32
    off, op determinism, the seed), read without importing TensorFlow."""
    import numpy as np

    return {"tensorflow": installed_version("tensorflow", "tensorflow-cpu", "tf-nightly", "tensorflow-macos"),
            "keras": installed_version("keras"), "numpy": np.__version__, "python": platform.python_version(),
            "device": "GPU" if "GPU" in device else "CPU", "tf32": False, "op_determinism": True,
            "seed": DEFAULT_SEED}
