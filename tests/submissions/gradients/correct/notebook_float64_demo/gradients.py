# %% [markdown]
# # Exercise 6: GradientTape
# Notebook exported as a script: the cells that try things out stay at the bottom.

# %%
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf


# %%
def derivative(f, x):
    """df/dx at x, computed in float64 and handed back as a Python float."""
    x = tf.Variable(float(x), dtype=tf.float64) if not tf.is_tensor(x) else tf.cast(x, tf.float64)
    with tf.GradientTape() as g:
        if not isinstance(x, tf.Variable):
            g.watch(x)
        y = f(x)
    return g.gradient(y, x).numpy().item()


def second_derivative(f, t):
    t = tf.constant(np.float64(t))
    with tf.GradientTape() as g2:
        g2.watch(t)
        with tf.GradientTape() as g1:
            g1.watch(t)
            y = f(t)
        dy = g1.gradient(y, t)
    d2y = g2.gradient(dy, t)
    return float(d2y)


def position(t):
    return 4.9 * t ** 2


def apple_acceleration(t=0.0):
    return second_derivative(position, t)


# %%
print(derivative(lambda x: x ** 3, 2.0))          # 12
print(second_derivative(lambda x: x ** 3, 2.0))   # 12
for t in np.linspace(0, 3, 4):
    print(t, apple_acceleration(t))

# %%
ts = np.linspace(-2, 2, 50)
plt.plot(ts, [derivative(tf.sin, t) for t in ts])
plt.title("d/dx sin(x)")
plt.show()

if __name__ == "__main__":
    assert abs(apple_acceleration() - 9.8) < 1e-6
