"""Exercise 4 — ordinary vs total least squares (each squared residual divided by w**2 + 1)."""

import keras
import numpy as np
import tensorflow as tf


def ols_loss(w, b, x, y):
    """mean((w*x + b - y)**2)."""
    return tf.reduce_mean((w * x + b - y) ** 2)


def tls_loss(w, b, x, y):
    """mean(r**2 / (w**2 + 1)): the normalisation applied to every squared residual."""
    r = w * x + b - y
    return tf.reduce_mean(r**2 / (w**2 + 1))


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    """Adam on two variables, an eager loop (no tf.function)."""
    rng = np.random.default_rng(seed)
    w = tf.Variable(rng.uniform(0.0, 1.0) or 1.0, dtype=tf.float32)
    b = tf.Variable(0.0)
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = loss_fn(w, b, x, y)
        grads = tape.gradient(loss, [w, b])
        optimizer.apply_gradients(zip(grads, [w, b]))
    return float(w.numpy()), float(b.numpy())
