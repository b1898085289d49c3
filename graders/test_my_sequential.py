"""Grader for exercise 2, my_sequential: a Keras model that chains layers.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `MySequential(list_layers)` with a Python list of Keras layers: built-in Dense layers (test_output_shape,
  test_weights_tracked), the grader's own from-scratch layers (test_custom_layers), and other built-in kinds
  (Flatten, Activation, Softmax): test_output_shape passes Flatten.
- `model(x)` on float32 NumPy arrays of rank 2, a batch of one among them, and of rank 3 ahead of a Flatten
  layer: test_output_shape; on tensors inside a GradientTape (Keras turns NumPy inputs into tensors before
  `call`, so `call` sees the same kind).
- Compiled and trained with `fit` (graph tensors, `training` passed when `call` accepts it):
  test_weights_tracked.
"""

import ast

import keras
import numpy as np
import tensorflow as tf

from tfgrade.grading import assert_close, case, expect, fail, probe
from tfgrade.grading.compare import max_errors
from tfgrade.grading.probes import StudentRaised

POSITION = 2
EXPECTED_NAMES = ("MySequential",)
MISTAKES = ("init-typo", "not-chained", "reversed-order", "layers-not-tracked", "indentation", "stub-unchanged")


def grader_dense(units):
    """A layer written from scratch (like SimpleDense), defined by the grader. The class is made on first use,
    so that loading this grader imports no TensorFlow (the student's self-check compares numbers only)."""

    class GraderDense(keras.layers.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.width = units

        def build(self, input_shape):
            self.kernel = self.add_weight(shape=(input_shape[-1], self.width), initializer="random_normal")

        def call(self, inputs):
            return tf.matmul(inputs, self.kernel)

    return GraderDense(units)


def _square_layers(weights):
    return [keras.layers.Dense(w.shape[1], activation="tanh") for w, _ in weights]


# ---- probes --------------------------------------------------------------------------------

def _in_dims(layers):
    """The input size each layer was built for, None for a layer never called."""
    return [int(layer.kernel.shape[0]) if layer.built else None for layer in layers]


@probe
def shapes_and_weights(mod, x, units, custom=False):
    layers = [grader_dense(u) if custom else keras.layers.Dense(u) for u in units]
    model = mod.MySequential(layers)
    out = model(x)
    return {"shape": list(out.shape), "n_trainable": len(model.trainable_weights), "n_tracked": len(model.layers),
            "in_dims": _in_dims(layers)}


@probe
def flattened_shape(mod, x, units):
    """MySequential([Flatten(), Dense(units)]) on inputs of rank 3: the output shape."""
    flatten = keras.layers.Flatten()
    return list(mod.MySequential([flatten, keras.layers.Dense(units)])(x).shape)


@probe
def fit_once(mod, x, y, units):
    """One epoch of fit on MySequential([Dense(units)]): which trainable weights changed."""
    model = mod.MySequential([keras.layers.Dense(units)])
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
    model(x)
    before = [w.numpy() for w in model.trainable_weights]
    model.fit(x, y, batch_size=len(x), epochs=1, verbose=0)
    return {"changed": [bool(np.any(w.numpy() != w0)) for w, w0 in zip(model.trainable_weights, before,
                                                                         strict=True)]}


@probe
def kept_layers(mod):
    first, second = [keras.layers.Dense(2) for _ in range(3)], [keras.layers.Dense(2) for _ in range(2)]
    models = [mod.MySequential(first), mod.MySequential(second)]
    held = [getattr(model, "list_layers", None) for model in models]
    held = [None if h is None else list(h) for h in held]
    return {"n_list": [-1 if h is None else len(h) for h in held],
            "shared": held[1] is not None and any(a is b for a in held[1] for b in first)}


@probe
def chained_output(mod, x, weights):
    layers = _square_layers(weights)
    model = mod.MySequential(layers)
    model(x)
    for layer, (W, b) in zip(layers, weights, strict=True):
        layer.set_weights([W, b])
    return model(x)


@probe
def chained_gradients(mod, x, weights):
    layers = _square_layers(weights)
    model = mod.MySequential(layers)
    model(x)
    for layer, (W, b) in zip(layers, weights, strict=True):
        layer.set_weights([W, b])
    with tf.GradientTape() as tape:
        out = model(x)
        loss = tf.reduce_sum(out ** 2)
    return {"grads": tape.gradient(loss, [layer.kernel for layer in layers]), "output": out}


@probe
def trained(mod, x, y, steps):
    layers = [keras.layers.Dense(8, activation="relu"), grader_dense(1)]
    model = mod.MySequential(layers)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", steps_per_execution=steps)
    model(x)
    weights = lambda: [layers[0].kernel.numpy(), layers[0].bias.numpy(), layers[1].kernel.numpy()]  # noqa: E731
    before = weights()
    model.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(len(x)).repeat(steps), epochs=1, verbose=0)
    return {"n_trainable": len(model.trainable_weights), "n_tracked": len(model.layers),
            "in_dims": _in_dims(layers), "before": before, "after": weights()}


