"""Hostile: `call` kills its own process with os._exit(3) when the activation is tanh.

Otherwise the reference solution: only the cases that use tanh should crash; the others
run in a fresh child and pass.
"""

import os

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
        if self.activation is not None and getattr(self.activation, "__name__", "") == "tanh":
            os._exit(3)
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y
