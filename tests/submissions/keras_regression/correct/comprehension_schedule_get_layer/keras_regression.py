"""Quadratic regression, written the long way round."""

import numpy as np
from tensorflow import keras


def quadratic_features(x):
    return np.array([[value * value, value] for value in np.ravel(x)], dtype=np.float32)


def _optimizer():
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=100, decay_rate=0.9)
    return keras.optimizers.Adam(schedule)


def build_sequential_regressor(input_dim):
    model = keras.models.Sequential([keras.layers.Input(shape=[input_dim]),
                                     keras.layers.Dense(1, kernel_initializer="glorot_normal", name="linear")])
    model.compile(loss="mean_squared_error", optimizer=_optimizer(), metrics=["mae"])
    return model


def build_functional_regressor(input_dim):
    features = keras.layers.Input(batch_shape=(None, input_dim), name="features")
    prediction = keras.layers.Dense(1, name="linear")(features)
    model = keras.models.Model(inputs=[features], outputs=prediction)
    model.compile(loss="mean_squared_error", optimizer=_optimizer())
    return model


def fitted_coefficients(model):
    layer = model.get_layer(index=-1)
    w, b = layer.get_weights()
    w1, w2 = (float(v) for v in w[:, 0])
    return w1, w2, float(b.item())
