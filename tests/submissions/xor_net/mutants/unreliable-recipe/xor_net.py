"""Logic gates and XOR, with activations as separate layers (the course's first XOR recipe)."""

import keras
import numpy as np

GATE_EPOCHS = 2000
XOR_EPOCHS = 2000


def build_gate_model():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1), keras.layers.Activation("sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def build_xor_model():
    model = keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(2),
        keras.layers.Activation("sigmoid"),
        keras.layers.Dense(1),
        keras.layers.Activation("sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w = np.ravel(weights)
    return float(-w[0] / w[1]), float(-np.ravel(bias)[0] / w[1])
