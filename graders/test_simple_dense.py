"""Grader for exercise 1, simple_dense: a Keras layer from scratch.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `SimpleDense(units)` and `SimpleDense(units, activation=None)`: test_weight_shapes, test_output_shape.
- `SimpleDense(units, activation=<a TensorFlow function>)` (tf.nn.relu, tf.math.tanh, tf.math.sigmoid):
  test_rank3_activation_sequential passes tf.nn.relu.
- `build(input_shape)` called directly with a tuple (batch, input_dim): test_weight_shapes.
- `layer(x)` on float32 NumPy arrays of rank 2, a batch of one among them: test_output_shape; of rank 3
  (batch, time, features): test_rank3_activation_sequential; on a watched tf.constant under a GradientTape
  (Keras turns both into tensors before `call`): test_output_shape's NumPy arrays.
- Weights set with `layer.W.assign(...)` / `layer.b.assign(...)`: the attributes test_weight_shapes checks.
- Inside `keras.Sequential([keras.Input(...), SimpleDense(...), ...])`, compiled and trained with `fit` (symbolic
  and graph tensors): test_rank3_activation_sequential.
"""

import ast
import re

import keras
import numpy as np
import tensorflow as tf

from tfgrade.grading import assert_close, case, expect, fail, probe
from tfgrade.grading.compare import max_errors
from tfgrade.grading.probes import StudentRaised
from tfgrade.grading.static import static_hints, uses_name

POSITION = 1
EXPECTED_NAMES = ("SimpleDense",)
MISTAKES = ("init-typo", "weights-in-init", "transposed-weights", "bias-shape", "no-bias",
            "activation-ignored", "activation-before-bias", "zero-init-weights", "elementwise-not-matmul",
            "untracked-weights", "uses-builtin-dense", "input-shape-last-axis", "syntax-error", "indentation",
            "method-outside-class", "import-error", "typo-api", "missing-name", "stub-unchanged")


def tf_activation(name):
    """The TensorFlow function passed as `activation=` (a function, not its name), None for none."""
    return {"relu": tf.nn.relu, "tanh": tf.math.tanh, "sigmoid": tf.math.sigmoid}.get(name)


NP_ACTIVATIONS = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
                  "sigmoid": lambda z: 1 / (1 + np.exp(-z)), None: lambda z: z}


def _data(shape, seed):
    return np.random.default_rng(seed).normal(size=shape).astype(np.float32)


# ---- probes: run on the student's module in the sandbox, and on the reference -------------

def _defines(layer, method):
    """Whether the student's class itself (not a Keras/TF base class) defines `method`."""
    return any(method in vars(k) for k in type(layer).__mro__
               if k.__module__.split(".")[0] not in ("keras", "tensorflow", "tf_keras", "builtins"))


def _build(layer, input_shape):
    """What layer(x) does before calling `call`; the forward pass is graded by other cases."""
    getattr(layer, "_check_super_called", lambda: None)()  # Keras's "you forgot super().__init__()" message
    layer.build(input_shape)


@probe
def built_weights(mod, units, input_dim, leading=()):
    layer = mod.SimpleDense(units)
    before = len(layer.weights)
    _build(layer, (2, *leading, input_dim))
    shape = lambda name: list(getattr(layer, name).shape) if hasattr(layer, name) else None  # noqa: E731
    return {"before_build": before, "W": shape("W"), "b": shape("b"), "has_build": _defines(layer, "build"),
            "trainable": [list(w.shape) for w in layer.trainable_weights]}


@probe
def output_of(mod, units, x, activation=None, W=None, b=None):
    layer = mod.SimpleDense(units, activation=tf_activation(activation))
    if W is None:
        return layer(x)
    layer(x)
    layer.W.assign(W)
    layer.b.assign(b)
    return layer(x)


@probe
def initial_weights(mod, units, input_dim):
    layer = mod.SimpleDense(units)
    _build(layer, (1, input_dim))
    return {"W": layer.W, "b": layer.b}


@probe
def gradients_of(mod, x, W, b, activation):
    layer = mod.SimpleDense(W.shape[1], activation=tf_activation(activation))
    layer(x)
    layer.W.assign(W)
    layer.b.assign(b)
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(layer(x) ** 2)
    grads = tape.gradient(loss, [layer.W, layer.b, x])
    return {name: (None if g is None else g) for name, g in zip(("W", "b", "x"), grads, strict=True)}


