# Your exercise: write your code where it says `raise NotImplementedError`, then run `tfgrade check gradients`.
"""Exercise 6 — derivatives with GradientTape.

`tf.GradientTape` records the operations run inside its `with` block and can then
differentiate the result. It follows trainable variables automatically, but a
constant tensor is only followed after `tape.watch(x)`. A second derivative needs
two tapes, one inside the other: the inner tape gives df/dx, and because that
gradient is computed while the outer tape is still recording, the outer tape can
differentiate it once more.
"""

import tensorflow as tf


def derivative(f, x):
    """Return df/dx at `x`, a Python float or a float32 tensor constant.

    `f` is a Python function built from TensorFlow ops (e.g. `lambda x: 3 * x**2`).
    Turn `x` into a tensor, then inside `with tf.GradientTape() as tape:` (note the
    parentheses) call `tape.watch(x)` before computing `y = f(x)`: without `watch`
    a constant is not followed and `tape.gradient(y, x)` is None.
    """
    raise NotImplementedError("still to do")


def second_derivative(f, t):
    """Return d2f/dt2 at `t` (a Python float or a float32 tensor constant) with nested tapes.

    Both tapes must watch `t`. Take the inner gradient while the outer tape is still
    recording (inside the outer `with` block), then the outer tape's gradient of it.
    """
    raise NotImplementedError("still to do")


def apple_acceleration(t=0.0):
    """Return the acceleration at time `t` of a falling apple at `position(t) = 4.9 * t**2`.

    The acceleration is the second derivative of the position: it should be 9.8 at any t.
    """
    raise NotImplementedError("still to do")
