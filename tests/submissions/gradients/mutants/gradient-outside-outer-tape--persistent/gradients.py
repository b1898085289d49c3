"""A student's gradients: a persistent inner tape, read after both blocks."""

import tensorflow as tf


def derivative(f, x):
    x = tf.constant(float(x)) if not tf.is_tensor(x) else x
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


def second_derivative(f, t):
    t = tf.constant(float(t)) if not tf.is_tensor(t) else t
    with tf.GradientTape() as g2:
        g2.watch(t)
        with tf.GradientTape(persistent=True) as g1:
            g1.watch(t)
            y = f(t)
    dy_dt = g1.gradient(y, t)
    return g2.gradient(dy_dt, t)


def apple_acceleration(t=0.0):
    return second_derivative(lambda s: 4.9 * s ** 2, t)
