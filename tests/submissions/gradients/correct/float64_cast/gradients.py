"""A student's gradients."""

import tensorflow as tf


def derivative(f, x):
    x = tf.cast(x, tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x).numpy()


def second_derivative(f, t):
    t = tf.cast(t, tf.float64)
    with tf.GradientTape() as t2:
        t2.watch(t)
        with tf.GradientTape() as t1:
            t1.watch(t)
            y = f(t)
        first = t1.gradient(y, t)
    return t2.gradient(first, t).numpy()


def apple_acceleration(t=0.0):
    return second_derivative(lambda s: 4.9 * s ** 2, t)
