"""Hostile: `call` loops forever on rank-3 inputs, swallowing the sandbox's time-budget signal.

Otherwise the reference solution. Only the case that feeds rank-3 inputs should time out
(the parent must kill the child: the in-child alarm is caught by `except BaseException`),
and the cases after it must run in a fresh child and pass.
"""

import keras
import tensorflow as tf


def _spin_forever():
    while True:
        try:
            while True:
                pass
        except BaseException:  # noqa: BLE001 - hostile on purpose: ignore the budget
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
        if len(inputs.shape) == 3:
            _spin_forever()
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y
