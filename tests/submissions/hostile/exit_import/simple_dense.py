"""Hostile: calls sys.exit(0) while the module is imported. Otherwise the reference solution.

(A bare top-level `sys.exit(0)` is filtered out as demo code, so it hides in an `if`.)
"""

import sys

import keras
import tensorflow as tf


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
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y


if len(sys.argv) >= 0:  # always true: "stop here when imported"
    sys.exit(0)
