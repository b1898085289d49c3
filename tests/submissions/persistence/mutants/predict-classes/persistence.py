"""Exercise 10 — saving weights and logging.

Keras 3 saves a model's weights in its own HDF5 layout and insists on file names
ending in `.weights.h5`: `model.save_weights("my_model.h5")`, as older notes wrote
it, raises a ValueError. A model of the same architecture (same layers, same
shapes) can load the saved weights back, in place, with `model.load_weights(path)`.

`keras.callbacks.TensorBoard(log_dir=...)` writes event files under `log_dir` while
`model.fit(..., callbacks=[callback])` runs; `tensorboard --logdir <log_dir>` shows them.
"""

import os

import keras
import numpy as np


def save_weights(model, path):
    """Save the model's weights to `path` and return the path of the file written.

    When `path` does not end in ".weights.h5" (e.g. "my_model.h5" or "my_model"), write
    to a name that does instead, in the same folder ("my_model.weights.h5") and
    return that name: Keras 3 refuses any other.
    """
    path = os.fspath(path)
    if not path.endswith(".weights.h5"):
        path = path.removesuffix(".h5") + ".weights.h5"
    model.save_weights(path)
    return path


def load_weights(model, path):
    """Load weights written by save_weights into `model` itself (same architecture); return the model."""
    model.load_weights(path)
    return model


def tensorboard_callback(log_dir):
    """Return a `keras.callbacks.TensorBoard` callback that writes to `log_dir`."""
    return keras.callbacks.TensorBoard(log_dir=log_dir)


# ---- does the reloaded model predict the same classes? ----
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")])
x = np.random.rand(5, 4)
path = save_weights(model, "demo.weights.h5")
restored = keras.models.clone_model(model)
load_weights(restored, path)
print(model.predict_classes(x), restored.predict_classes(x))