@probe
def in_sequential(mod, x, y, steps, start):
    model = keras.Sequential([keras.Input((x.shape[1],)), mod.SimpleDense(8, activation=tf.nn.relu),
                              mod.SimpleDense(1)])
    out = model(x)
    for layer, (W, b) in zip(model.layers, start, strict=True):  # the same start as the reference's
        layer.W.assign(W)
        layer.b.assign(b)
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", steps_per_execution=steps)
    before = [w.numpy() for w in model.trainable_weights]
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x) - y) ** 2)
    no_gradient = [g is None for g in tape.gradient(loss, model.trainable_weights)]
    loss_before = float(model.evaluate(x, y, verbose=0))
    data = tf.data.Dataset.from_tensor_slices((x, y)).batch(len(x)).repeat(steps)
    model.fit(data, epochs=1, verbose=0)
    changed = [bool(np.any(w.numpy() != w0)) for w, w0 in zip(model.trainable_weights, before, strict=True)]
    return {"shape": list(out.shape), "n_trainable": len(model.trainable_weights), "changed": changed,
            "no_gradient": no_gradient, "ndim": [w0.ndim for w0 in before], "loss_before": loss_before,
            "after": [[layer.W, layer.b] for layer in model.layers]}


@probe
def sequential_smoke(mod, x, y, start):
    """Two SimpleDense layers in keras.Sequential, from the `start` weights: the output shape of predict (graph
    mode), and which trainable weights one epoch of fit changed."""
    model = keras.Sequential([keras.Input((x.shape[1],)), mod.SimpleDense(4, activation=tf.nn.relu),
                              mod.SimpleDense(1)])
    for layer, (W, b) in zip(model.layers, start, strict=True):
        layer.W.assign(W)
        layer.b.assign(b)
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    before = [w.numpy() for w in model.trainable_weights]
    model.fit(x, y, batch_size=len(x), epochs=1, verbose=0)
    changed = [bool(np.any(w.numpy() != w0)) for w, w0 in zip(model.trainable_weights, before, strict=True)]
    return {"shape": list(model.predict(x, verbose=0).shape), "ndim": [w0.ndim for w0 in before],
            "changed": changed}


# ---- helpers: explain a wrong or crashing layer (trusted process) ---------------------------

def _elementwise(x, W, b, activation=None):
    """What `activation(inputs * W + b)` gives, or None when x and W do not broadcast."""
    try:
        np.broadcast_shapes(x.shape, W.shape)
    except ValueError:
        return None
    return NP_ACTIVATIONS[activation](x * W + b)


def _short_error(reply):
    """`Type: message (line n)` of an exception from the student's code, without Keras/TF decorations."""
    message = re.sub(r"\x1b\[[0-9;]*m|\{\{function_node [^}]*\}\}\s*", "", str(reply.get("message", "")))
    message = message.split("Arguments received by")[0].rsplit("Error encountered:", 1)[-1]
    lines = [line.strip() for line in message.splitlines()
             if line.strip() and not line.startswith("Exception encountered when calling")]
    frames = reply.get("frames") or []
    where = f" (line {frames[-1].get('line')})" if frames else ""
    text = re.sub(r"(\s*name:)?[\s.]*$", "", " ".join(lines))
    return f"{reply.get('type', 'Error')}: {text}{where}"


def _outside_methods(source):
    """Names of the class's methods that the source defines at module level instead (static check)."""
    try:
        tree = ast.parse(source.text)
    except SyntaxError:
        return set()
    if not any(h == "method-outside-class" for h, _ in static_hints(source.text)):
        return set()
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in ("build", "call")}


def _missing_method_hints(source):
    """A method Keras needs is not in the class: methods written at module level are named by the engine,
    a class that delegates to keras.layers.Dense gets its own hint, anything else is a missing name."""
    if _outside_methods(source):
        return []
    return ["uses-builtin-dense"] if uses_name(source.text, "Dense") else ["missing-name"]


