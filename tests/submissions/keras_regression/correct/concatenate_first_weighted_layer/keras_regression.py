import numpy as np
import tensorflow as tf


def quadratic_features(x):
    x = np.asarray(x, dtype=np.float64)
    columns = [np.power(x, 2)[:, np.newaxis], x[:, np.newaxis]]
    return np.concatenate(columns, axis=1).astype(np.float32)


def build_sequential_regressor(input_dim):
    model = tf.keras.Sequential()
    model.add(tf.keras.Input(shape=(input_dim,), name="x"))
    model.add(tf.keras.layers.Dense(1, use_bias=True, bias_initializer="ones"))
    model.compile(optimizer=tf.keras.optimizers.Adagrad(learning_rate=0.5), loss="mse")
    return model


def build_functional_regressor(input_dim):
    inp = tf.keras.Input(batch_shape=(None, input_dim))
    dense = tf.keras.layers.Dense(1)
    out = dense(inp)
    regressor = tf.keras.Model(inputs=inp, outputs=out)
    regressor.compile(optimizer="rmsprop", loss=tf.keras.losses.MeanSquaredError(), metrics=[])
    return regressor


def fitted_coefficients(model):
    layer = next(layer for layer in model.layers if layer.get_weights())
    kernel = layer.kernel.numpy().ravel()
    bias = layer.bias.numpy().ravel()
    return float(kernel[0]), float(kernel[1]), float(bias[0])
