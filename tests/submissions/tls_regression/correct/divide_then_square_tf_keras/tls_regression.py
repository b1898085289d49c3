"""Exercise 4 — OLS vs TLS, the perpendicular distance divided before squaring; tf.keras spelling."""

import numpy as np
import tensorflow as tf


def ols_loss(w, b, x, y):
    return tf.reduce_mean(tf.math.pow(tf.subtract(w * x + b, y), 2))


def tls_loss(w, b, x, y):
    distance = tf.math.divide(w * x + b - y, tf.math.sqrt(w**2 + 1.0))
    return tf.reduce_mean(distance**2)


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    np.random.seed(seed)
    w = tf.Variable(np.random.uniform(0.01, 1.0), dtype=tf.float32, trainable=True)
    b = tf.Variable(0.0, dtype=tf.float32, trainable=True)
    optimizer = tf.keras.optimizers.Adam(learning_rate)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(w, b, x, y)
        optimizer.apply(tape.gradient(loss, [w, b]), [w, b])  # Keras 3's name for apply_gradients

    for _ in range(steps):
        step()
    return float(w.numpy()), float(b.numpy())
