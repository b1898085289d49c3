"""Flatten(input_shape=...) instead of an Input, loss/optimizer/metric objects, np.split for the rows."""

import numpy as np
from tensorflow import keras


def load_fashion_mnist():
    fashion_mnist = keras.datasets.fashion_mnist
    (X_train_full, y_train_full), (X_test, y_test) = fashion_mnist.load_data()
    return (X_train_full, y_train_full), (X_test, y_test)


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    X_valid, X_train = np.split(X_train_full.astype(np.float32) / 255.0, [n_valid])
    y_valid, y_train = np.split(y_train_full, [n_valid])
    return X_train, y_train, X_valid, y_valid


def build_mlp(input_shape=(28, 28), num_classes=10):
    return keras.models.Sequential([
        keras.layers.Flatten(input_shape=input_shape),
        keras.layers.Dense(300, activation=keras.activations.relu),
        keras.layers.Dense(100, activation=keras.activations.relu),
        keras.layers.Dense(num_classes, activation=keras.activations.softmax),
    ])


def compile_mlp(model):
    model.compile(loss=keras.losses.SparseCategoricalCrossentropy(),
                  optimizer=keras.optimizers.SGD(learning_rate=0.01),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    return model
