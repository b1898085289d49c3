"""Label scaling with a lookup table; a sequential sigmoid unit trained with RMSprop."""

import keras
import numpy as np

POINTS = np.array([[1.1, -1.7], [-1.1, 1.8], [-2.5, -1.9], [-0.8, -2.0], [-2.4, 0.4],
                   [-3.0, -0.2], [0.6, -1.0], [-1.3, 2.2], [-1.7, -1.4], [-1.4, -2.6],
                   [-0.2, -1.4], [1.6, -0.1], [-0.2, 2.8], [-1.5, -1.9], [2.4, 0.3],
                   [-0.8, 2.0], [-0.9, 1.1], [-1.5, 0.4], [-1.8, 0.0], [-0.6, 2.7]], dtype=np.float32)
LABELS = np.array([1, -1, 1, 1, -1, -1, 1, -1, 1, 1, 1, 1, -1, 1, 1, -1, -1, -1, -1, -1], dtype=np.float32)

TO_01 = {-1.0: 0.0, 1.0: 1.0}
TO_PM1 = {0.0: -1.0, 1.0: 1.0}


def _lookup(table, values):
    values = np.asarray(values, dtype=np.float64)
    return np.vectorize(lambda v: table[float(v)], otypes=[np.float64])(values)


def scale_labels(y):
    return _lookup(TO_01, y)


def unscale_labels(y01):
    return _lookup(TO_PM1, y01)


def build_binary_classifier(input_dim=2):
    model = keras.Sequential()
    model.add(keras.layers.Input(shape=(input_dim,)))
    model.add(keras.layers.Dense(1, activation="sigmoid", kernel_initializer="zeros"))
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05), loss=keras.losses.BinaryCrossentropy(),
                  metrics=[keras.metrics.BinaryAccuracy(name="acc")])
    return model
