"""A student's keras_regression."""

import keras
import numpy as np


def quadratic_features(x):
    x = np.asarray(x)
    return np.vstack([x ** 2, x]).T.astype("float32")


def build_sequential_regressor(input_dim):
    model = keras.Sequential([keras.Input(batch_shape=(None, input_dim)), keras.layers.Dense(1, use_bias=True)])
    model.compile(keras.optimizers.RMSprop(0.01), "mse")
    return model


def build_functional_regressor(input_dim):
    inp = keras.Input(batch_shape=(None, input_dim))
    dense = keras.layers.Dense(1, kernel_initializer="zeros")
    model = keras.Model(inp, dense(inp))
    model.compile(keras.optimizers.RMSprop(0.01), "mse")
    return model


def fitted_coefficients(model):
    kernel = np.asarray(model.weights[0])
    bias = np.asarray(model.weights[1])
    return float(kernel[0, 0]), float(kernel[1, 0]), float(bias[0])
