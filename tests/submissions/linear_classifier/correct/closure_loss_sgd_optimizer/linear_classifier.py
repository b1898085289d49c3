"""Linear classifier: a loss closure called inside the tape, keras.optimizers.SGD for the update,
keras.ops for the maths."""

import keras
import numpy as np
import tensorflow as tf
from keras import ops


def make_dataset(num_samples_per_class=1000, seed=None):
    rng = np.random.default_rng(seed)
    cov = [[1, 0.5], [0.5, 1]]
    x0 = rng.multivariate_normal([0, 3], cov, num_samples_per_class)
    x1 = rng.multivariate_normal([3, 0], cov, num_samples_per_class)
    inputs = np.float32(np.r_[x0, x1])
    targets = np.float32(np.r_[np.zeros(num_samples_per_class), np.ones(num_samples_per_class)])[:, None]
    return inputs, targets


def init_params(input_dim=2, output_dim=1, seed=None):
    W = tf.Variable(tf.random.uniform([input_dim, output_dim], seed=seed))
    b = tf.Variable(tf.zeros([output_dim]))
    return W, b


def predict(inputs, W, b):
    return ops.add(ops.matmul(inputs, W), b)


def square_loss(targets, predictions):
    return ops.mean(ops.square(ops.subtract(targets, predictions)))


def training_step(inputs, targets, W, b, learning_rate=0.1):
    def compute_loss():
        return square_loss(targets, predict(inputs, W, b))

    with tf.GradientTape() as tape:
        loss = compute_loss()
    gradients = tape.gradient(loss, [W, b])
    keras.optimizers.SGD(learning_rate=learning_rate).apply_gradients(zip(gradients, [W, b]))
    return loss


def decision_boundary(W, b):
    (w1,), (w2,) = W.numpy().tolist()
    return -w1 / w2, (0.5 - b.numpy().item()) / w2
