"""Logic gates and XOR: the output's sigmoid is a layer of its own, the hidden layer has none."""

import keras
import numpy as np

GATE_EPOCHS = 1000
XOR_EPOCHS = 2000


def build_gate_model():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1), keras.layers.Activation("sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.1), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def build_xor_model():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(8), keras.layers.Dense(1),
                              keras.layers.Activation("sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w = np.reshape(weights, -1).astype(float)
    return -w[0] / w[1], -float(np.reshape(bias, -1)[0]) / w[1]
