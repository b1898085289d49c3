# Your exercise: write your code where it says `raise NotImplementedError`, then run `tfgrade check my_sequential`.
"""Exercise 2 — a Keras model that chains layers.

Implement `MySequential`, a `keras.Model` that feeds its inputs through a list of
layers in order, like `keras.Sequential`.
"""

import keras


class MySequential(keras.Model):
    """A model that applies `list_layers` one after the other."""

    def __init__(self, list_layers, **kwargs):
        """Call `super().__init__(**kwargs)` first, then keep the layers in `self.list_layers`.

        Store them in an attribute (a list is fine, `list(list_layers)` makes a copy):
        Keras tracks layers held in attributes, so their weights appear in
        `model.trainable_weights` and `fit` trains them.
        """
        raise NotImplementedError("still to do")

    def call(self, inputs):
        """Feed `inputs` to the first layer, its output to the second, and so on; return the last output."""
        raise NotImplementedError("still to do")
