"""Import TensorFlow without its native start-up chatter reaching the user."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator

NOISE = re.compile(
    r"oneDNN custom operations|TF_ENABLE_ONEDNN_OPTS|cpu_feature_guard|"
    r"rebuild TensorFlow with the appropriate compiler flags|"
    r"All log messages before absl::InitializeLog|This TensorFlow binary is optimized|"
    r"Unable to register cu(DNN|FFT|BLAS) factory|computation placer already registered|"
    r"TF-TRT Warning|Could not find cuda drivers|absl::InitializeLog|"
    r"external/local_xla/|cuda_executor|Skipping registering GPU devices|"
    r"NodeDef mentions attribute|triggered tf.function retracing"
)


def configure_environment() -> None:
    """Set the variables that keep TensorFlow and Keras quiet and offline."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("MPLBACKEND", "Agg")


def without_noise(text: str) -> str:
    """Drop TensorFlow's start-up lines from captured output."""
    return "".join(line for line in text.splitlines(keepends=True) if not NOISE.search(line))


@contextlib.contextmanager
def native_stderr_filtered() -> Iterator[None]:
    """Capture fd 2 while the block runs, then replay it without TF noise."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            kept = without_noise(capture.read().decode(errors="replace"))
            if kept.strip():
                sys.stderr.write(kept)


def import_tensorflow():
    """Import TensorFlow and Keras with the start-up noise filtered."""
    configure_environment()
    with native_stderr_filtered():
        import keras  # noqa: F401
        import tensorflow as tf
    tf.get_logger().setLevel("ERROR")
    return tf
