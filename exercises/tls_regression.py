# Your exercise: write your code where it says `raise NotImplementedError`, then run `tfgrade check tls_regression`.
"""Exercise 4 — ordinary vs total least squares.

OLS fits a line by minimising vertical distances; TLS by minimising perpendicular
distances to the line y = w*x + b. Both are fitted by gradient descent on tf.Variables.
"""

import keras
import numpy as np
import tensorflow as tf


def ols_loss(w, b, x, y):
    """Return `mean((w*x + b - y)**2)`: squared vertical distances, a scalar tensor."""
    raise NotImplementedError("still to do")


def tls_loss(w, b, x, y):
    """Return `mean(((w*x + b - y) / sqrt(w**2 + 1))**2)`: squared perpendicular distances.

    The distance from (x, y) to the line is |w*x + b - y| / sqrt(w**2 + 1). Average the
    squares (not the distances, not their square roots). Use TensorFlow ops so the loss
    stays differentiable with respect to w and b.
    """
    raise NotImplementedError("still to do")


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    """Fit y = w*x + b by minimising `loss_fn(w, b, x, y)`; return `(w, b)` as floats.

    Make w and b `tf.Variable`s: w starts uniform in (0, 1] (never 0: the TLS loss has
    a saddle there), b at 0. Use a Keras optimizer (e.g. `keras.optimizers.Adam(learning_rate)`)
    and, for each step, a GradientTape and `optimizer.apply_gradients`.
    """
    raise NotImplementedError("still to do")
