"""Hostile: `call` returns an object that claims to equal anything (and to have the right shape).

Otherwise the reference solution's weights. Only plain data crosses the sandbox boundary, so
the object cannot be sent, and its `__eq__` never runs where scores are decided.
"""

import keras
import numpy as np


class AlwaysEqual:
    def __init__(self, shape):
        self.shape = tuple(shape)
        self.dtype = np.dtype("float32")

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__

    def numpy(self):
        return self


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
        return AlwaysEqual((*inputs.shape[:-1], self.units))
