"""A student's gradients."""

import tensorflow as tf


def derivative(f, x):
    x = tf.constant(float(x))
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch([x])
        y = f(x)
    [dy_dx] = tape.gradient(y, [x])
    return dy_dx


def second_derivative(f, t):
    t = tf.constant(float(t))
    outer = tf.GradientTape()
    with outer:
        outer.watch(t)
        inner = tf.GradientTape()
        with inner:
            inner.watch(t)
            y = f(t)
        dy = inner.gradient(y, t)
    return outer.gradient(dy, t)


def apple_acceleration(t=0.0):
    return second_derivative(lambda time: 0.5 * 9.8 * time ** 2, t)
