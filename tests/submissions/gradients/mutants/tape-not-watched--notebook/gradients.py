# %% Exercise 6, GradientTape
import numpy as np
import tensorflow as tf


# %%
def derivative(f, x):
    x = tf.convert_to_tensor(x, dtype=tf.float32)
    with tf.GradientTape() as g:
        y = f(x)
    return g.gradient(y, x)


def second_derivative(f, t):
    t = tf.convert_to_tensor(t, dtype=tf.float32)
    with tf.GradientTape() as outer:
        outer.watch(t)
        with tf.GradientTape() as inner:
            inner.watch(t)
            y = f(t)
        dy = inner.gradient(y, t)
    return outer.gradient(dy, t)


def apple_acceleration(t=0.0):
    return second_derivative(lambda time: 4.9 * time ** 2, t)


# %%
print(derivative(lambda x: x ** 2, 3.0))
print(apple_acceleration())
