"""Exercise 4 — OLS vs TLS; inputs converted with tf.convert_to_tensor, w drawn with a seeded generator."""

import keras
import numpy as np
import tensorflow as tf


def _residual(w, b, x, y):
    x = tf.convert_to_tensor(x, dtype=tf.float32)
    y = tf.convert_to_tensor(y, dtype=tf.float32)
    return tf.multiply(w, x) + b - y


def ols_loss(w, b, x, y):
    return tf.reduce_mean(tf.square(_residual(w, b, x, y)))


def tls_loss(w, b, x, y):
    squared = tf.square(_residual(w, b, x, y))
    return tf.reduce_sum(squared) / tf.cast(tf.size(squared), tf.float32) / (tf.square(w) + 1)


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    x = tf.convert_to_tensor(np.asarray(x), dtype=tf.float32)
    y = tf.convert_to_tensor(np.asarray(y), dtype=tf.float32)
    generator = tf.random.Generator.from_seed(seed if seed is not None else 1234)
    w = tf.Variable(generator.uniform([], minval=1e-3, maxval=1.0), name="w")
    b = tf.Variable(tf.zeros([]), name="b")
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    variables = [w, b]
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = loss_fn(w, b, x, y)
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
    return float(w.numpy()), float(b.numpy())