def _not_implemented(source, reply):
    """(hint ids, sentence) for NotImplementedError: Keras's own (no method in the class), or a stub method
    left in the class while the student's version sits outside it; ([], "") for an unfinished stub."""
    frames = reply.get("frames") or []
    if not frames:
        return _missing_method_hints(source), ("`SimpleDense` has no `call` method of its own, so Keras's "
                                               "`Layer.call` raised; define `call` inside the class.")
    method = frames[-1].get("function")
    if method in _outside_methods(source):
        return ["method-outside-class"], (f"The class's own `{method}` still raises NotImplementedError, and the "
                                          f"`{method}` you wrote sits outside the class, at module level: replace "
                                          "the class's one with yours, indented into the class body.")
    return [], ""


def _rank3_build(student, x_shape):
    """(hint ids, sentence) when `build` cannot take an input shape of rank 3 or more (it needs input_shape[-1])."""
    shape = (2, *x_shape[1:])
    try:
        got = student.run(built_weights, units=3, input_dim=x_shape[-1], leading=list(x_shape[1:-1]))
    except StudentRaised:
        return ["input-shape-last-axis"], (f"`build` fails for an input_shape of rank 3, {shape}: take the input "
                                           "size from the last axis, `input_shape[-1]`, whatever the input's rank.")
    if got["W"] and got["W"][0] != x_shape[-1]:
        return ["input-shape-last-axis"], (f"For input_shape {shape}, W has shape {tuple(got['W'])}: its first axis "
                                           f"must be the input size {x_shape[-1]}, `input_shape[-1]` (the last axis).")
    return [], ""


def _explain_crash(student, source, reply, x_shape=None):
    """(hint ids, sentence) for a layer whose forward pass (on inputs of `x_shape`) raised, from more probes."""
    if reply.get("type") == "NotImplementedError":
        return _not_implemented(source, reply)
    try:
        shapes = student.run(built_weights, units=3, input_dim=5)
    except StudentRaised:
        return [], ""
    if shapes["before_build"]:
        return ["weights-in-init"], (f"W has shape {tuple(shapes['W'] or ())} whatever the input: the weights "
                                     "are created in `__init__`; create them in `build` from `input_shape[-1]`.")
    if not shapes["has_build"]:
        return _missing_method_hints(source), "`SimpleDense` has no `build` method of its own to create W and b."
    if not shapes["trainable"]:
        return ["untracked-weights"], "W and b are not Keras weights: create them with `self.add_weight`."
    if shapes["W"] is None or shapes["b"] is None:
        only_w = shapes["W"] is not None and shapes["trainable"] == [[5, 3]]
        return (["no-bias"], "The layer has W but no bias `self.b`.") if only_w else (
            ["missing-name"], "After `build`, the layer has no `self.W` or no `self.b` attribute.")
    if shapes["W"] == [3, 5]:
        return ["transposed-weights"], ("W has shape (units, input_dim) = (3, 5) for input_dim=5, units=3; "
                                        "`inputs @ W` needs (input_dim, units).")
    if shapes["W"] == [5, 3] and shapes["b"] not in (None, [3]):
        return ["bias-shape"], f"b has shape {tuple(shapes['b'])} for units=3; it should be (units,) = (3,)."
    if x_shape is not None and len(x_shape) > 2:
        hints, why = _rank3_build(student, x_shape)
        if hints:
            return hints, why
    return _elementwise_crash(student)


def _elementwise_crash(student):
    """(hint ids, sentence) when the layer multiplies element by element (seen on a square input)."""
    rng = np.random.default_rng(3)
    x, W, b = (rng.normal(size=s).astype(np.float32) for s in ((3, 3), (3, 3), (3,)))
    try:
        got = student.run(output_of, units=3, x=x, W=W, b=b)
    except StudentRaised:
        return [], ""
    product = _elementwise(x.astype(np.float64), W, b)
    if np.shape(got) == product.shape and max_errors(np.asarray(got, np.float64), product)[0] < 1e-4:
        return ["elementwise-not-matmul"], ("On a square input, layer(x) equals `inputs * W + b`: `*` multiplies "
                                            "element by element; use a matrix product (`@`, `tf.matmul`).")
    return [], ""


