"""SimpleDense written with keras.ops only; accepts activation names like "relu"."""

import keras
from keras import ops


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)  # None -> linear

    def build(self, input_shape):
        *_, input_dim = input_shape
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        return self.activation(ops.add(ops.matmul(inputs, self.W), self.b))
