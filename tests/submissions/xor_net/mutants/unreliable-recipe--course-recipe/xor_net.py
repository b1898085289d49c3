"""Logic gates and XOR: the course notes' network, two sigmoid hidden units trained with SGD."""

import keras
import numpy as np

GATE_EPOCHS = 3000
XOR_EPOCHS = 2000


def build_gate_model():
    model = keras.models.Sequential()
    model.add(keras.layers.Dense(1, activation="sigmoid", input_shape=(2,)))
    model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.SGD(learning_rate=0.5),
                  metrics=["accuracy"])
    return model


def build_xor_model():
    model = keras.models.Sequential()
    model.add(keras.layers.Dense(2, activation="sigmoid", input_shape=(2,)))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.SGD(learning_rate=0.1),
                  metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w0, w1 = np.asarray(weights).ravel()
    b = np.asarray(bias).ravel()[0]
    return -w0 / w1, -b / w1
