import keras
import numpy


def load_fashion_mnist():
    (a, b), (c, d) = keras.datasets.fashion_mnist.load_data()
    return (a, b), (c, d)


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    valid_part, train_part = numpy.split(numpy.asarray(X_train_full) / 255.0, [n_valid])
    valid_labels, train_labels = numpy.split(numpy.asarray(y_train_full), [n_valid])
    return train_part, train_labels, valid_part, valid_labels


def build_mlp(input_shape=(28, 28), num_classes=10):
    sizes = [(300, "relu"), (100, "relu"), (num_classes, "softmax")]
    stack = [keras.layers.InputLayer(shape=input_shape), keras.layers.Flatten()]
    stack += [keras.layers.Dense(n, activation=act) for n, act in sizes]
    return keras.Sequential(stack)


def compile_mlp(model):
    settings = dict(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.SGD(0.01), metrics=["accuracy"])
    model.compile(**settings)
    return model
