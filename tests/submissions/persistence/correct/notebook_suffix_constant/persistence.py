# %% [markdown]
# Exercise 10: saving weights and TensorBoard logs.

# %%
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras

WEIGHTS_SUFFIX = ".weights.h5"


# %%
def save_weights(model, path):
    path = str(path)
    if not path.endswith(WEIGHTS_SUFFIX):
        stem = path[:-3] if path.lower().endswith(".h5") else path
        path = f"{stem}{WEIGHTS_SUFFIX}"
    model.save_weights(filepath=path)
    return path


def load_weights(model, path):
    model.load_weights(filepath=path)
    return model


def tensorboard_callback(log_dir):
    return keras.callbacks.TensorBoard(log_dir=os.fspath(log_dir), histogram_freq=0, write_graph=True)


# %%
tf.random.set_seed(42)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
x = np.random.rand(64, 4).astype("float32")
model.fit(x, x.sum(axis=1), epochs=3, callbacks=[tensorboard_callback("logs/run1")], verbose=0)

# %%
print(save_weights(model, "my_model.h5"))
clone = keras.models.clone_model(model)
load_weights(clone, "my_model.weights.h5")
print(np.allclose(clone.predict(x), model.predict(x)))
# %tensorboard --logdir logs
