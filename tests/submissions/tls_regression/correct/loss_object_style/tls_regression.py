from tensorflow import keras
import tensorflow as tf

_mse = keras.losses.MeanSquaredError()


def ols_loss(w, b, x, y):
    prediction = tf.add(tf.multiply(w, x), b)
    return _mse(y, prediction)


def tls_loss(w, b, x, y):
    scale = tf.math.rsqrt(tf.square(w) + 1)
    return _mse(y * scale, (w * x + b) * scale)


def fit_line(x, y, loss_fn, steps=300, learning_rate=0.05, seed=None):
    tf.random.set_seed(seed if seed is not None else 0)
    w = tf.Variable(1.0 - tf.random.uniform(shape=(), maxval=0.99), name="w")
    b = tf.Variable(0.0, name="b")
    data_x = tf.constant(x, tf.float32)
    data_y = tf.constant(y, tf.float32)
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)

    def train_once():
        with tf.GradientTape() as tape:
            loss = loss_fn(w, b, data_x, data_y)
        optimizer.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
        return loss

    for _ in range(int(steps)):
        train_once()
    return float(w.numpy()), float(b.numpy())
