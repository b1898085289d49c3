"""SGD with Nesterov momentum, Activation layers by name, float64 pixels."""

import keras
import numpy as np


def load_fashion_mnist():
    (X_train_full, y_train_full), (X_test, y_test) = keras.datasets.fashion_mnist.load_data()
    return (X_train_full, y_train_full), (X_test, y_test)


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    pixels = np.asarray(X_train_full, dtype=np.float64) / 255.0
    labels = np.asarray(y_train_full)
    return pixels[n_valid:], labels[n_valid:], pixels[:n_valid], labels[:n_valid]


def build_mlp(input_shape=(28, 28), num_classes=10):
    model = keras.Sequential(name="mlp")
    model.add(keras.Input(shape=input_shape))
    model.add(keras.layers.Flatten(name="flatten"))
    model.add(keras.layers.Dense(300, name="hidden1"))
    model.add(keras.layers.Activation("relu"))
    model.add(keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal", name="hidden2"))
    model.add(keras.layers.Dense(num_classes, name="output"))
    model.add(keras.layers.Activation("softmax"))
    return model


def compile_mlp(model):
    model.compile(loss="sparse_categorical_crossentropy",
                  optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True),
                  metrics=["accuracy"])
    return model
