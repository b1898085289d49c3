"""A Fashion-MNIST MLP: np.split for the validation rows, loss and metric objects."""

import keras
import numpy as np


def load_fashion_mnist():
    (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
    return (x_train, y_train), (x_test, y_test)


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    X_valid, X_train = np.split(np.asarray(X_train_full), [n_valid])
    y_valid, y_train = np.split(np.asarray(y_train_full), [n_valid])
    scale = np.float32(255)
    return X_train / scale, y_train, X_valid / scale, y_valid


def build_mlp(input_shape=(28, 28), num_classes=10):
    model = keras.Sequential(name="fashion_mlp")
    model.add(keras.Input(shape=tuple(input_shape)))
    model.add(keras.layers.Flatten())
    for units in (300, 100):
        model.add(keras.layers.Dense(units, activation=keras.activations.relu))
    model.add(keras.layers.Dense(num_classes, activation=keras.activations.softmax))
    return model


def compile_mlp(model):
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01),
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy")])
    return model
