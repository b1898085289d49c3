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


def device_name(tf: Any, wanted: str) -> str:
    """Resolve --device cpu|gpu|auto to a TensorFlow device string."""
    gpus = tf.config.list_physical_devices("GPU")
    if wanted == "gpu" and not gpus:
        raise RuntimeError("--device gpu was asked for, but TensorFlow sees no GPU on this machine")
    if wanted == "gpu" or (wanted == "auto" and gpus):
        return "/GPU:0"
    return "/CPU:0"


def describe(tf: Any, device: str) -> dict[str, Any]:
    """Versions and numeric settings recorded with every result."""
    import keras
    import numpy as np

    return {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__,
            "python": platform.python_version(), "device": "GPU" if "GPU" in device else "CPU",
            "tf32": bool(tf.config.experimental.tensor_float_32_execution_enabled()),
            "op_determinism": True, "seed": DEFAULT_SEED}
