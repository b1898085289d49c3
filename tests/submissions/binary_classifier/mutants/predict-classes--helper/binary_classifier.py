"""Label scaling with a lookup table; a sequential sigmoid unit trained with RMSprop."""

import keras
import numpy as np

POINTS = np.array([[1.1, -1.7], [-1.1, 1.8], [-2.5, -1.9], [-0.8, -2.0], [-2.4, 0.4],
                   [-3.0, -0.2], [0.6, -1.0], [-1.3, 2.2], [-1.7, -1.4], [-1.4, -2.6],
                   [-0.2, -1.4], [1.6, -0.1], [-0.2, 2.8], [-1.5, -1.9], [2.4, 0.3],
                   [-0.8, 2.0], [-0.9, 1.1], [-1.5, 0.4], [-1.8, 0.0], [-0.6, 2.7]], dtype=np.float32)
LABELS = np.array([1, -1, 1, 1, -1, -1, 1, -1, 1, 1, 1, 1, -1, 1, 1, -1, -1, -1, -1, -1], dtype=np.float32)


def scale_labels(y):
    y = np.asarray(y, dtype=np.float64)
    return np.where(y > 0, 1.0, 0.0)


def unscale_labels(y01):
    y01 = np.asarray(y01, dtype=np.float64)
    return np.where(y01 > 0.5, 1.0, -1.0)


def build_binary_classifier(input_dim=2):
    model = keras.Sequential()
    model.add(keras.layers.Input(shape=(input_dim,)))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def predict_labels(model, x):
    """The model's decisions as labels in {-1, 1}."""
    return unscale_labels(model.predict_classes(x).ravel())
