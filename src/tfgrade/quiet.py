"""Import TensorFlow without its native start-up chatter reaching the user."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import re
import sys
import tempfile
import types
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


class _Deferred(types.ModuleType):
    """Stands for a module until something uses it: then the real one is imported (its start-up chatter
    filtered) and every attribute comes from it. `import` statements alone do not load it."""

    def __getattr__(self, name: str):
        real = sys.modules.get(self.__name__)
        if real is self or real is None:
            del sys.modules[self.__name__]
            with native_stderr_filtered():
                real = importlib.import_module(self.__name__)
        return getattr(real, name)


def lazy_tensorflow() -> None:
    """Make `import tensorflow` and `import keras` free in this process until something uses them (the
    student's self-check compares precomputed values and never needs them)."""
    configure_environment()
    for name in ("tensorflow", "keras"):
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        stand_in = _Deferred(name)
        stand_in.__spec__ = spec  # what `import` statements look at: present, so they do not load it
        sys.modules[name] = stand_in


def tensorflow_loaded() -> bool:
    """Whether TensorFlow has really been imported in this process (not only made lazily importable)."""
    return "tensorflow.python" in sys.modules
