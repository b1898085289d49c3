"""Linear classifier: TensorFlow random numbers (Cholesky factor for the covariance), elementwise
indexing of W and b in decision_boundary."""

import tensorflow as tf

COV = tf.constant([[1.0, 0.5], [0.5, 1.0]])


def _cloud(n, mean, seed):
    z = tf.random.stateless_normal((n, 2), seed=seed)
    return z @ tf.transpose(tf.linalg.cholesky(COV)) + tf.constant(mean)


def make_dataset(num_samples_per_class=1000, seed=None):
    base = 0 if seed is None else int(seed)
    n = num_samples_per_class
    inputs = tf.concat([_cloud(n, [0.0, 3.0], [base, 1]), _cloud(n, [3.0, 0.0], [base, 2])], axis=0)
    targets = tf.concat([tf.zeros((n, 1)), tf.ones((n, 1))], axis=0)
    return inputs.numpy(), targets.numpy()


def init_params(input_dim=2, output_dim=1, seed=None):
    W = tf.Variable(tf.random.uniform((input_dim, output_dim), minval=0.0, maxval=1.0, seed=seed), name="W")
    b = tf.Variable(tf.zeros((output_dim,)), name="b")
    return W, b


def predict(inputs, W, b):
    return tf.linalg.matmul(inputs, W) + b


def square_loss(targets, predictions):
    errors = targets - predictions
    return tf.reduce_mean(errors * errors)


def training_step(inputs, targets, W, b, learning_rate=0.1):
    with tf.GradientTape() as tape:
        loss = square_loss(targets, predict(inputs, W, b))
    grad_W, grad_b = tape.gradient(loss, [W, b])
    W.assign_sub(grad_W * learning_rate)
    b.assign_sub(grad_b * learning_rate)
    return loss


def decision_boundary(W, b):
    w1, w2 = float(W[0, 0]), float(W[1, 0])
    bias = float(b[0])
    return -w1 / w2, (0.5 - bias) / w2
