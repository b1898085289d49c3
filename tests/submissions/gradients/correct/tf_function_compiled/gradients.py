"""A student who compiles the tape code with tf.function."""

import tensorflow as tf


@tf.function
def _first(f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = f(x)
    return tape.gradient(value, x)


@tf.function
def _second(f, x):
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            value = f(x)
        first = inner.gradient(value, x)
    return outer.gradient(first, x)


def derivative(f, x):
    return _first(f, tf.constant(x, tf.float32))


def second_derivative(f, t):
    return _second(f, tf.constant(t, tf.float32))


def apple_acceleration(t=0.0):
    return second_derivative(lambda s: 4.9 * s**2, t)
