"""Exercise 5 — logic gates and XOR via `from tensorflow import keras`, RMSprop, loss and metric objects."""

import numpy as np
import tensorflow as tf
from tensorflow import keras

GATE_EPOCHS = 1000
XOR_EPOCHS = 2000


def build_gate_model():
    model = keras.models.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation=tf.nn.sigmoid)])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05),
                  loss=keras.losses.BinaryCrossentropy(), metrics=[keras.metrics.BinaryAccuracy()])
    return model


def build_xor_model():
    model = keras.models.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(8, activation=tf.nn.tanh),
                                     keras.layers.Dense(1, activation=tf.nn.sigmoid)])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.01),
                  loss=keras.losses.BinaryCrossentropy(), metrics=[keras.metrics.BinaryAccuracy()])
    return model


def boundary_line(weights, bias):
    weights = tf.reshape(tf.cast(weights, tf.float64), [-1])
    bias = tf.reshape(tf.cast(bias, tf.float64), [-1])[0]
    return float(-weights[0] / weights[1]), float(-bias / weights[1])
