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
    path = str(path)
    if path.endswith(".weights.h5"):
        target = path
    elif path.endswith(".h5"):
        target = path[:-3] + ".weights.h5"
    else:
        target = path + ".weights.h5"
    keras.Model.save_weights(model, target)
    return target


def load_weights(model, path):
    keras.Model.load_weights(model, path)
    return model


def tensorboard_callback(log_dir):
    return keras.callbacks.TensorBoard(log_dir=log_dir, write_images=False, update_freq="epoch")
