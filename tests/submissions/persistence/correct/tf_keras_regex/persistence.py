"""Exercise 10 — saving weights and logging.

Keras 3 saves a model's weights in its own HDF5 layout and insists on file names
ending in `.weights.h5`: `model.save_weights("my_model.h5")`, as older notes wrote
it, raises a ValueError. A model of the same architecture (same layers, same
shapes) can load the saved weights back, in place, with `model.load_weights(path)`.

`keras.callbacks.TensorBoard(log_dir=...)` writes event files under `log_dir` while
`model.fit(..., callbacks=[callback])` runs; `tensorboard --logdir <log_dir>` shows them.
"""

import re

from tensorflow import keras



def save_weights(model, path):
    path = re.sub(r"(\.weights)?(\.h5)?$", ".weights.h5", str(path), count=1)
    model.save_weights(filepath=path, overwrite=True)
    return path


def load_weights(model, path):
    model.load_weights(filepath=path)
    return model


def tensorboard_callback(log_dir):
    return keras.callbacks.TensorBoard(log_dir=str(log_dir), write_graph=False, update_freq="batch")
