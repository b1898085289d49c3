"""Total least squares with TensorFlow."""
import numpy as np
import tensorflow as tf
from keras import optimizers


def ols_loss(w, b, x, y):
    errors = (w * x + b) - y
    return tf.reduce_mean(errors * errors)


def tls_loss(w, b, x, y):
    vertical = w * x + b - y
    perpendicular = vertical / tf.sqrt(w * w + 1.0)
    return tf.reduce_mean(perpendicular ** 2)


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    generator = np.random.default_rng(seed)
    start = 1.0 - generator.random()  # in (0, 1]
    slope = tf.Variable(np.float32(start))
    intercept = tf.Variable(np.float32(0.0))
    xs = np.asarray(x, dtype=np.float32)
    ys = np.asarray(y, dtype=np.float32)
    opt = optimizers.Adam(learning_rate=learning_rate)
    params = [slope, intercept]
    for step in range(steps):
        with tf.GradientTape() as g:
            value = loss_fn(slope, intercept, xs, ys)
        grads = g.gradient(value, params)
        opt.apply_gradients(list(zip(grads, params)))
    return float(slope.numpy()), float(intercept.numpy())
