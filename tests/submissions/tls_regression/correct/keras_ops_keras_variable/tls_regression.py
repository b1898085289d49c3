"""Exercise 4 — ordinary vs total least squares, written with keras.ops and keras.Variable."""

import keras
import numpy as np
import tensorflow as tf
from keras import ops


def ols_loss(w, b, x, y):
    residual = ops.subtract(ops.add(ops.multiply(w, x), b), y)
    return ops.mean(ops.square(residual))


def tls_loss(w, b, x, y):
    residual = w * x + b - y
    return ops.mean(ops.square(residual)) / (ops.square(w) + 1.0)


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    start = 1.0 - np.random.default_rng(seed).random()
    w = keras.Variable(start, dtype="float32", name="w")
    b = keras.Variable(0.0, dtype="float32", name="b")
    x, y = ops.convert_to_tensor(x, dtype="float32"), ops.convert_to_tensor(y, dtype="float32")
    optimizer = keras.optimizers.Adam(learning_rate)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = loss_fn(w, b, x, y)
        optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
    return float(ops.convert_to_numpy(w)), float(ops.convert_to_numpy(b))