def _run(student, source, probe, **kwargs):
    """student.run(probe); a crash with a known cause fails with its hint (else the engine reports it)."""
    try:
        return student.run(probe, **kwargs)
    except StudentRaised as raised:
        x = kwargs.get("x")
        hints, why = _explain_crash(student, source, raised.reply, None if x is None else np.shape(x))
        if not why:
            raise
        fail(f"your code raised {_short_error(raised.reply)}. {why}", *hints)


def _always_returns(body):
    last = body[-1] if body else None
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return _always_returns(last.body) and _always_returns(last.orelse)
    if isinstance(last, ast.With):
        return _always_returns(last.body)
    if isinstance(last, ast.Try):
        return _always_returns(last.finalbody) or (
            _always_returns(last.orelse or last.body) and all(_always_returns(h.body) for h in last.handlers))
    return False


def _returns_none(source, method="call"):
    """Hint ids and a sentence for a `method` that can end without a return: a `return` indented into a block."""
    try:
        tree = ast.parse(source.text)
    except SyntaxError:
        return [], ""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == method and not _always_returns(node.body):
            for block in node.body:
                if isinstance(block, (ast.If, ast.For, ast.While, ast.With, ast.Try)):
                    nested = [n for n in ast.walk(block) if isinstance(n, ast.Return) and n.value is not None]
                    if nested:
                        return ["indentation"], (
                            f"Line {nested[0].lineno}: this `return` is indented into the block that starts at "
                            f"line {block.lineno}, so when that block does not return, `{method}` ends without a "
                            f"`return` and gives None; dedent it to the level of the method body.")
    return [], f"`{method}` must end with `return ...`."


def _check_not_none(got, source, what):
    if got is None:
        hints, why = _returns_none(source)
        fail(f"{what} returned None. {why}", *hints)


# ---- cases: decided here, in the trusted process -------------------------------------------

@case("weights are created in build with the right shapes, and tracked by Keras", points=1)
def test_weight_shapes(student, source):
    got = _run(student, source, built_weights, units=3, input_dim=5)
    expect(got["before_build"] == 0, "the layer already has weights before it has seen an input",
           "weights-in-init")
    if not got["has_build"]:
        fail("`SimpleDense` has no `build` method of its own, so building it creates no weights",
             *_missing_method_hints(source))
    shapes = sorted(tuple(s) for s in got["trainable"])
    if got["W"] is not None and got["b"] is None and shapes == [(5, 3)]:
        fail("after the layer is built, it has W but no `self.b`: the layer needs a bias", "no-bias")
    if got["W"] is None or got["b"] is None:
        fail("after the layer is built, it has no `self.W` or `self.b` attribute", "missing-name")
    if got["W"] == [3, 5]:
        fail("W has shape (units, input_dim) = (3, 5); expected (input_dim, units) = (5, 3)", "transposed-weights")
    if got["W"] != [5, 3]:
        batch = got["W"][:1] == [2]  # build((2, 5)): the first axis of W is the batch size
        fail(f"W: expected shape (5, 3) for input_shape (2, 5) and units=3, got {tuple(got['W'])}"
             + (": its first axis is the batch size, input_shape[0]" if batch else ""),
             *(["input-shape-last-axis"] if batch else []))
    expect(got["b"] == [3], f"b: expected shape (3,), got {tuple(got['b'])}", "bias-shape")
    expect(shapes, "layer.trainable_weights is empty: Keras does not track W and b", "untracked-weights")
    expect(shapes == [(3,), (5, 3)], f"layer.trainable_weights: expected exactly W (5, 3) and b (3,), got {shapes}")


@case("output has shape (batch, units)", points=1)
def test_output_shape(student, source):
    for shape, units in (((4, 3), 2), ((7, 5), 6), ((1, 4), 3)):
        got = _run(student, source, output_of, units=units, x=_data(shape, 1))
        what = f"layer(x) for x of shape {shape} with units={units}"
        _check_not_none(got, source, what)
        expect(np.shape(got) == (shape[0], units), f"{what}: expected shape {(shape[0], units)}, got {np.shape(got)}")


