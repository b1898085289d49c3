"""Exercise 10 — saving weights and logging.

Keras 3 saves a model's weights in its own HDF5 layout and insists on file names
ending in `.weights.h5`: `model.save_weights("my_model.h5")`, as older notes wrote
it, raises a ValueError. A model of the same architecture (same layers, same
shapes) can load the saved weights back, in place, with `model.load_weights(path)`.

`keras.callbacks.TensorBoard(log_dir=...)` writes event files under `log_dir` while
`model.fit(..., callbacks=[callback])` runs; `tensorboard --logdir <log_dir>` shows them.
"""

import os

import tensorflow as tf



def save_weights(model, path):
    path = os.path.abspath(path)
    folder, name = os.path.split(path)
    if not name.endswith(".weights.h5"):
        name = name[:-3] if name.endswith(".h5") else name
        name += ".weights.h5"
    path = os.path.join(folder, name)
    model.save_weights(path)
    return path


def load_weights(model, path):
    model.load_weights(os.path.abspath(path))
    return model


def tensorboard_callback(log_dir):
    os.makedirs(log_dir, exist_ok=True)
    return tf.keras.callbacks.TensorBoard(log_dir=log_dir)
