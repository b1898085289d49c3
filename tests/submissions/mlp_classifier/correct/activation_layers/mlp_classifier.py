"""Linear Dense layers followed by separate activation layers; a loop builds the hidden layers."""

import keras


def load_fashion_mnist():
    from keras.datasets import fashion_mnist

    return fashion_mnist.load_data()


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    scaled = X_train_full / 255
    return scaled[n_valid:], y_train_full[n_valid:], scaled[:n_valid], y_train_full[:n_valid]


def build_mlp(input_shape=(28, 28), num_classes=10):
    layers = [keras.Input(shape=input_shape), keras.layers.Flatten()]
    for units in (300, 100):
        layers += [keras.layers.Dense(units), keras.layers.ReLU()]
    layers += [keras.layers.Dense(num_classes), keras.layers.Softmax()]
    return keras.Sequential(layers)


def compile_mlp(model):
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return model
