"""Exercise 1 — a Keras layer from scratch.

Implement `SimpleDense`, a fully connected layer that computes
`activation(inputs @ W + b)` (or `inputs @ W + b` when `activation` is None).
"""

import keras
import tensorflow as tf


class SimpleDense(keras.layers.Layer):
    """A dense layer: `units` outputs, each a weighted sum of the inputs plus a bias."""

    def __init__(self, units, activation=None, **kwargs):
        """Store `units` and `activation`; do not create weights here.

        Call `super().__init__(**kwargs)` first (two underscores on each side of
        `init`). The input size is unknown until the layer sees its first input,
        so the weights are created in `build`, not here.
        """
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation) if isinstance(activation, str) else activation

    def build(self, input_shape):
        """Create `self.W` and `self.b` with `self.add_weight`.

        - `self.W`: shape `(input_shape[-1], units)`, initializer "random_normal"
          (mean 0, stddev 0.05). Not zeros: with equal weights every unit would
          compute the same thing and learn the same thing.
        - `self.b`: shape `(units,)`, initializer "zeros".
        `add_weight` makes Keras track the weights, so `fit` trains them.
        """
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        """Return `activation(inputs @ W + b)`; without an activation, `inputs @ W + b`.

        Use a matrix product (`@` or `tf.matmul`), not `*`. It must also work for
        inputs of rank 3 or more (the product is over the last axis). Add the
        bias before applying the activation.
        """
        y = tf.tensordot(inputs, self.W, axes=1)
        if self.activation is not None:
            y = self.activation(y)
        return y + self.b
