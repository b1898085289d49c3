"""Hostile: `call` starts long-lived subprocesses in a loop (each in a new session, so they
escape the sandbox's process group) until the process limit stops it, then computes the
right answer.

Otherwise the reference solution. Whatever its cases earn, nothing it started may outlive
its sandbox, and the rest of the batch must not notice.
"""

import subprocess

import keras
import tensorflow as tf

SPAWNED = []


def _spawn_many():
    for _ in range(1000):
        try:
            SPAWNED.append(subprocess.Popen(["sleep", "600"], start_new_session=True))
        except OSError:
            break


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
        _spawn_many()
        y = tf.tensordot(inputs, self.W, axes=1) + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y
