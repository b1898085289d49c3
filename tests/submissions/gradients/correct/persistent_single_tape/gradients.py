"""A student's gradients."""

import tensorflow as tf


def derivative(f, x):
    x = tf.convert_to_tensor(x, dtype=tf.float32)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = f(x)
    grad = tape.gradient(y, x)
    del tape
    return float(grad)


def second_derivative(f, t):
    t = tf.convert_to_tensor(t, dtype=tf.float32)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(t)
        y = f(t)
        dy = tape.gradient(y, t)
    d2y = tape.gradient(dy, t)
    del tape
    return d2y


def apple_acceleration(t=0.0):
    def position(time):
        return 4.9 * tf.square(time)
    return second_derivative(position, t)
