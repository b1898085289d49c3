"""Grader for exercise 1, simple_dense: a Keras layer from scratch."""

import keras
import numpy as np
import tensorflow as tf

from tfgrade.grading import assert_close, case, expect, fail
from tfgrade.grading.compare import max_errors
from tfgrade.grading.static import uses_name

POSITION = 1
EXPECTED_NAMES = ("SimpleDense",)
ACTIVATIONS = {"relu": tf.nn.relu, "tanh": tf.math.tanh, "sigmoid": tf.math.sigmoid, None: None}
NP_ACTIVATIONS = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
                  "sigmoid": lambda z: 1 / (1 + np.exp(-z)), None: lambda z: z}


def _data(shape, seed):
    return np.random.default_rng(seed).normal(size=shape).astype(np.float32)


# ---- probes: run on the student's module in the sandbox, and on the reference -------------

def built_weights(mod, units, input_dim):
    layer = mod.SimpleDense(units)
    before = len(layer.weights)
    layer(np.zeros((2, input_dim), np.float32))
    shape = lambda name: list(getattr(layer, name).shape) if hasattr(layer, name) else None  # noqa: E731
    return {"before_build": before, "W": shape("W"), "b": shape("b"),
            "trainable": [list(w.shape) for w in layer.trainable_weights]}


def output_of(mod, units, x, activation=None, W=None, b=None):
    layer = mod.SimpleDense(units, activation=ACTIVATIONS[activation])
    if W is None:
        return layer(x)
    layer(x)
    layer.W.assign(W)
    layer.b.assign(b)
    return layer(x)


def initial_weights(mod, units, input_dim):
    layer = mod.SimpleDense(units)
    layer(np.zeros((1, input_dim), np.float32))
    return {"W": layer.W, "b": layer.b}


def gradients_of(mod, x, W, b, activation):
    layer = mod.SimpleDense(W.shape[1], activation=ACTIVATIONS[activation])
    layer(x)
    layer.W.assign(W)
    layer.b.assign(b)
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(layer(x) ** 2)
    grads = tape.gradient(loss, [layer.W, layer.b, x])
    return {name: (None if g is None else g) for name, g in zip(("W", "b", "x"), grads)}


def in_sequential(mod, x, y, steps):
    model = keras.Sequential([keras.Input((x.shape[1],)), mod.SimpleDense(8, activation=tf.nn.relu),
                              mod.SimpleDense(1)])
    out = model(x)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", steps_per_execution=steps)
    before = [w.numpy() for w in model.trainable_weights]
    loss_before = float(model.evaluate(x, y, verbose=0))
    data = tf.data.Dataset.from_tensor_slices((x, y)).batch(len(x)).repeat(steps)
    model.fit(data, epochs=1, verbose=0)
    changed = [bool(np.any(w.numpy() != w0)) for w, w0 in zip(model.trainable_weights, before)]
    return {"shape": list(out.shape), "n_trainable": len(model.trainable_weights), "changed": changed,
            "loss_before": loss_before, "loss_after": float(model.evaluate(x, y, verbose=0))}


# ---- cases: decided here, in the trusted process -------------------------------------------

@case("weights are created in build with the right shapes", points=1)
def test_weight_shapes(student):
    got = student.run(built_weights, units=3, input_dim=5)
    expect(got["before_build"] == 0, "the layer already has weights before it has seen an input",
           "weights-in-init")
    if got["W"] is None or got["b"] is None:
        fail("after the layer is called, it has no `self.W` or `self.b` attribute", "missing-name")
    if got["W"] == [3, 5]:
        fail("W has shape (units, input_dim) = (3, 5); expected (input_dim, units) = (5, 3)", "transposed-weights")
    expect(got["W"] == [5, 3], f"W: expected shape (5, 3) for input_dim=5, units=3, got {tuple(got['W'])}",
           "weights-in-init")
    expect(got["b"] == [3], f"b: expected shape (3,), got {tuple(got['b'])}", "bias-shape")


@case("output has shape (batch, units)", points=1)
def test_output_shape(student):
    for shape, units in (((4, 3), 2), ((7, 5), 6)):
        got = student.run(output_of, units=units, x=_data(shape, 1))
        expect(np.shape(got) == (shape[0], units),
               f"layer(x) for x of shape {shape} with units={units}: expected shape {(shape[0], units)}, "
               f"got {np.shape(got)}")


@case("exactly two trainable weights, tracked by Keras", points=1)
def test_trainable_weights(student):
    got = student.run(built_weights, units=3, input_dim=5)
    shapes = sorted(tuple(s) for s in got["trainable"])
    expect(len(shapes) > 0, "layer.trainable_weights is empty: Keras does not track W and b",
           "untracked-weights")
    expect(shapes == [(3,), (5, 3)], f"layer.trainable_weights: expected shapes (5, 3) and (3,), got {shapes}")


