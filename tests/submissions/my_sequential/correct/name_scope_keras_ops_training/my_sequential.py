"""MySequential: each layer called inside a name scope, `training` passed on, layers kept as a list copy."""

import keras
import tensorflow as tf


class MySequential(keras.Model):
    def __init__(self, list_layers, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.list_layers = list(list_layers)

    def call(self, inputs, training=None):
        x = keras.ops.convert_to_tensor(inputs)
        for position, layer in enumerate(self.list_layers):
            with tf.name_scope(f"step_{position}"):
                x = layer(x, training=training)
        return x
