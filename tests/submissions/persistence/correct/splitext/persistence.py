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



def save_weights(model, path):
    root, ext = os.path.splitext(path)
    if ext == ".h5" and root.endswith(".weights"):
        target = path
    elif ext == ".h5":
        target = root + ".weights.h5"
    else:
        target = path + ".weights.h5"
    model.save_weights(target)
    return target


def load_weights(model, path):
    model.load_weights(path)


def tensorboard_callback(log_dir):
    callback = keras.callbacks.TensorBoard(log_dir=log_dir, profile_batch=0)
    return callback
