"""Exercise 9 — a multilayer perceptron for 28x28 images (Hands-On ML ch. 10).

Fashion-MNIST holds 70,000 grey-scale 28x28 images of clothes in 10 classes (T-shirt,
trouser, pullover, ...): pixels are integers 0-255 and labels integers 0-9. A Sequential
MLP flattens each image to 784 numbers, passes them through two ReLU hidden layers
(300 and 100 units) and ends in a softmax over the classes. It is trained with
stochastic gradient descent on the sparse categorical cross-entropy ("sparse" because
the labels are class indices, not one-hot vectors).
"""

import keras
import numpy as np


def load_fashion_mnist():
    """Return `((X_train_full, y_train_full), (X_test, y_test))` from Keras.

    `keras.datasets.fashion_mnist.load_data()` downloads the data the first time (it needs the
    internet); the grader never calls this function and uses a small generated data set of the
    same format instead.
    """
    return keras.datasets.fashion_mnist.load_data()


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    """Return `(X_train, y_train, X_valid, y_valid)`.

    The first `n_valid` rows are the validation set, the remaining rows the training set.
    Pixels are scaled to [0, 1] by dividing by 255.0 (the result is a float array); the
    labels are returned unchanged.
    """
    X_valid, X_train = X_train_full[:n_valid] / 255.0, X_train_full[n_valid:] / 255.0
    y_valid, y_train = y_train_full[:n_valid], y_train_full[n_valid:]
    return X_train, y_train, X_valid, y_valid


def build_mlp(input_shape=(28, 28), num_classes=10):
    """Return a new `keras.Sequential`: Flatten, Dense(300, relu), Dense(100, relu), Dense(num_classes, softmax).

    Start with `keras.Input(shape=input_shape)` (or give `input_shape` to the Flatten layer):
    Flatten turns each image into one vector, so the Dense layers see 784 features, not
    28 rows of 28. For the defaults the model has 266,610 parameters
    (784*300 + 300 + 300*100 + 100 + 100*10 + 10). The softmax output gives one probability
    per class, summing to 1.
    """
    return keras.Sequential([
        keras.Input(shape=input_shape),
        keras.layers.Flatten(),
        keras.layers.Dense(300, activation="relu"),
        keras.layers.Dense(100, activation="relu"),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])


def compile_mlp(model):
    """Compile `model` and return it: loss sparse categorical cross-entropy, optimizer SGD, metric accuracy.

    The labels are integers 0-9, so the loss is `"sparse_categorical_crossentropy"`
    (`"categorical_crossentropy"` would expect one-hot vectors).
    """
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return model


# %% try the model on a few random images
model = compile_mlp(build_mlp())
X_new = np.random.rand(3, 28, 28)
y_pred = model.predict_classes(X_new)
print(y_pred)
