"""Logic gates and XOR with the functional API; the hidden layer says activation="linear"."""

import keras
import numpy as np

GATE_EPOCHS = 1000
XOR_EPOCHS = 2000


def build_gate_model():
    inputs = keras.Input(shape=(2,))
    outputs = keras.layers.Dense(1, activation="sigmoid")(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def build_xor_model():
    inputs = keras.Input(shape=(2,))
    hidden = keras.layers.Dense(4, activation="linear")(inputs)
    hidden = keras.layers.Dense(4, activation=None)(hidden)
    outputs = keras.layers.Dense(1, activation="sigmoid")(hidden)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w = np.asarray(weights, dtype=np.float64).flatten()
    b = np.asarray(bias, dtype=np.float64).flatten()[0]
    return -w[0] / w[1], -b / w[1]
