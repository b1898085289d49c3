import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

np.random.seed(0)
tf.random.set_seed(0)


class SimpleDense(layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        if isinstance(activation, str):
            activation = keras.activations.get(activation)
        self.activation = activation

    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer=tf.keras.initializers.RandomNormal(mean=0.0, stddev=0.05),
                                 dtype="float32")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", dtype="float32")

    def call(self, inputs, training=None):
        z = tf.tensordot(inputs, self.W, axes=[[-1], [0]])
        z = z + self.b
        return z if self.activation is None else self.activation(z)


model = keras.Sequential([SimpleDense(32, activation="relu"), SimpleDense(1)])
x_demo = np.random.normal(size=(100, 3)).astype("float32")
model.compile(optimizer="rmsprop", loss="mse")
model.fit(x_demo, x_demo.sum(axis=1), epochs=2, verbose=0)
print(model.summary())
