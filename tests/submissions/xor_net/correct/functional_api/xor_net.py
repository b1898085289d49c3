"""Exercise 5 — logic gates and XOR with the functional API."""

import keras
import numpy as np

GATE_EPOCHS = 1000
XOR_EPOCHS = 2000


def build_gate_model():
    inputs = keras.Input(shape=(2,), name="bits")
    outputs = keras.layers.Dense(1, activation="sigmoid", name="unit")(inputs)
    model = keras.Model(inputs=inputs, outputs=outputs, name="gate")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def build_xor_model():
    inputs = keras.Input(shape=(2,))
    hidden = keras.layers.Dense(8, activation="tanh")(inputs)
    outputs = keras.layers.Dense(1, activation="sigmoid")(hidden)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w0, w1 = np.ravel(weights)
    return -float(w0) / float(w1), -float(np.ravel(bias)[0]) / float(w1)
