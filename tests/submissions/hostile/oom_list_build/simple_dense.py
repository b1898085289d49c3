"""Hostile: `build` grows a list forever (20 MB strings) when units == 8.

Otherwise the reference solution: only the case that builds 8-unit layers (keras.Sequential
and fit) should run out of memory.
"""

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
        if self.units == 8:
            hoard = []
            while True:
                hoard.append("x" * 20_000_000 + str(len(hoard)))
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y
