"""Exercise 5 — logic gates and XOR: a wider relu hidden layer trained with Nadam."""

import keras
import numpy as np

GATE_EPOCHS = 1500
XOR_EPOCHS = 1500


def build_gate_model():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation=keras.activations.sigmoid)])
    model.compile(optimizer=keras.optimizers.Nadam(learning_rate=0.1), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def build_xor_model():
    model = keras.Sequential()
    model.add(keras.Input(shape=(2,)))
    model.add(keras.layers.Dense(16, activation="relu"))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer=keras.optimizers.Nadam(learning_rate=0.02), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    weights = np.asarray(weights, dtype=np.float64).reshape(2)
    bias = np.asarray(bias, dtype=np.float64).reshape(-1)[0]
    slope = -weights[0] / weights[1]
    intercept = -bias / weights[1]
    return float(slope), float(intercept)
