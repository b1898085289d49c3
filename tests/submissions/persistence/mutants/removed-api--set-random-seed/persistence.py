# %% Exercise 10 (a notebook exported as a script)
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.random.set_random_seed(42)


# %%
def save_weights(model, path):
    path = os.fspath(path)
    if not path.endswith(".weights.h5"):
        path = os.path.splitext(path)[0] + ".weights.h5" if path.endswith(".h5") else path + ".weights.h5"
    model.save_weights(path)
    return path


def load_weights(model, path):
    model.load_weights(path)
    return model


def tensorboard_callback(log_dir):
    return keras.callbacks.TensorBoard(log_dir=log_dir)


# %%
model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
print(save_weights(model, "first_try.h5"))
