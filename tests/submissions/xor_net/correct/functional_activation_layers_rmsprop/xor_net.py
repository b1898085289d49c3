"""Logic gates and XOR with the functional API: Dense layers without activation, each followed by an
Activation layer; RMSprop."""

import keras
from keras import layers
import numpy as np

GATE_EPOCHS = 1500
XOR_EPOCHS = 2500


def build_gate_model():
    x = keras.Input(shape=(2,))
    p = layers.Activation("sigmoid")(layers.Dense(1)(x))
    model = keras.Model(x, p)
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05), loss=keras.losses.BinaryCrossentropy(),
                  metrics=[keras.metrics.BinaryAccuracy(name="accuracy")])
    return model


def build_xor_model():
    x = keras.Input(shape=(2,))
    h = layers.Activation("tanh")(layers.Dense(8)(x))
    p = layers.Activation("sigmoid")(layers.Dense(1)(h))
    model = keras.Model(inputs=x, outputs=p)
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.02), loss=keras.losses.BinaryCrossentropy(),
                  metrics=["accuracy"])
    return model


def boundary_line(weights, bias):
    weights = np.array(weights, dtype=float)
    if weights.ndim == 2:
        weights = weights[:, 0]
    bias = float(np.array(bias, dtype=float).reshape(-1)[0])
    slope = -weights[0] / weights[1]
    return slope, -bias / weights[1]
