"""SimpleDense computing the product over the last axis by broadcasting and summing."""

import tensorflow as tf
from tensorflow import keras


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        *_, n_in = input_shape
        self.W = self.add_weight(shape=[n_in, self.units], initializer=keras.initializers.RandomNormal(stddev=0.05))
        self.b = self.add_weight(shape=[self.units], initializer=keras.initializers.Zeros())

    def call(self, inputs):
        weighted = tf.expand_dims(inputs, -1) * self.W  # (..., n_in, units)
        z = tf.reduce_sum(weighted, axis=-2) + self.b
        if callable(self.activation):
            return self.activation(z)
        return z
