import keras
import tensorflow as tf


def ols_loss(w, b, x, y):
    return tf.math.reduce_mean(tf.math.squared_difference(w * x + b, y))


def tls_loss(w, b, x, y):
    # perpendicular distance squared = vertical distance squared / (1 + w^2)
    return tf.math.reduce_mean(tf.math.squared_difference(w * x + b, y) / (1.0 + tf.math.square(w)))


class _Line:
    def __init__(self, seed):
        self.w = tf.Variable(tf.random.uniform([], minval=0.01, maxval=1.0, seed=seed))
        self.b = tf.Variable(tf.zeros([]))

    def as_floats(self):
        return float(self.w), float(self.b)


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    line = _Line(seed)
    x = tf.convert_to_tensor(x, tf.float32)
    y = tf.convert_to_tensor(y, tf.float32)
    adam = keras.optimizers.Adam(learning_rate)
    step = 0
    while step < steps:
        with tf.GradientTape() as recorder:
            current = loss_fn(line.w, line.b, x, y)
        dw, db = recorder.gradient(current, [line.w, line.b])
        adam.apply_gradients([(dw, line.w), (db, line.b)])
        step += 1
    return line.as_floats()
