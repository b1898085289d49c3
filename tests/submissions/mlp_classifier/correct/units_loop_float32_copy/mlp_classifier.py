"""MLP on Fashion-MNIST, my version."""
import numpy as np
from keras import Input, Sequential, datasets
from keras.layers import Dense, Flatten

HIDDEN_UNITS = (300, 100)


def load_fashion_mnist():
    train, test = datasets.fashion_mnist.load_data()
    return train, test


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    images = np.array(X_train_full, dtype="float32")
    images /= 255.0
    train_images, valid_images = images[n_valid:], images[:n_valid]
    return train_images, y_train_full[n_valid:], valid_images, y_train_full[:n_valid]


def build_mlp(input_shape=(28, 28), num_classes=10):
    net = Sequential()
    net.add(Input(input_shape))
    net.add(Flatten())
    for units in HIDDEN_UNITS:
        net.add(Dense(units, activation="relu"))
    net.add(Dense(num_classes, activation="softmax"))
    return net


def compile_mlp(model):
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