@case("initial weights: W random normal (std 0.05), b zeros", points=1, hidden=True, needs=test_weight_shapes)
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
    wrong = {"no-bias": act(x @ W), "activation-before-bias": act(x @ W) + b,
             "elementwise-not-matmul": _elementwise(x, W, b, activation)}
    if activation is not None:
        wrong["activation-ignored"] = x @ W + b
    got = np.asarray(got, np.float64)
    return [h for h, v in wrong.items()
            if v is not None and np.shape(v) == got.shape and max_errors(got, v)[0] < 1e-4]


def _check_values(student, reference, source, shapes, activation):
    rng = np.random.default_rng(7)
    for shape in shapes:
        units = 3
        x = _data(shape, sum(shape))
        W = rng.normal(size=(shape[-1], units)).astype(np.float32)
        b = rng.normal(size=(units,)).astype(np.float32)
        got = _run(student, source, output_of, units=units, x=x, activation=activation, W=W, b=b)
        what = f"layer(x) for x of shape {shape}, activation={activation}"
        _check_not_none(got, source, what)
        expected = reference.run(output_of, units=units, x=x, activation=activation, W=W, b=b)
        assert_close(got, expected, rtol=1e-5, atol=1e-5, what=what,
                     hints=_explain_values(got, x.astype(np.float64), W, b, activation))


@case("outputs match the reference (no activation)", points=1, hidden=True, needs=test_weight_shapes)
def test_values_linear(student, reference, source):
    _check_values(student, reference, source, [(5, 4), (6, 3)], None)


@case("outputs match the reference (relu, tanh)", points=1, hidden=True, needs=test_weight_shapes)
def test_values_activation(student, reference, source):
    _check_values(student, reference, source, [(5, 4)], "relu")
    _check_values(student, reference, source, [(4, 3)], "tanh")


@case("batch of one and rank-3 inputs", points=1, hidden=True, needs=test_weight_shapes)
def test_values_shapes(student, reference, source):
    _check_values(student, reference, source, [(1, 4), (2, 5, 4)], "sigmoid")


@case("gradients match the reference", points=1, hidden=True, needs=test_weight_shapes)
def test_gradients(student, reference, source):
    rng = np.random.default_rng(11)
    x, W, b = _data((6, 4), 3), rng.normal(size=(4, 3)).astype(np.float32), rng.normal(size=3).astype(np.float32)
    got = _run(student, source, gradients_of, x=x, W=W, b=b, activation="tanh")
    expected = reference.run(gradients_of, x=x, W=W, b=b, activation="tanh")
    missing = [name for name in ("W", "b", "x") if got[name] is None]
    if missing == ["b"]:
        fail("the gradient with respect to b is None: the output does not depend on b (is the bias added?)",
             "no-bias")
    expect(not missing, f"the gradient with respect to {', '.join(missing)} is None: the output does not depend "
           "on it", *(["untracked-weights"] if "W" in missing else []))
    for name in ("W", "b", "x"):
        assert_close(got[name], expected[name], rtol=1e-4, atol=1e-5,
                     what=f"d loss / d {name} for loss = sum(layer(x)**2)")


def _unchanged_hints(got):
    """Hint ids for weights fit left unchanged because the output does not depend on them."""
    hints = [("no-bias" if ndim == 1 else "untracked-weights")
             for changed, no_gradient, ndim in zip(got["changed"], got["no_gradient"], got["ndim"], strict=True)
             if no_gradient and not changed]
    return list(dict.fromkeys(hints))


@case("works inside keras.Sequential and trains with fit", points=1, hidden=True,
      needs=test_weight_shapes)
