"""Logic gates and XOR: activations as layers, softmax at the end of both models."""

import keras
import numpy as np

GATE_EPOCHS = 1000
XOR_EPOCHS = 2000


def build_gate_model():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1), keras.layers.Activation("softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def build_xor_model():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(8), keras.layers.Activation("tanh"),
                              keras.layers.Dense(1), keras.layers.Activation("softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w = np.ravel(np.asarray(weights, np.float64))
    return -w[0] / w[1], -float(np.ravel(bias)[0]) / w[1]
