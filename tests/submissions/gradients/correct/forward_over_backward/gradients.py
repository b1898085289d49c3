"""Derivatives with GradientTape; the second derivative is forward-over-backward."""

import tensorflow as tf


def _scalar(value):
    """A float32 tensor from a Python number or a tensor."""
    return tf.convert_to_tensor(value, dtype_hint=tf.float32)


def derivative(f, x):
    x = _scalar(x)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(x)
        fx = f(x)
    return tape.gradient(fx, x)


def second_derivative(f, t):
    t = _scalar(t)
    # push a tangent of 1 forward through the backward pass: d/dt (df/dt)
    with tf.autodiff.ForwardAccumulator(primals=t, tangents=tf.ones_like(t)) as accumulator:
        with tf.GradientTape() as tape:
            tape.watch(t)
            ft = f(t)
        slope = tape.gradient(ft, t)
    return accumulator.jvp(slope)


def apple_acceleration(t=0.0):
    def position(time):
        return 4.9 * time * time

    return second_derivative(position, t)
