"""model.add one layer at a time, tf.keras spelling, float32 pixels."""

import tensorflow as tf


def load_fashion_mnist():
    return tf.keras.datasets.fashion_mnist.load_data()


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    X_train_full = tf.cast(X_train_full, tf.float32).numpy() / 255.0
    X_train, X_valid = X_train_full[n_valid:], X_train_full[:n_valid]
    y_train, y_valid = y_train_full[n_valid:], y_train_full[:n_valid]
    return X_train, y_train, X_valid, y_valid


def build_mlp(input_shape=(28, 28), num_classes=10):
    model = tf.keras.Sequential()
    model.add(tf.keras.layers.InputLayer(shape=input_shape))
    model.add(tf.keras.layers.Flatten())
    model.add(tf.keras.layers.Dense(300, activation="relu"))
    model.add(tf.keras.layers.Dense(100, activation="relu"))
    model.add(tf.keras.layers.Dense(num_classes, activation="softmax"))
    return model


def compile_mlp(model):
    model.compile(optimizer=tf.keras.optimizers.SGD(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
