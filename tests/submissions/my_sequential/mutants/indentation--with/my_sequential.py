"""MySequential: each layer in a name scope; the return is indented into the `with` block."""

import keras
import tensorflow as tf


class MySequential(keras.Model):
    def __init__(self, list_layers, **kwargs):
        super().__init__(**kwargs)
        self.list_layers = list(list_layers)

    def call(self, inputs, training=None):
        x = inputs
        for layer in self.list_layers:
            with tf.name_scope(layer.name):
                x = layer(x, training=training)
                return x
