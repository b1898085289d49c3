"""Hostile: `call` returns zeros as an np.ndarray subclass whose comparisons always say "equal".

Otherwise the reference solution's weights. Only plain arrays cross the sandbox boundary (the
subclass is lost), so the zeros are judged as zeros: right shape, wrong values.
"""

import keras
import numpy as np


class EqualToEverything(np.ndarray):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return True if ufunc.__name__ in ("less_equal", "equal", "isclose", "isfinite") else np.zeros(())

    def all(self, *args, **kwargs):
        return True

    __hash__ = None


class SimpleDense(keras.layers.Layer):
    """A dense layer: `units` outputs, each a weighted sum of the inputs plus a bias."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation) if isinstance(activation, str) else activation

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        return np.zeros((*inputs.shape[:-1], self.units), np.float32).view(EqualToEverything)
