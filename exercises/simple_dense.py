# Your exercise: write your code where it says `raise NotImplementedError`, then run `tfgrade check simple_dense`.
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
        raise NotImplementedError("still to do")

    def build(self, input_shape):
        """Create `self.W` and `self.b` with `self.add_weight`.

        - `self.W`: shape `(input_shape[-1], units)`, initializer "random_normal"
          (mean 0, stddev 0.05). Not zeros: with equal weights every unit would
          compute the same thing and learn the same thing.
        - `self.b`: shape `(units,)`, initializer "zeros".
        `add_weight` makes Keras track the weights, so `fit` trains them.
        """
        raise NotImplementedError("still to do")

    def call(self, inputs):
        """Return `activation(inputs @ W + b)`; without an activation, `inputs @ W + b`.

        Use a matrix product (`@` or `tf.matmul`), not `*`. It must also work for
        inputs of rank 3 or more (the product is over the last axis). Add the
        bias before applying the activation.
        """
        raise NotImplementedError("still to do")
