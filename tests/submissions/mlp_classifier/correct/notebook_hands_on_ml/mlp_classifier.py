# %% [markdown]
# # Exercise 9: an MLP for Fashion-MNIST (Hands-On ML, chapter 10)

# %%
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow import keras

class_names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


# %%
def load_fashion_mnist():
    fashion_mnist = keras.datasets.fashion_mnist
    return fashion_mnist.load_data()


def split_and_scale(X_train_full, y_train_full, n_valid=5000):
    X_valid, X_train = X_train_full[:n_valid] / 255., X_train_full[n_valid:] / 255.
    y_valid, y_train = y_train_full[:n_valid], y_train_full[n_valid:]
    return X_train, y_train, X_valid, y_valid


def build_mlp(input_shape=(28, 28), num_classes=10):
    model = keras.models.Sequential()
    model.add(keras.layers.Flatten(input_shape=input_shape))
    model.add(keras.layers.Dense(300, activation="relu"))
    model.add(keras.layers.Dense(100, activation="relu"))
    model.add(keras.layers.Dense(num_classes, activation="softmax"))
    return model


def compile_mlp(model):
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return model


# %%
(X_train_full, y_train_full), (X_test, y_test) = load_fashion_mnist()
X_train, y_train, X_valid, y_valid = split_and_scale(X_train_full, y_train_full)
print(class_names[y_train[0]])

# %%
model = compile_mlp(build_mlp())
model.summary()
history = model.fit(X_train, y_train, epochs=30, validation_data=(X_valid, y_valid))

# %%
for name, values in history.history.items():
    plt.plot(values, label=name)
plt.legend()
plt.grid(True)
plt.gca().set_ylim(0, 1)
plt.show()

# %%
model.evaluate(X_test / 255., y_test)
X_new = X_test[:3] / 255.
y_proba = model.predict(X_new)
y_pred = np.argmax(y_proba, axis=-1)
print(np.array(class_names)[y_pred])
