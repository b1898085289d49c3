"""A student's gradients."""

import tensorflow as tf


def derivative(f, x):
    x = tf.Variable(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        y = f(x)
    return tape.gradient(y, x)


def second_derivative(f, t):
    t = tf.Variable(t, dtype=tf.float32)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = f(t)
        dy_dt = inner.gradient(y, t)
    return outer.gradient(dy_dt, t)


def apple_acceleration(t=0.0):
    time = tf.Variable(float(t))
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            position = 4.9 * time ** 2
        speed = inner.gradient(position, time)
    return outer.gradient(speed, time)
