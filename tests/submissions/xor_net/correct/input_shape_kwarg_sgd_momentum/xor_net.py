"""Exercise 5 — logic gates and XOR: input_shape= on the first layer, SGD with momentum."""

import keras
import numpy as np

GATE_EPOCHS = 2000
XOR_EPOCHS = 3000


def build_gate_model():
    model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid", input_shape=(2,))])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5, momentum=0.9), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def build_xor_model():
    model = keras.Sequential([keras.layers.Dense(8, activation="tanh", input_shape=(2,)),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w0, w1 = (float(v) for v in np.asarray(weights).flat)
    b = float(np.asarray(bias).flat[0])
    return -w0 / w1, -b / w1
