# Exercise 9 -- written from the lecture slides
from keras import datasets, layers, losses, models, optimizers

CONFIG = {"hidden": [300, 100], "activation": "relu"}


def load_fashion_mnist():
    data = datasets.fashion_mnist.load_data()
    return data[0], data[1]


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    def scale(pixels):
        return pixels.astype("float64") / 255.0

    X_train = scale(X_train_full[n_valid:])
    X_valid = scale(X_train_full[:n_valid])
    return X_train, y_train_full[n_valid:], X_valid, y_train_full[:n_valid]


def build_mlp(input_shape=(28, 28), num_classes=10):
    model = models.Sequential([layers.Input(shape=input_shape), layers.Flatten()])
    for i, width in enumerate(CONFIG["hidden"]):
        model.add(layers.Dense(width, activation=CONFIG["activation"], name=f"dense_{i}"))
    model.add(layers.Dense(num_classes, activation="softmax", name="probabilities"))
    return model


def compile_mlp(model):
    model.compile(
        optimizer=optimizers.SGD(learning_rate=0.01),
        loss=losses.sparse_categorical_crossentropy,
        metrics=["accuracy"],
    )
    return model
