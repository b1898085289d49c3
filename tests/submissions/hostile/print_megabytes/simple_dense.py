"""Hostile (noisy): `call` prints 5 MB every time it runs, with print() and straight to the file
descriptors (as C code or a subprocess would). Otherwise the reference solution.

Printing is not wrong, only loud: this submission must still earn full marks (a few calls add up
to more than the sandbox's file-size limit).
"""

import os
import sys

import keras
import tensorflow as tf

NOISE = "debug " * 873_813 + "\n"  # 5 MiB


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
        print(NOISE)
        print(NOISE, file=sys.stderr)
        os.write(1, NOISE.encode())
        sys.__stderr__.write(NOISE)
        sys.__stderr__.flush()
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y