@case("initial weights: W random normal (std 0.05), b zeros", points=1, hidden=True, needs="test_weight_shapes")
def test_initializers(student):
    got = student.run(initial_weights, units=400, input_dim=250)
    W, b = np.asarray(got["W"]), np.asarray(got["b"])
    expect(np.any(W != 0), "W starts at all zeros", "zero-init-weights")
    mean, std = float(W.mean()), float(W.std())
    expect(abs(mean) < 0.002 and abs(std - 0.05) < 0.003,
           f"W's values: expected mean 0 and std 0.05 (random_normal), got mean {mean:.4f}, std {std:.4f}")
    expect(np.all(b == 0), f"b should start at zeros; max |b| is {np.abs(b).max():.3g}")


def _explain_values(got, x, W, b, activation):
    """Hint ids for outputs that match a known wrong formula."""
    act = NP_ACTIVATIONS[activation]
    wrong = {"no-bias": act(x @ W), "activation-before-bias": act(x @ W) + b}
    if activation is not None:
        wrong["activation-ignored"] = x @ W + b
    if x.shape[-1] == W.shape[1]:
        wrong["elementwise-not-matmul"] = act(x * W[0] + b)
    got = np.asarray(got, np.float64)
    return [h for h, v in wrong.items() if np.shape(v) == got.shape and max_errors(got, v)[0] < 1e-4]


def _check_values(student, reference, shapes, activation):
    rng = np.random.default_rng(7)
    for shape in shapes:
        units = 3
        x = _data(shape, sum(shape))
        W = rng.normal(size=(shape[-1], units)).astype(np.float32)
        b = rng.normal(size=(units,)).astype(np.float32)
        got = student.run(output_of, units=units, x=x, activation=activation, W=W, b=b)
        expected = reference.run(output_of, units=units, x=x, activation=activation, W=W, b=b)
        assert_close(got, expected, rtol=1e-5, atol=1e-5,
                     what=f"layer(x) for x of shape {shape}, activation={activation}",
                     hints=_explain_values(got, x.astype(np.float64), W, b, activation))


@case("outputs match the reference (no activation)", points=1, hidden=True, needs="test_weight_shapes")
def test_values_linear(student, reference):
    _check_values(student, reference, [(5, 4), (6, 3)], None)


@case("outputs match the reference (relu, tanh)", points=1, hidden=True, needs="test_weight_shapes")
def test_values_activation(student, reference):
    _check_values(student, reference, [(5, 4)], "relu")
    _check_values(student, reference, [(4, 3)], "tanh")


@case("batch of one and rank-3 inputs", points=1, hidden=True, needs="test_weight_shapes")
def test_values_shapes(student, reference):
    _check_values(student, reference, [(1, 4), (2, 5, 4)], "sigmoid")


@case("gradients match the reference", points=1, hidden=True, needs="test_weight_shapes")
def test_gradients(student, reference):
    rng = np.random.default_rng(11)
    x, W, b = _data((6, 4), 3), rng.normal(size=(4, 3)).astype(np.float32), rng.normal(size=3).astype(np.float32)
    got = student.run(gradients_of, x=x, W=W, b=b, activation="tanh")
    expected = reference.run(gradients_of, x=x, W=W, b=b, activation="tanh")
    for name in ("W", "b", "x"):
        expect(got[name] is not None, f"the gradient with respect to {name} is None", "untracked-weights")
        assert_close(got[name], expected[name], rtol=1e-4, atol=1e-5,
                     what=f"d loss / d {name} for loss = sum(layer(x)**2)")


@case("works inside keras.Sequential and trains with fit", points=1, hidden=True, needs="test_trainable_weights")
def test_sequential_fit(student, reference):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(64, 3)).astype(np.float32)
    y = (x @ np.array([[1.0], [-2.0], [0.5]]) + 0.3).astype(np.float32)
    got = student.run(in_sequential, x=x, y=y, steps=100)
    expected = reference.run(in_sequential, x=x, y=y, steps=100)
    expect(got["shape"] == [64, 1], f"Sequential output: expected shape (64, 1), got {tuple(got['shape'])}")
    expect(got["n_trainable"] == 4, f"the model should have 4 trainable weights, got {got['n_trainable']}",
           "untracked-weights")
    expect(all(got["changed"]), "fit did not change every weight", "untracked-weights")
    expect(got["loss_after"] <= 2 * expected["loss_after"] + 1e-3,
           f"after 100 SGD steps the loss is {got['loss_after']:.4g}; the reference reaches "
           f"{expected['loss_after']:.4g} (allowed up to {2 * expected['loss_after'] + 1e-3:.4g})")


@case("implements the layer itself (no keras.layers.Dense)", points=1, hidden=True, needs="test_output_shape")
def test_no_builtin_dense(source):
    lines = uses_name(source.text, "Dense")
    expect(not lines, f"{source.display} uses Dense on line(s) {', '.join(map(str, lines))}", "uses-builtin-dense")
