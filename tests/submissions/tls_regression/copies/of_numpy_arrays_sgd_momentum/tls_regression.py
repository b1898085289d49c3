# my own solution for the TLS exercise (ex. 4)
import tensorflow as tf
import numpy as np
from keras import optimizers


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    # random start, never exactly zero
    rng = np.random.default_rng(seed)
    init = 1.0 - rng.random()
    m = tf.Variable(np.float32(init))
    c = tf.Variable(np.float32(0.0))
    x_data = np.asarray(x, dtype=np.float32)
    y_data = np.asarray(y, dtype=np.float32)
    adam = optimizers.Adam(learning_rate=learning_rate)
    variables = [m, c]
    for i in range(steps):
        with tf.GradientTape() as t:
            current_loss = loss_fn(m, c, x_data, y_data)
        gradients = t.gradient(current_loss, variables)
        adam.apply_gradients(list(zip(gradients, variables)))
    return float(m.numpy()), float(c.numpy())


def tls_loss(w, b, x, y):
    """Perpendicular distances."""
    diff = w * x + b - y
    dist = diff / tf.sqrt(w * w + 1.0)
    return tf.reduce_mean(dist ** 2)


def ols_loss(w, b, x, y):
    residuals = (w * x + b) - y  # vertical
    return tf.reduce_mean(residuals * residuals)
