"""Weights through keras.saving's functions; TensorBoard from keras.callbacks."""

import os.path

import keras


def _weights_file(path):
    folder, name = os.path.split(os.fspath(path))
    if name.endswith(".weights.h5"):
        return os.path.join(folder, name)
    base = name[: -len(".h5")] if name.endswith(".h5") else name
    return os.path.join(folder, base + ".weights.h5")


def save_weights(model, path):
    target = _weights_file(path)
    keras.saving.save_weights(model, target, overwrite=True)
    return target


def load_weights(model, path):
    keras.saving.load_weights(model, path)
    return model


def tensorboard_callback(log_dir):
    from keras.callbacks import TensorBoard

    return TensorBoard(log_dir, update_freq=1)
