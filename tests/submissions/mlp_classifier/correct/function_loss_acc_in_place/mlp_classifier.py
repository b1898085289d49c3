"""The loss as a function, metrics=['acc'], compile returns the model it was given after compiling it."""

import keras
import tensorflow as tf


def load_fashion_mnist():
    return keras.datasets.fashion_mnist.load_data()


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    X_valid = X_train_full[:n_valid] / 255.0
    y_valid = y_train_full[:n_valid]
    X_train = X_train_full[n_valid:] / 255.0
    y_train = y_train_full[n_valid:]
    return (X_train, y_train, X_valid, y_valid)


def build_mlp(input_shape=(28, 28), num_classes=10):
    hidden = [keras.layers.Dense(n, activation=tf.nn.relu) for n in [300, 100]]
    return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(), *hidden,
                             keras.layers.Dense(num_classes, activation=tf.nn.softmax)])


def compile_mlp(model):
    sgd = keras.optimizers.SGD(learning_rate=0.01)
    model.compile(sgd, keras.losses.sparse_categorical_crossentropy, metrics=["acc"])
    return model
