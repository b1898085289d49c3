# %% [markdown]
# Exercise 7: the same regression with Sequential and with the functional API.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers, ops


# %%
def quadratic_features(x):
    x = ops.convert_to_tensor(x, dtype="float32")
    return ops.convert_to_numpy(ops.stack([ops.square(x), x], axis=1))


def build_sequential_regressor(input_dim):
    model = keras.Sequential(name="sequential_regressor")
    model.add(keras.Input(shape=(input_dim,)))
    model.add(layers.Dense(units=1))
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-3), loss=keras.losses.MeanSquaredError())
    return model


def build_functional_regressor(input_dim):
    x_in = keras.Input(batch_shape=(None, input_dim))
    y_out = layers.Dense(1)(x_in)
    model = keras.Model(x_in, y_out, name="functional_regressor")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-3), loss=keras.losses.MeanSquaredError())
    return model


def fitted_coefficients(model):
    kernel, bias = (ops.convert_to_numpy(w) for w in model.trainable_weights)
    return float(kernel[0][0]), float(kernel[1][0]), float(bias[0])


# %%
x = np.arange(-5, 5, 0.1)
y = 2 * x**2 + 3 * x + 5
X = quadratic_features(x)

# %%
model = build_sequential_regressor(2)
history = model.fit(X, y, epochs=200, verbose=0)
print(fitted_coefficients(model))

# %%
plt.scatter(x, y, s=4)
plt.plot(x, model.predict(X).ravel(), color="red")
plt.show()
