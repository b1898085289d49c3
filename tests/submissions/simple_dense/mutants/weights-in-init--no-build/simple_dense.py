"""SimpleDense that takes the input size as an argument and creates its weights in __init__."""

import keras
import tensorflow as tf


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, input_dim=4, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = activation
        self.W = self.add_weight(shape=(input_dim, units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(units,), initializer="zeros", name="b")

    def call(self, inputs):
        z = tf.matmul(inputs, self.W) + self.b
        return self.activation(z) if self.activation else z
