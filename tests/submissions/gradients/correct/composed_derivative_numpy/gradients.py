"""A student's gradients."""

import tensorflow as tf


def derivative(f, x):
    x = tf.constant(x, dtype=tf.float32) if not tf.is_tensor(x) else x
    with tf.GradientTape() as g:
        g.watch(x)
        value = f(x)
    return g.gradient(value, x)


def second_derivative(f, t):
    result = derivative(lambda s: derivative(f, s), t)
    return result.numpy()


def apple_acceleration(t=0.0):
    return float(second_derivative(lambda t: 4.9 * t * t, t))
