# Your exercise: write your code where it says `raise NotImplementedError`, then run `tfgrade check keras_regression`.
"""Exercise 7 — regression with the Sequential and the functional APIs.

The data follow `y = 2*x**2 + 3*x + 5` on `x = np.arange(-5, 5, 0.1)`. A quadratic is
linear in the features `[x**2, x]`, so one Dense unit (no activation) fits it:
`y = w1 * x**2 + w2 * x + b0`, and after training `(w1, w2, b0)` is close to (2, 3, 5).
The same model is written twice: with `keras.Sequential` and with the functional API
(`keras.Input` -> layer calls -> `keras.Model(inputs, outputs)`).
"""

import keras
import numpy as np


def quadratic_features(x):
    """Return a float32 array of shape (n, 2) whose columns are `[x**2, x]`, in that order.

    `x` is a 1-D array (or list) of n numbers: `np.stack([x**2, x]).T` stacks the two
    rows and transposes them into columns.
    """
    raise NotImplementedError("still to do")


def build_sequential_regressor(input_dim):
    """Return a new `keras.Sequential` model: inputs of shape (input_dim,) -> `Dense(1)`.

    Compile it with the mean squared error (`loss="mse"`) and an optimizer of your
    choice (e.g. `"adam"`).
    """
    raise NotImplementedError("still to do")


def build_functional_regressor(input_dim):
    """Return a new functional `keras.Model`: `keras.Input(batch_shape=(None, input_dim))` -> `Dense(1)`.

    Call the layer on the input tensor, build `keras.Model(inputs=..., outputs=...)`, and
    compile it with `loss="mse"`.
    """
    raise NotImplementedError("still to do")


def fitted_coefficients(model):
    """Return `(w1, w2, b0)` as Python floats from the model's Dense layer.

    `layer.get_weights()` gives `[kernel, bias]`: the kernel has shape (2, 1), with the
    weight of the first feature (x**2) in row 0 and of x in row 1; the bias has shape (1,).
    """
    raise NotImplementedError("still to do")
