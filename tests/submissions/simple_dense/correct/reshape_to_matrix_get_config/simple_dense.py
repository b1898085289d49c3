"""SimpleDense that flattens the leading axes into one, multiplies, and restores them."""

import keras
import tensorflow as tf


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        features = int(input_shape[-1])
        self.W = self.add_weight(name="W", shape=(features, self.units), initializer="random_normal")
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        leading = tf.shape(inputs)[:-1]
        matrix = tf.reshape(inputs, [-1, tf.shape(inputs)[-1]])
        outputs = tf.matmul(matrix, self.W) + self.b
        outputs = tf.reshape(outputs, tf.concat([leading, [self.units]], axis=0))
        return self.activation(outputs)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "activation": keras.activations.serialize(self.activation)})
        return config
