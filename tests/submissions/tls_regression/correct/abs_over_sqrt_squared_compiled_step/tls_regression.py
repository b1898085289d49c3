"""OLS vs TLS: |residual| / sqrt(w**2 + 1), squared; keras.ops; fit_line with a compiled step."""

import keras
import numpy as np
import tensorflow as tf
from keras import ops


def ols_loss(w, b, x, y):
    return ops.mean(ops.power(w * x + b - y, 2))


def tls_loss(w, b, x, y):
    distance = ops.abs(w * x + b - y) / ops.sqrt(w * w + 1.0)
    return ops.mean(ops.square(distance))


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    rng = np.random.default_rng(seed)
    w = tf.Variable(np.float32(rng.uniform(0.05, 1.0)))
    b = tf.Variable(np.float32(0.0))
    data = (tf.constant(np.asarray(x, np.float32)), tf.constant(np.asarray(y, np.float32)))
    optimizer = keras.optimizers.Adam(learning_rate)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            value = loss_fn(w, b, *data)
        grads = tape.gradient(value, [w, b])
        optimizer.apply_gradients(list(zip(grads, [w, b])))
        return value

    for _ in range(steps):
        step()
    return float(w), float(b)
