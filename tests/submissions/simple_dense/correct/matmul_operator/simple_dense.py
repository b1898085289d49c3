"""Exercise 1 — SimpleDense with the `@` operator and `from tensorflow import keras`."""

import tensorflow as tf
from tensorflow import keras


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        y = inputs @ self.W + self.b
        if self.activation is not None:
            y = self.activation(y)
        return y


# quick check while writing the exercise (not run by the grader)
if __name__ == "__main__":
    layer = SimpleDense(4, activation=tf.nn.relu)
    print(layer(tf.ones((2, 3))).shape)
