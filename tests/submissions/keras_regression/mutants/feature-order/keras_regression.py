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
    x = np.asarray(x, dtype=np.float32)
    return np.stack([x, x**2]).T.astype(np.float32)


def build_sequential_regressor(input_dim):
    """Return a new `keras.Sequential` model: inputs of shape (input_dim,) -> `Dense(1)`.

    Compile it with the mean squared error (`loss="mse"`) and an optimizer of your
    choice (e.g. `"adam"`).
    """
    model = keras.Sequential([keras.Input(shape=(input_dim,)), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


def build_functional_regressor(input_dim):
    """Return a new functional `keras.Model`: `keras.Input(batch_shape=(None, input_dim))` -> `Dense(1)`.

    Call the layer on the input tensor, build `keras.Model(inputs=..., outputs=...)`, and
    compile it with `loss="mse"`.
    """
    inputs = keras.Input(batch_shape=(None, input_dim))
    outputs = keras.layers.Dense(1)(inputs)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer="adam", loss="mse")
    return model


def fitted_coefficients(model):
    """Return `(w1, w2, b0)` as Python floats from the model's Dense layer.

    `layer.get_weights()` gives `[kernel, bias]`: the kernel has shape (2, 1), with the
    weight of the first feature (x**2) in row 0 and of x in row 1; the bias has shape (1,).
    """
    kernel, bias = model.layers[-1].get_weights()
    return float(kernel[0, 0]), float(kernel[1, 0]), float(bias[0])
