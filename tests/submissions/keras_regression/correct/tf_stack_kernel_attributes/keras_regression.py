"""A student's keras_regression."""

import keras
import tensorflow as tf


def quadratic_features(x):
    x = tf.constant(x, dtype=tf.float32)
    return tf.stack([x ** 2, x], axis=1).numpy()


def build_sequential_regressor(input_dim):
    model = keras.Sequential([keras.layers.InputLayer(shape=(input_dim,)), keras.layers.Dense(1)])
    model.compile(optimizer="rmsprop", loss="mean_squared_error", metrics=["mae"])
    return model


def build_functional_regressor(input_dim):
    x = keras.layers.Input(batch_shape=(None, input_dim))
    y = keras.layers.Dense(1)(x)
    model = keras.Model(inputs=[x], outputs=[y])
    model.compile(optimizer="adam", loss="mean_squared_error")
    return model


def fitted_coefficients(model):
    layer = model.layers[-1]
    w = layer.kernel.numpy()
    b = layer.bias.numpy()
    return w[0][0], w[1][0], b[0]