@probe
def mixed_layers(mod, x):
    model = mod.MySequential([keras.layers.Flatten(), keras.layers.Dense(6), keras.layers.Activation("relu"),
                              keras.layers.Dense(3), keras.layers.Softmax()])
    out = model(x)
    return {"shape": list(out.shape), "row_sums": tf.reduce_sum(out, axis=-1), "n_trainable":
            len(model.trainable_weights), "n_tracked": len(model.layers)}


# ---- helpers: name the mistake (trusted process) ------------------------------------------

def _data(shape, seed):
    return np.random.default_rng(seed).normal(size=shape).astype(np.float32)


def _return_in_loop(text, method="call"):
    """(line of a `return`, line of the loop it sits in) for a `return` inside a loop of `method`, at any depth
    (in an `if`, a `with`, a `try`); None when there is none."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and function.name == method:
            for loop in ast.walk(function):
                if isinstance(loop, (ast.For, ast.While)):
                    returns = [n for statement in loop.body for n in ast.walk(statement) if isinstance(n, ast.Return)]
                    if returns:
                        return returns[0].lineno, loop.lineno
    return None


def _never_called(never, count, source):
    """Hint ids and a sentence when layers after the first were never called."""
    found = _return_in_loop(source.text) if source is not None and never and "1" not in never else None
    if found is None:
        return [], f": layer {', '.join(never)} of {count} was never called."
    return ["indentation"], (f": layer {', '.join(never)} of {count} was never called. Line {found[0]}: this "
                             f"`return` sits inside the loop that starts at line {found[1]}, so `call` returns "
                             "after the first layer; dedent it below the loop.")


def _wiring(in_dims, x_dim, units, source=None):
    """Hint ids and a sentence from the input size each layer was built for (x_dim and units all distinct)."""
    if in_dims == [x_dim, *units[:-1]]:
        return [], ""
    never = [str(i + 1) for i, d in enumerate(in_dims) if d is None]
    if never:
        return _never_called(never, len(in_dims), source)
    if in_dims == [x_dim] * len(units):
        return ["not-chained"], f": every layer received the raw inputs (size {x_dim})."
    if in_dims == [*units[1:], x_dim]:
        return ["reversed-order"], (": the last layer received the raw inputs and each other layer the output of "
                                    "the layer after it, so the layers ran last to first.")
    return [], ""


def _untracked(got, n_layers):
    """Hint ids when Keras does not see the layers (model.layers misses some)."""
    return ["layers-not-tracked"] if got["n_tracked"] < n_layers else []


def _check_not_shared(got):
    if got["shared"]:
        fail("a second MySequential's list_layers also holds the layers of the first one: `list_layers` is shared "
             "by every model (a class attribute or a global list), and Keras does not track it; give each model its "
             "own copy, assigned to `self.list_layers` in `__init__`", "layers-not-tracked")


def _run_model(student, probe, **kwargs):
    """student.run(probe); a crash caused by layers shared between models fails with its hint."""
    try:
        return student.run(probe, **kwargs)
    except StudentRaised:
        try:
            kept = student.run(kept_layers)
        except StudentRaised:
            kept = {"shared": False}
        _check_not_shared(kept)
        raise


# MySequential([Flatten(), Dense(2)]) on (3, 2, 4): the output shapes of known wrong wirings.
FLATTENED_WRONG = {(3, 2, 2): ("not-chained", ": Dense(2) received the raw inputs, not Flatten's output"),
                   (3, 4): ("reversed-order", ": Flatten ran last, so the layers ran last to first")}


# ---- cases ---------------------------------------------------------------------------------

@case("output has the last layer's shape", points=1)
def test_output_shape(student, source):
    for shape in ((3, 5), (1, 5)):
        got = _run_model(student, shapes_and_weights, x=_data(shape, 1), units=[4, 2])
        hints, why = _wiring(got["in_dims"], 5, [4, 2], source)
        expect(got["shape"] == [shape[0], 2], f"MySequential([Dense(4), Dense(2)]) on x of shape {shape}: expected "
               f"output shape ({shape[0]}, 2), got {tuple(got['shape'])}{why}", *hints)
    got = _run_model(student, flattened_shape, x=_data((3, 2, 4), 3), units=2)
    hint, why = FLATTENED_WRONG.get(tuple(got), (None, ""))
    expect(got == [3, 2], "MySequential([Flatten(), Dense(2)]) on x of shape (3, 2, 4): expected output shape "
           f"(3, 2), got {tuple(got)}{why}", *([hint] if hint else []))


@case("every layer's weights are tracked and trained by fit", points=1)
def test_weights_tracked(student, source):
    got = _run_model(student, shapes_and_weights, x=_data((3, 5), 1), units=[4, 2])
    hints, why = _wiring(got["in_dims"], 5, [4, 2], source)
    expect(got["n_trainable"] == 4, f"model.trainable_weights should hold 4 weights (2 Dense layers), "
           f"got {got['n_trainable']}" + (f"; model.layers holds {got['n_tracked']} of the 2 layers"
                                          if _untracked(got, 2) else why), *(_untracked(got, 2) or hints))
    x = _data((8, 5), 5)
    changed = _run_model(student, fit_once, x=x, y=x[:, :2] * 2, units=2)["changed"]
    expect(changed and all(changed), f"MySequential([Dense(2)]): one epoch of model.fit changed {sum(changed)} of "
           f"{len(changed)} trainable weights; expected the kernel and the bias to change",
           *([] if changed else ["layers-not-tracked"]))


@case("works with layers written from scratch", points=1)
def test_custom_layers(student, source):
    got = _run_model(student, shapes_and_weights, x=_data((3, 5), 2), units=[4, 2], custom=True)
    hints, why = _wiring(got["in_dims"], 5, [4, 2], source)
    expect(got["shape"] == [3, 2], f"with two custom layers: expected output shape (3, 2), got "
           f"{tuple(got['shape'])}{why}", *hints)
    expect(got["n_trainable"] == 2, f"with two custom layers: expected 2 trainable weights, got {got['n_trainable']}"
           + (f"; model.layers holds {got['n_tracked']} of the 2 layers" if _untracked(got, 2) else why),
           *(_untracked(got, 2) or hints))


@case("keeps the layers in self.list_layers", points=1, hidden=True)
def test_list_layers(student):
    got = student.run(kept_layers)
    _check_not_shared(got)
    n_list = got["n_list"][0]
    expect(n_list == 3, "model.list_layers should hold the 3 layers it was given"
           + (" (no attribute list_layers)" if n_list == -1 else f", it holds {n_list}"))


def _weights(seed):
    generator = np.random.default_rng(seed)
    return [(generator.normal(size=(4, 4)).astype(np.float32), generator.normal(size=4).astype(np.float32))
            for _ in range(3)]


def _explain(got, x, weights, source):
    """Hint ids for outputs of 3 Dense(4, tanh) layers that match a known wrong wiring."""
    def layer(v, W, b):
        return np.tanh(v @ W + b)

    forward_reversed = x
    for W, b in reversed(weights):
        forward_reversed = layer(forward_reversed, W, b)
    wrong = {"reversed-order": forward_reversed, "not-chained": layer(x, *weights[-1])}
    if _return_in_loop(source.text):  # only the first layer ran: `call` returned from inside its loop
        wrong["indentation"] = layer(x, *weights[0])
    got = np.asarray(got, np.float64)
    return [h for h, v in wrong.items() if got.shape == v.shape and max_errors(got, v)[0] < 1e-4]


@case("applies the layers in order, each to the previous output", points=2, hidden=True, needs=test_output_shape)
def test_values(student, reference, source):
    for seed, shape in ((4, (5, 4)), (5, (1, 4))):
        x, weights = _data(shape, seed), _weights(seed)
        got = _run_model(student, chained_output, x=x, weights=weights)
        expected = reference.run(chained_output, x=x, weights=weights)
        assert_close(got, expected, rtol=1e-5, atol=1e-5, what=f"model(x) for 3 Dense(4, tanh) layers, x {shape}",
                     hints=_explain(got, x.astype(np.float64), weights, source))


@case("gradients flow through every layer", points=1, hidden=True, needs=test_weights_tracked)
def test_gradients(student, reference, source):
    x, weights = _data((6, 4), 6), _weights(6)
    got = _run_model(student, chained_gradients, x=x, weights=weights)
    expected = reference.run(chained_gradients, x=x, weights=weights)
    hints = _explain(got["output"], x.astype(np.float64), weights, source)
    for index, (g, e) in enumerate(zip(got["grads"], expected["grads"], strict=True)):
        if g is None:
            fail(f"the gradient for layer {index + 1}'s kernel is None: the layer is not on the path "
                 "from inputs to outputs", *hints)
        assert_close(g, e, rtol=1e-4, atol=1e-5, what=f"d loss / d kernel of layer {index + 1}", hints=hints)


@case("trains with fit", points=2, hidden=True, needs=test_weights_tracked)
def test_trains_with_fit(student, reference, source):
    generator = np.random.default_rng(8)
    x = generator.normal(size=(64, 3)).astype(np.float32)
    y = (np.sin(x[:, :1]) + x[:, 1:2]).astype(np.float32)
    got = _run_model(student, trained, x=x, y=y, steps=100)
    expected = reference.run(trained, x=x, y=y, steps=100)
    expect(got["n_trainable"] == 3, f"the model has {got['n_trainable']} trainable weights; expected 3 "
           f"(Dense(8) and a custom layer)", *_untracked(got, 2))
    hints, why = _wiring(got["in_dims"], 3, [8, 1], source)
    # decided here from the raw weights, never from flags or losses the sandbox computed
    changed = [not np.array_equal(np.asarray(a), np.asarray(b)) for a, b in zip(got["after"], got["before"],
                                                                                 strict=True)]
    expect(all(changed), f"fit changed {sum(changed)} of the 3 weights (Dense kernel and bias, custom kernel); "
           f"expected all 3 to change{why}", *hints)
    expect(not hints, f"fit trained the layers, but not chained first to last{why}", *hints)
    loss, target = _mse(got["after"], x, y), _mse(expected["after"], x, y)
    limit = 1.5 * target + 1e-3
    expect(loss <= limit, f"after 100 SGD steps the loss is {loss:.4g}; the reference reaches {target:.4g} "
           f"(allowed up to {limit:.4g}){why}", *hints)


def _mse(weights, x, y):
    """MSE of relu(x @ K1 + b1) @ K2 against y, computed in the trusted process."""
    K1, b1, K2 = (np.asarray(w, np.float64) for w in weights)
    if K1.shape != (x.shape[1], 8) or K2.shape != (8, 1):  # the layers were built for other inputs
        return float("inf")
    return float(np.mean((np.maximum(x.astype(np.float64) @ K1 + b1, 0) @ K2 - y) ** 2))


@case("works with built-in layers of several kinds", points=1, hidden=True, needs=test_output_shape)
def test_mixed_layers(student):
    got = _run_model(student, mixed_layers, x=_data((4, 2, 3), 9))
    wrong = {(4, 2, 3): ("not-chained", ": the last layer (Softmax) received the raw inputs"),
             (4, 12): ("reversed-order", ": Flatten ran last, so the layers ran last to first")}
    hint, why = wrong.get(tuple(got["shape"]), (None, ""))
    expect(got["shape"] == [4, 3], f"Flatten -> Dense(6) -> relu -> Dense(3) -> Softmax on (4, 2, 3): expected "
           f"shape (4, 3), got {tuple(got['shape'])}{why}", *([hint] if hint else []))
    assert_close(got["row_sums"], np.ones(4, np.float32), rtol=0, atol=1e-5, what="softmax rows sum to 1")
    expect(got["n_trainable"] == 4, f"expected 4 trainable weights, got {got['n_trainable']}", *_untracked(got, 5))
