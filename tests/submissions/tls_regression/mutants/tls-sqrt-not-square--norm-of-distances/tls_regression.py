"""OLS vs TLS: the TLS loss is the Euclidean norm of the perpendicular distances."""

import keras
import tensorflow as tf


def ols_loss(w, b, x, y):
    vertical = (w * x + b) - y
    return tf.reduce_mean(vertical ** 2)


def tls_loss(w, b, x, y):
    distances = (w * x + b - y) / tf.sqrt(w**2 + 1)
    return tf.norm(distances)


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    start = tf.random.stateless_uniform([], seed=[0 if seed is None else seed, 7], minval=0.01, maxval=1.0)
    w, b = tf.Variable(start), tf.Variable(0.0)
    x = tf.cast(x, tf.float32)
    y = tf.cast(y, tf.float32)
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            current = loss_fn(w, b, x, y)
        optimizer.apply_gradients(zip(tape.gradient(current, [w, b]), [w, b]))
    return w.numpy().item(), b.numpy().item()