def test_sequential_fit(student, reference, source):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(64, 3)).astype(np.float32)
    y = (x @ np.array([[1.0], [-2.0], [0.5]]) + 0.3).astype(np.float32)
    # Both models start from these weights, so the losses compare the training, not the random draws
    # (the initializers are graded on their own; a different draw can leave relu units dead).
    start = [(0.5 * rng.normal(size=(3, 8)), np.full(8, 0.1)), (0.5 * rng.normal(size=(8, 1)), np.zeros(1))]
    start = [[W.astype(np.float32), b.astype(np.float32)] for W, b in start]
    try:
        got = _run(student, source, in_sequential, x=x, y=y, steps=100, start=start)
    except StudentRaised as raised:
        hints, why = _returns_none(source)
        if not hints or "None" not in str(raised.reply.get("message", "")):
            raise
        fail(f"inside keras.Sequential: {_short_error(raised.reply)}. {why}", *hints)
    expected = reference.run(in_sequential, x=x, y=y, steps=100, start=start)
    expect(got["shape"] == [64, 1], f"Sequential output: expected shape (64, 1), got {tuple(got['shape'])}")
    expect(got["n_trainable"] == 4, f"the model should have 4 trainable weights, got {got['n_trainable']}",
           "untracked-weights")
    # decided here from the raw weights, never from flags or losses the sandbox computed
    moved = [not np.array_equal(np.asarray(w), s) for pair, begin in zip(got["after"], start, strict=True)
             for w, s in zip(pair, begin, strict=True)]
    expect(all(moved), f"fit did not change every weight (changed: {moved}, for W1, b1, W2, b2)",
           *_unchanged_hints(got))
    loss, target = _two_layer_mse(got["after"], x, y), _two_layer_mse(expected["after"], x, y)
    expect(loss <= 2 * target + 1e-3, f"after 100 SGD steps the loss is {loss:.4g}; the reference reaches "
           f"{target:.4g} (allowed up to {2 * target + 1e-3:.4g})")


def _two_layer_mse(weights, x, y):
    """MSE of relu(x @ W1 + b1) @ W2 + b2 against y, computed in the trusted process."""
    (W1, b1), (W2, b2) = ([np.asarray(v, np.float64) for v in pair] for pair in weights)
    hidden = np.maximum(x.astype(np.float64) @ W1 + b1, 0)
    return float(np.mean((hidden @ W2 + b2 - y) ** 2))


@case("implements the layer itself (no keras.layers.Dense)", points=1, hidden=True, needs=test_output_shape)
def test_no_builtin_dense(source):
    lines = uses_name(source.text, "Dense")
    expect(not lines, f"{source.display} uses Dense on line(s) {', '.join(map(str, lines))}", "uses-builtin-dense")


# Defined last, so it runs last: a layer that hangs or crashes on rank-3 inputs has already been graded
# on everything else (the hidden cases only add values to what this case shows).
@case("rank-3 inputs, an activation function, and keras.Sequential with fit", points=1)
def test_rank3_activation_sequential(student, source):
    x = _data((2, 5, 4), 2)
    got = _run(student, source, output_of, units=3, x=x)
    what = "layer(x) for x of shape (2, 5, 4) (batch, time, features) with units=3"
    _check_not_none(got, source, what)
    expect(np.shape(got) == (2, 5, 3), f"{what}: expected shape (2, 5, 3): the product is over the last axis; "
           f"got {np.shape(got)}")
    got = _run(student, source, output_of, units=2, x=_data((4, 3), 3), activation="relu")
    what = "SimpleDense(2, activation=tf.nn.relu)(x) for x of shape (4, 3)"
    _check_not_none(got, source, what)
    expect(np.shape(got) == (4, 2) and np.all(np.asarray(got) >= 0),
           f"{what}: expected shape (4, 2) with no negative value, got shape {np.shape(got)}",
           *(["activation-ignored"] if np.shape(got) == (4, 2) else []))
    x, start = _data((16, 5), 4), [[_data((5, 4), 5), np.full(4, 0.1, np.float32)], [_data((4, 1), 6), _data(1, 7)]]
    got = _run(student, source, sequential_smoke, x=x, y=x[:, :1] - x[:, 1:2], start=start)
    what = "keras.Sequential([keras.Input((5,)), SimpleDense(4, activation=tf.nn.relu), SimpleDense(1)])"
    expect(got["shape"] == [16, 1], f"{what}.predict(x) for x of shape (16, 5): expected shape (16, 1), got "
           f"{tuple(got['shape'])}")
    expect(len(got["changed"]) == 4 and all(got["changed"]), f"{what}: one epoch of fit should change all 4 "
           f"weights; {len(got['changed'])} trainable weights, changed: {got['changed']}", *_smoke_hints(got))


def _smoke_hints(got):
    """Hint ids for a Sequential of two layers whose fit did not train all four weights."""
    if not got["changed"]:
        return ["untracked-weights"]
    biases = [changed for changed, ndim in zip(got["changed"], got["ndim"], strict=True) if ndim == 1]
    return ["no-bias"] if not any(biases) else []
