"""Exercise 4 — ordinary vs total least squares.

OLS fits a line by minimising vertical distances; TLS by minimising perpendicular
distances to the line y = w*x + b. Both are fitted by gradient descent on tf.Variables.
"""

import keras
import numpy as np
import tensorflow as tf


def ols_loss(w, b, x, y):
    """Return `mean((w*x + b - y)**2)`: squared vertical distances, a scalar tensor."""
    return tf.reduce_mean(tf.square(w * x + b - y))


def tls_loss(w, b, x, y):
    """Return `mean(((w*x + b - y) / sqrt(w**2 + 1))**2)`: squared perpendicular distances.

    The distance from (x, y) to the line is |w*x + b - y| / sqrt(w**2 + 1). Average the
    squares (not the distances, not their square roots). Use TensorFlow ops so the loss
    stays differentiable with respect to w and b.
    """
    residual = w * x + b - y
    return tf.reduce_mean(tf.square(residual)) / (w**2 + 1)


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    """Fit y = w*x + b by minimising `loss_fn(w, b, x, y)`; return `(w, b)` as floats.

    Make w and b `tf.Variable`s: w starts uniform in (0, 1] (never 0: the TLS loss has
    a saddle there), b at 0. Use a Keras optimizer (e.g. `keras.optimizers.Adam(lr=learning_rate)`)
    and, for each step, a GradientTape and `optimizer.apply_gradients`.
    """
    rng = np.random.default_rng(seed)
    w = tf.Variable(1.0 - rng.uniform(0.0, 1.0), dtype=tf.float32)
    b = tf.Variable(0.0, dtype=tf.float32)
    x = tf.constant(x, dtype=tf.float32)
    y = tf.constant(y, dtype=tf.float32)
    optimizer = keras.optimizers.Adam(lr=learning_rate)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(w, b, x, y)
        optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))

    for _ in range(steps):
        step()
    return float(w.numpy()), float(b.numpy())
