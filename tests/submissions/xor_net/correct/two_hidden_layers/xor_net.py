"""Exercise 5 — logic gates and XOR with two hidden layers."""

import keras
import numpy as np

GATE_EPOCHS = 1000
XOR_EPOCHS = 2000


def build_gate_model():
    model = keras.Sequential([keras.layers.Input((2,)), keras.layers.Dense(units=1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.optimizer.learning_rate = 0.1
    return model


def build_xor_model():
    model = keras.Sequential([
        keras.layers.Input((2,)),
        keras.layers.Dense(8, activation="tanh"),
        keras.layers.Dense(4, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w = np.squeeze(np.array(weights, dtype=float))
    b = np.squeeze(np.array(bias, dtype=float))
    return float(-w[0] / w[1]), float(-b / w[1])
