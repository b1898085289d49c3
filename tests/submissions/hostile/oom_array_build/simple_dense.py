"""Hostile: `build` allocates a 40000 x 40000 float64 array (12.8 GB) for wide layers (units >= 100).

Otherwise the reference solution: only the case that builds a wide layer should run out of memory.
"""

import keras
import numpy as np
import tensorflow as tf


class SimpleDense(keras.layers.Layer):
    """A dense layer: `units` outputs, each a weighted sum of the inputs plus a bias."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation) if isinstance(activation, str) else activation

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if self.units >= 100:
            self.scratch = np.ones((40_000, 40_000))
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y
