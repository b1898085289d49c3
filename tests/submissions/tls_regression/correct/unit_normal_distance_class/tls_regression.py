"""OLS vs TLS: residuals through a shared helper, the TLS loss as mean(r**2 / (1 + w**2)), and fit_line as a
small trainer object with explicit casts."""

import keras
import tensorflow as tf


def _residuals(w, b, x, y):
    x = tf.cast(x, tf.float32)
    y = tf.cast(y, tf.float32)
    return tf.cast(w, tf.float32) * x + tf.cast(b, tf.float32) - y


def ols_loss(w, b, x, y):
    return tf.math.reduce_mean(tf.math.square(_residuals(w, b, x, y)))


def tls_loss(w, b, x, y):
    r = _residuals(w, b, x, y)
    return tf.math.reduce_mean(tf.math.square(r) / (1.0 + tf.math.square(tf.cast(w, tf.float32))))


class _LineTrainer:
    def __init__(self, loss_fn, learning_rate, seed):
        generator = tf.random.Generator.from_seed(0 if seed is None else seed)
        self.w = tf.Variable(1.0 - generator.uniform([], 0.0, 0.99))
        self.b = tf.Variable(0.0)
        self.loss_fn = loss_fn
        self.optimizer = keras.optimizers.Adam(learning_rate=learning_rate)

    def step(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.loss_fn(self.w, self.b, x, y)
        variables = [self.w, self.b]
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    trainer = _LineTrainer(loss_fn, learning_rate, seed)
    x, y = tf.constant(x, tf.float32), tf.constant(y, tf.float32)
    for _ in range(steps):
        trainer.step(x, y)
    return float(trainer.w.numpy()), float(trainer.b.numpy())
