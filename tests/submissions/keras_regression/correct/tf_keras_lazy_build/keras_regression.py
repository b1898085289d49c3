"""A student's keras_regression."""

import numpy as np
import tensorflow as tf
from tensorflow import keras


def quadratic_features(x):
    x = np.asarray(x, dtype=np.float32)
    return np.stack([x ** 2, x], axis=-1)


def build_sequential_regressor(input_dim):
    model = tf.keras.Sequential([tf.keras.layers.Dense(units=1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


def build_functional_regressor(input_dim):
    inputs = keras.Input(shape=(input_dim,))
    outputs = keras.layers.Dense(1)(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="mse")
    return model


def fitted_coefficients(model):
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)][0]
    kernel, bias = dense.weights
    return float(kernel[0, 0]), float(kernel[1, 0]), float(bias[0])
