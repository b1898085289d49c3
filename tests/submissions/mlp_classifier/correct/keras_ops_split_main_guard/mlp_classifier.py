"""Fashion-MNIST MLP; the experiment runs only when the file is run as a script."""

import keras
from keras import layers, ops

HIDDEN = [(300, "relu"), (100, "relu")]


def load_fashion_mnist():
    return keras.datasets.fashion_mnist.load_data()


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    pixels = ops.divide(ops.cast(X_train_full, "float32"), 255.0)
    X_valid, X_train = pixels[:n_valid], pixels[n_valid:]
    y_valid, y_train = y_train_full[:n_valid], y_train_full[n_valid:]
    return ops.convert_to_numpy(X_train), y_train, ops.convert_to_numpy(X_valid), y_valid


def build_mlp(input_shape=(28, 28), num_classes=10):
    stack = [keras.Input(shape=input_shape), layers.Flatten()]
    stack += [layers.Dense(units, activation=activation) for units, activation in HIDDEN]
    stack.append(layers.Dense(num_classes, activation="softmax"))
    return keras.Sequential(stack)


def compile_mlp(model):
    model.compile(optimizer=keras.optimizers.SGD(),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=False),
                  metrics=["sparse_categorical_accuracy"])
    return model


if __name__ == "__main__":
    (X_full, y_full), (X_test, y_test) = load_fashion_mnist()
    X_train, y_train, X_valid, y_valid = split_and_scale(X_full, y_full)
    model = compile_mlp(build_mlp())
    model.fit(X_train, y_train, epochs=10, validation_data=(X_valid, y_valid))
    print(model.evaluate(X_test / 255.0, y_test))
