"""Logic gates and XOR: separate activation layers (LeakyReLU hidden, Activation("sigmoid") output)."""

import keras
import tensorflow as tf

GATE_EPOCHS = 1200
XOR_EPOCHS = 2000


def _compiled(model, rate):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=rate), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model


def build_gate_model():
    return _compiled(keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1),
                                       keras.layers.Activation("sigmoid")]), 0.1)


def build_xor_model():
    return _compiled(keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(16),
        keras.layers.LeakyReLU(),
        keras.layers.Dense(1),
        keras.layers.Activation("sigmoid"),
    ]), 0.05)


def boundary_line(weights, bias):
    w = tf.reshape(tf.cast(weights, tf.float64), [-1])
    b = tf.reshape(tf.cast(bias, tf.float64), [-1])[0]
    return float(-w[0] / w[1]), float(-b / w[1])
