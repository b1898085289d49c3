"""SimpleDense that delegates to keras.layers.Dense."""

import keras


class SimpleDense(keras.layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(units, activation=activation, kernel_initializer="random_normal")

    def call(self, inputs):
        return self.dense(inputs)
