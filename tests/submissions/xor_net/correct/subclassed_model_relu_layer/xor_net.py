"""Logic gates and XOR: a subclassed keras.Model with a ReLU layer, built by a helper class."""

import keras
import numpy as np

GATE_EPOCHS = 1000
XOR_EPOCHS = 1500


class XorNet(keras.Model):
    def __init__(self, hidden=12, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(hidden)
        self.relu = keras.layers.ReLU()
        self.out = keras.layers.Dense(1, activation="sigmoid")

    def call(self, inputs):
        return self.out(self.relu(self.hidden(inputs)))


def build_gate_model():
    inputs = keras.Input((2,))
    model = keras.Model(inputs, keras.layers.Dense(1, activation=keras.activations.sigmoid)(inputs))
    model.compile(optimizer=keras.optimizers.Adam(0.1), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def build_xor_model():
    model = XorNet()
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    w0, w1 = np.asarray(weights, np.float64).reshape(2)
    (b,) = np.asarray(bias, np.float64).reshape(1)
    return -w0 / w1, -b / w1
