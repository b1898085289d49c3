import keras
import tensorflow as tf


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        shape = tf.TensorShape(input_shape)
        self.W = self.add_weight(shape=[shape[-1], self.units], initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=[self.units], initializer="zeros", trainable=True)

    def call(self, inputs, training=None, mask=None):
        x = tf.einsum("...i,ij->...j", inputs, self.W)
        x = tf.nn.bias_add(x, self.b)
        if self.activation is None:
            return x
        return self.activation(x)
