"""Linear classifier: training_step sums the squared errors itself (square_loss is right)."""

import numpy as np
import tensorflow as tf


def make_dataset(num_samples_per_class=1000, seed=None):
    generator = np.random.default_rng(seed)
    covariance = np.array([[1.0, 0.5], [0.5, 1.0]])
    points = [generator.multivariate_normal(mean, covariance, size=num_samples_per_class)
              for mean in ([0.0, 3.0], [3.0, 0.0])]
    labels = [np.full((num_samples_per_class, 1), label) for label in (0.0, 1.0)]
    return np.concatenate(points).astype(np.float32), np.concatenate(labels).astype(np.float32)


def init_params(input_dim=2, output_dim=1, seed=None):
    generator = np.random.default_rng(seed)
    W = tf.Variable(generator.uniform(0.0, 1.0, size=(input_dim, output_dim)).astype(np.float32))
    b = tf.Variable(np.zeros(output_dim, dtype=np.float32))
    return W, b


def predict(inputs, W, b):
    return inputs @ W + b


def square_loss(targets, predictions):
    return tf.reduce_mean(tf.math.squared_difference(targets, predictions))


def training_step(inputs, targets, W, b, learning_rate=0.1):
    with tf.GradientTape() as tape:
        errors = targets - (inputs @ W + b)
        loss = tf.reduce_sum(errors ** 2)
    grad_W, grad_b = tape.gradient(loss, [W, b])
    W.assign_sub(learning_rate * grad_W)
    b.assign_sub(learning_rate * grad_b)
    return loss


def decision_boundary(W, b):
    w = W.numpy()[:, 0]
    intercept = (0.5 - b.numpy()[0]) / w[1]
    return float(-w[0] / w[1]), float(intercept)
