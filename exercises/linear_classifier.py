# Your exercise: write your code where it says `raise NotImplementedError`, then run `tfgrade check linear_classifier`.
"""Exercise 3 — a linear classifier trained with GradientTape.

Two Gaussian point clouds (class 0 around [0, 3], class 1 around [3, 0], both with
covariance [[1, .5], [.5, 1]]) are separated by an affine model `inputs @ W + b`
trained on the mean squared error, one full-batch gradient step at a time.
"""

import numpy as np
import tensorflow as tf


def make_dataset(num_samples_per_class=1000, seed=None):
    """Return `(inputs, targets)`: float32 arrays of shapes (2n, 2) and (2n, 1).

    Draw n points of class 0 (mean [0, 3]) then n points of class 1 (mean [3, 0]),
    covariance [[1, .5], [.5, 1]] for both (`np.random.default_rng(seed).multivariate_normal`).
    Class 0 rows come first, with target 0; class 1 rows follow, with target 1.
    The same seed gives the same data.
    """
    raise NotImplementedError("still to do")


def init_params(input_dim=2, output_dim=1, seed=None):
    """Return `(W, b)` as `tf.Variable`s: W (input_dim, output_dim) uniform in [0, 1), b zeros (output_dim,)."""
    raise NotImplementedError("still to do")


def predict(inputs, W, b):
    """Return `inputs @ W + b`."""
    raise NotImplementedError("still to do")


def square_loss(targets, predictions):
    """Return the mean (not the sum) of the squared differences, a scalar tensor."""
    raise NotImplementedError("still to do")


def training_step(inputs, targets, W, b, learning_rate=0.1):
    """One full-batch gradient-descent step on W and b; return the loss before the update.

    Compute the predictions and the loss inside `with tf.GradientTape() as tape:`
    (note the parentheses), take `tape.gradient(loss, [W, b])`, then update the
    variables you were given in place: `W.assign_sub(learning_rate * grad_W)`
    (subtract: gradient descent goes against the gradient). Use `learning_rate`,
    not a fixed number.
    """
    raise NotImplementedError("still to do")


def decision_boundary(W, b):
    """Return `(slope, intercept)` floats of the line where `W[0]*x + W[1]*y + b == 0.5`.

    Solve for y: y = -W[0]/W[1] * x + (0.5 - b)/W[1]. W and b are what init_params returns
    (and training_step leaves): tf.Variables of shapes (2, 1) and (1,).
    """
    raise NotImplementedError("still to do")
