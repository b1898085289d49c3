"""Grader for exercise 3, linear_classifier: a training step with GradientTape.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `make_dataset(num_samples_per_class=int, seed=int)`: as in test_dataset_layout.
- `predict(inputs, W, b)`: inputs a float32 tf.constant (n, 2) or a float32 NumPy array (n, 2) (what
  make_dataset returns, and so what training_step passes on); W a tf.Variable (2, 1), b a tf.Variable (1,)
  (what init_params returns): test_predict shows both kinds of inputs.
- `square_loss(targets, predictions)`: float32 tensors of shape (n, 1), n = 1 among them (tf.constants;
  predictions watched under a tape, as predict's output is): test_square_loss passes (3, 1) and (1, 1).
- `training_step(inputs, targets, W, b, learning_rate=float)`: inputs and targets float32 NumPy arrays of
  shapes (n, 2) and (n, 1), as make_dataset returns them (test_dataset_layout); W and b tf.Variables of
  shapes (2, 1) and (1,), as init_params returns them (test_init_params); a float learning rate (the
  signature's default is 0.1).
- `decision_boundary(W, b)`: tf.Variables of shapes (2, 1) and (1,), as init_params returns them and
  training_step leaves them (test_init_params); nothing else.
"""

import ast

import keras
import numpy as np
import tensorflow as tf

from tfgrade.grading import assert_close, case, expect, fail, probe
from tfgrade.grading.compare import max_errors
from tfgrade.grading.probes import StudentRaised

POSITION = 3
EXPECTED_NAMES = ("make_dataset", "init_params", "predict", "square_loss", "training_step", "decision_boundary")
MISTAKES = ("no-update", "wrong-sign", "learning-rate-ignored", "loss-after-update", "sum-not-mean",
            "forward-outside-tape", "swapped-classes", "boundary-intercept", "tape-no-parens", "numpy-in-graph",
            "stub-unchanged")
HELPERS = ("predict", "square_loss")


# ---- probes --------------------------------------------------------------------------------

@probe
def dataset(mod, n, seed):
    inputs, targets = mod.make_dataset(num_samples_per_class=n, seed=seed)
    again, _ = mod.make_dataset(num_samples_per_class=n, seed=seed)
    inputs, targets, again = (np.asarray(v) for v in (inputs, targets, again))
    return {"inputs": inputs, "targets": targets, "repeatable": bool(np.array_equal(inputs, again)),
            "dtypes": [str(inputs.dtype), str(targets.dtype)]}


@probe
def params(mod, input_dim, output_dim):
    W, b = mod.init_params(input_dim=input_dim, output_dim=output_dim, seed=3)
    return {"W": W, "b": b, "variables": [isinstance(v, (tf.Variable, keras.Variable)) for v in (W, b)]}


@probe
def predicted(mod, x, W, b, as_tensor):
    """predict(x, W, b) and whether the gradient of its sum reaches W and b."""
    W, b = tf.Variable(W), tf.Variable(b)
    with tf.GradientTape() as tape:
        predictions = mod.predict(tf.constant(x) if as_tensor else x, W, b)
        total = tf.reduce_sum(predictions)
    if not tf.is_tensor(predictions):  # NumPy computed it: the tape recorded nothing
        return {"predictions": np.asarray(predictions), "type": type(predictions).__name__, "none": [True, True]}
    return {"predictions": predictions, "type": None, "none": [g is None for g in tape.gradient(total, [W, b])]}


@probe
def loss_value(mod, y, p):
    return mod.square_loss(tf.constant(y), tf.constant(p))


@probe
def loss_gradient(mod, y, p):
    p = tf.constant(p)
    with tf.GradientTape() as tape:
        tape.watch(p)
        loss = mod.square_loss(tf.constant(y), p)
    tensor = tf.is_tensor(loss)  # a NumPy value has no gradient (and tape.gradient would raise on it)
    return {"loss": loss, "grad": tape.gradient(loss, p) if tensor else None,
            "type": None if tensor else type(loss).__name__}


@probe
def helpers_under_tape(mod, x, y, W, b):
    """The loss of the student's own predict and square_loss, and its gradients, under the grader's tape."""
    W, b = tf.Variable(W), tf.Variable(b)
    with tf.GradientTape() as tape:
        loss = mod.square_loss(y, mod.predict(x, W, b))
    if not tf.is_tensor(loss):
        return {"loss": np.asarray(loss, np.float64), "grads": [None, None]}
    return {"loss": loss, "grads": tape.gradient(loss, [W, b])}


def _correct_predict(inputs, W, b):
    return tf.matmul(tf.cast(inputs, W.dtype), W) + b


def _correct_square_loss(targets, predictions):
    return tf.reduce_mean(tf.square(tf.cast(targets, predictions.dtype) - predictions))


def _swap_helpers(mod, replace):
    """When `replace`, put correct predict and square_loss in the module, so that training_step is judged on its
    own; return what to put back with _restore_helpers (a plain function: the student bundle never gets it)."""
    saved = {name: vars(mod)[name] for name in HELPERS if name in vars(mod)}
    if replace:
        mod.predict, mod.square_loss = _correct_predict, _correct_square_loss
    return saved


def _restore_helpers(mod, saved):
    for name in HELPERS:
        if name in saved:
            setattr(mod, name, saved[name])
        else:
            vars(mod).pop(name, None)


@probe
def one_step(mod, x, y, W, b, learning_rate, replace=False):
    W, b = tf.Variable(W), tf.Variable(b)
    saved = _swap_helpers(mod, replace)
    try:
        loss = mod.training_step(x, y, W, b, learning_rate=learning_rate)
    finally:
        _restore_helpers(mod, saved)
    return {"loss": loss, "W": W, "b": b}


@probe
def forty_steps(mod, x, y, W, b, replace=False):
    W, b = tf.Variable(W), tf.Variable(b)
    saved = _swap_helpers(mod, replace)
    try:
        losses = [float(mod.training_step(x, y, W, b)) for _ in range(40)]
    finally:
        _restore_helpers(mod, saved)
    return {"losses": losses, "W": W, "b": b}


@probe
def boundary(mod, W, b):
    return list(mod.decision_boundary(tf.Variable(W), tf.Variable(b)))


# ---- helpers in the trusted process --------------------------------------------------------

def _points(seed, n=20):
    generator = np.random.default_rng(seed)
    x = generator.normal(size=(n, 2)).astype(np.float32)
    y = (generator.uniform(size=(n, 1)) > 0.5).astype(np.float32)
    return x, y


def _clouds(n, seed):
    """The exercise's data set, made here: n points of class 0 then n of class 1, targets (2n, 1)."""
    generator = np.random.default_rng(seed)
    cov = [[1, 0.5], [0.5, 1]]
    x = np.vstack([generator.multivariate_normal(mean, cov, size=n) for mean in ([0, 3], [3, 0])])
    return x.astype(np.float32), np.repeat([[0.0], [1.0]], n, axis=0).astype(np.float32)


def _start(seed):
    """W and b as init_params makes them: W uniform in [0, 1) of shape (2, 1), b zeros (1,)."""
    return np.random.default_rng(seed).uniform(size=(2, 1)).astype(np.float32), np.zeros(1, np.float32)


def _step_hints(got, expected, W0, b0, x, y):
    """Name the mistake when the student's step differs from the reference's."""
    delta_ref = np.concatenate([np.ravel(expected["W"]) - np.ravel(W0), np.ravel(expected["b"]) - np.ravel(b0)])
    delta = np.concatenate([np.ravel(got["W"]) - np.ravel(W0), np.ravel(got["b"]) - np.ravel(b0)])
    if not np.any(np.abs(delta) > 1e-9):
        return ["no-update"]
    scale = float(delta @ delta_ref / (delta_ref @ delta_ref))
    if max_errors(delta, scale * delta_ref)[0] < 1e-5 * (1 + abs(scale)):
        if scale < 0:
            return ["wrong-sign"]
        if abs(scale - len(x)) < 1e-3 * len(x) and abs(float(got["loss"]) - len(x) * float(expected["loss"])) < 1e-3:
            return ["sum-not-mean"]  # the gradient and the loss of a sum: n times the mean's
        if abs(scale - 1) > 1e-3:
            return ["learning-rate-ignored"]
    after = float(np.mean((x @ np.asarray(expected["W"]) + np.asarray(expected["b"]) - y) ** 2))
    if abs(float(got["loss"]) - after) < 1e-5 and abs(after - float(expected["loss"])) > 1e-5:
        return ["loss-after-update"]
    return []


def _is_tape(node):
    return isinstance(node, ast.With) and any("GradientTape" in ast.unparse(item.context_expr)
                                              for item in node.items)


def _forward_before_tape(text):
    """The line of an assignment in training_step, before its `with tf.GradientTape()` block, that computes the
    predictions (calls predict, or uses the inputs and W, directly or through a function defined in
    training_step); None when there is none."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    step = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "training_step"), None)
    if step is None or len(step.args.args) < 3:
        return None
    inputs, weights = step.args.args[0].arg, step.args.args[2].arg
    local = {n.name: n for n in step.body if isinstance(n, ast.FunctionDef)}
    tape = next((i for i, n in enumerate(step.body) if _is_tape(n)), None)
    for statement in step.body[:tape or 0]:
        if not isinstance(statement, (ast.Assign, ast.AnnAssign)) or statement.value is None:
            continue
        names = {n.id for n in ast.walk(statement.value) if isinstance(n, ast.Name)}
        for name in names & set(local):
            names |= {n.id for n in ast.walk(local[name]) if isinstance(n, ast.Name)}
        if "predict" in names or {inputs, weights} <= names:
            return statement.lineno
    return None


def _explain_step_crash(reply, replaced):
    """Fail with a named mistake when training_step raised because a gradient was None (or not a tensor)."""
    message = str(reply.get("message", ""))
    said = f"training_step raised {reply.get('type', 'Error')}: {message.strip()}"
    if "object has no attribute '_id'" in message and "numpy" in message:
        fail(f"{said} — tape.gradient was given a NumPy value: the loss inside training_step was computed with "
             "NumPy, so it has no gradient", "numpy-in-graph")
    if "NoneType" in message or "No gradients provided" in message:
        helpers = "correct ones put in place of yours" if replaced else "yours"
        fail(f"{said} — the gradients are None, although predict and square_loss ({helpers}) give gradients under "
             "a tape: the predictions or the loss were computed outside the `with tf.GradientTape() as tape:` "
             "block", "forward-outside-tape")


def _helpers_differ(student, reference, x, y, W0, b0):
    """Whether the student's predict and square_loss, under a tape, give another loss or other gradients than
    correct ones (then training_step is judged with correct ones in their place)."""
    try:
        got = student.run(helpers_under_tape, x=x, y=y, W=W0, b=b0)
    except StudentRaised:
        return True
    expected = reference.run(helpers_under_tape, x=x, y=y, W=W0, b=b0)
    if any(g is None for g in got["grads"]):
        return True
    pairs = [(got["loss"], expected["loss"]), *zip(got["grads"], expected["grads"], strict=True)]
    return not all(np.shape(g) == np.shape(e) and np.allclose(g, e, rtol=1e-4, atol=1e-6) for g, e in pairs)


REPLACED_NOTE = ("Your predict or square_loss differs from the expected one (see their own checks), so "
                 "training_step was checked with correct ones in their place.")


# ---- cases ---------------------------------------------------------------------------------

@case("make_dataset: shapes, dtypes, repeatable", points=1)
def test_dataset_layout(student, figures):
    got = student.run(dataset, n=50, seed=1)
    inputs, targets = np.asarray(got["inputs"]), np.asarray(got["targets"])
    if inputs.ndim == 2 and inputs.shape[1] == 2 and targets.size == len(inputs):
        figures.add("boundary", "your make_dataset(50): class 0 blue, class 1 red", lines={},
                    points={"x": inputs[:, 0], "y": inputs[:, 1], "labels": np.ravel(targets)})
    expect(np.shape(got["inputs"]) == (100, 2) and np.shape(got["targets"]) == (100, 1),
           f"make_dataset(50): expected shapes (100, 2) and (100, 1), got {np.shape(got['inputs'])} and "
           f"{np.shape(got['targets'])}")
    expect(got["dtypes"] == ["float32", "float32"], f"expected float32 arrays, got {got['dtypes']}")
    expect(got["repeatable"], "the same seed should give the same data")


@case("init_params: shapes and initial values", points=1)
def test_init_params(student):
    for dims in ((2, 1), (3, 2)):
        got = student.run(params, input_dim=dims[0], output_dim=dims[1])
        W, b = np.asarray(got["W"]), np.asarray(got["b"])
        expect(all(got["variables"]), "W and b must be variables (tf.Variable or keras.Variable)")
        expect(W.shape == dims and b.shape == (dims[1],),
               f"init_params{dims}: expected W {dims} and b {(dims[1],)}, got {W.shape} and {b.shape}")
        expect(np.all((W >= 0) & (W < 1)) and np.all(b == 0), "W must be uniform in [0, 1) and b zeros")


@case("predict on a small example: values, and gradients reach W and b", points=1)
def test_predict(student):
    x = np.array([[1, 2], [3, 4], [0, -1]], np.float32)
    W, b = np.array([[0.5], [-1.0]], np.float32), np.array([0.25], np.float32)
    for as_tensor, kind in ((True, "a tf.constant"), (False, "a NumPy array")):
        got = student.run(predicted, x=x, W=W, b=b, as_tensor=as_tensor)
        what = f"predict(x, W, b) with x {kind} of shape (3, 2), W and b tf.Variables"
        assert_close(got["predictions"], x @ W + b, rtol=1e-6, atol=1e-6, what=what)
        if got["type"]:
            fail(f"{what} returned a {got['type']}, not a tensor: NumPy computed it, so no gradient reaches W and "
                 "b; use `@` or tf.matmul", "numpy-in-graph")
        missing = [name for name, none in zip(("W", "b"), got["none"], strict=True) if none]
        expect(not missing, f"{what}: the gradient with respect to {' and '.join(missing)} is None; use `@` or "
               "tf.matmul, not NumPy calls (np.dot, np.matmul)", "numpy-in-graph")


@case("square_loss on a small example", points=1)
def test_square_loss(student):
    for y, p in ((np.array([[0], [1], [1]], np.float32), np.array([[-1.25], [-2.25], [1.25]], np.float32)),
                 (np.array([[1]], np.float32), np.array([[0.5]], np.float32))):
        got = student.run(loss_value, y=y, p=p)
        expected = float(np.mean((y - p) ** 2))
        hints = ["sum-not-mean"] if len(y) > 1 and abs(float(np.ravel(got)[0]) - expected * len(y)) < 1e-4 else []
        assert_close(got, np.float32(expected), rtol=1e-5, atol=1e-6,
                     what=f"square_loss(targets, predictions) for {len(y)} row(s), tf.constants of shape {y.shape}",
                     hints=hints)


@case("make_dataset: class statistics and order", points=1, hidden=True, needs=test_dataset_layout)
def test_dataset_statistics(student):
    got = student.run(dataset, n=1000, seed=7)
    x, t = np.asarray(got["inputs"], np.float64), np.asarray(got["targets"])
    first, second = x[:1000], x[1000:]
    swapped = np.allclose(first.mean(0), [3, 0], atol=0.15) or np.all(t[:1000] == 1)
    expect(np.all(t[:1000] == 0) and np.all(t[1000:] == 1), "targets: expected 1000 zeros then 1000 ones",
           *(["swapped-classes"] if swapped else []))
    for name, rows, mean in (("class 0", first, [0, 3]), ("class 1", second, [3, 0])):
        got_mean = rows.mean(0)
        expect(np.all(np.abs(got_mean - mean) < 0.15), f"{name} mean: expected {mean} (±0.15), got "
               f"{np.round(got_mean, 3).tolist()}", *(["swapped-classes"] if swapped else []))
        cov = np.cov(rows.T)
        expect(np.all(np.abs(cov - [[1, 0.5], [0.5, 1]]) < 0.15),
               f"{name} covariance: expected [[1, .5], [.5, 1]] (±0.15), got {np.round(cov, 3).tolist()}")


@case("square_loss: values and gradients", points=1, hidden=True, needs=test_square_loss)
def test_loss_gradients(student, reference):
    generator = np.random.default_rng(12)
    for n in (1, 7, 50):
        y, p = generator.normal(size=(n, 1)).astype(np.float32), generator.normal(size=(n, 1)).astype(np.float32)
        got = student.run(loss_gradient, y=y, p=p)
        expected = reference.run(loss_gradient, y=y, p=p)
        hints = ["sum-not-mean"] if n > 1 and abs(float(got["loss"]) - n * float(expected["loss"])) < 1e-3 else []
        assert_close(got["loss"], expected["loss"], rtol=1e-5, atol=1e-6, what=f"square_loss for {n} rows",
                     hints=hints)
        if got["grad"] is None:
            fail(f"square_loss returned a {got['type']}, not a tensor: NumPy computed it, so it has no gradient "
                 "with respect to the predictions" if got["type"]
                 else "the gradient of square_loss with respect to the predictions is None", "numpy-in-graph")
        assert_close(got["grad"], expected["grad"], rtol=1e-4, atol=1e-6, what=f"d square_loss / d predictions ({n})")


def _check_step(student, reference, source, seed, lr, replace):
    """One training_step from a random start, against the reference's."""
    x, y = _points(seed)
    generator = np.random.default_rng(seed)
    W0, b0 = generator.uniform(size=(2, 1)).astype(np.float32), generator.normal(size=(1,)).astype(np.float32)
    try:
        got = student.run(one_step, x=x, y=y, W=W0, b=b0, learning_rate=lr, replace=replace)
    except StudentRaised as raised:
        _explain_step_crash(raised.reply, replace)
        raise
    expected = reference.run(one_step, x=x, y=y, W=W0, b=b0, learning_rate=lr)
    hints = _step_hints(got, expected, W0, b0, x, y)
    line = _forward_before_tape(source.text)
    if hints == ["no-update"] and line is not None:
        fail(f"training_step(learning_rate={lr}) left W and b unchanged: the predictions are computed on line "
             f"{line}, before the `with tf.GradientTape() as tape:` block, so their gradients are None",
             "forward-outside-tape")
    what = f"after training_step(learning_rate={lr})"
    assert_close(got["loss"], expected["loss"], rtol=1e-5, atol=1e-6,
                 what=f"the loss training_step returns (before the update, lr={lr})", hints=hints)
    assert_close(got["W"], expected["W"], rtol=1e-5, atol=1e-6, what=f"W {what}", hints=hints)
    assert_close(got["b"], expected["b"], rtol=1e-5, atol=1e-6, what=f"b {what}", hints=hints)


@case("training_step: one step equals the reference step", points=2, hidden=True)
def test_training_step(student, reference, source):
    replace = _helpers_differ(student, reference, *_points(21), *_start(21))
    for seed, lr in ((21, 0.1), (22, 0.37)):
        _check_step(student, reference, source, seed, lr, replace)
    return REPLACED_NOTE if replace else ""


def _line(W, b):
    w, bias = np.ravel(np.asarray(W, np.float64)), float(np.ravel(b)[0])
    return (-w[0] / w[1], (0.5 - bias) / w[1]) if w[1] else (0.0, 0.0)


def _fit(W, b, x, y):
    """MSE and accuracy of inputs @ W + b, computed here."""
    predictions = x.astype(np.float64) @ np.asarray(W, np.float64) + np.asarray(b, np.float64)
    return float(np.mean((predictions - y) ** 2)), float(np.mean((predictions > 0.5) == (y > 0.5)))


@case("40 steps reach the reference's loss and accuracy", points=1, hidden=True, needs=test_training_step)
def test_forty_steps(student, reference, figures):
    x, y = _clouds(500, seed=5)
    W0, b0 = _start(5)
    replace = _helpers_differ(student, reference, x, y, W0, b0)
    got = student.run(forty_steps, x=x, y=y, W=W0, b=b0, replace=replace)
    expected = reference.run(forty_steps, x=x, y=y, W=W0, b=b0)
    figures.add("curves", "loss over 40 training steps", series={"you": got["losses"],
                                                                 "reference": expected["losses"]})
    sample = x[::20]
    figures.add("boundary", "decision boundary (W·x + b = 0.5)",
                points={"x": sample[:, 0], "y": sample[:, 1], "labels": np.ravel(y[::20])},
                lines={name: _line(run["W"], run["b"]) for name, run in (("you", got), ("reference", expected))})
    (final, accuracy), (target, reference_accuracy) = (_fit(run["W"], run["b"], x, y) for run in (got, expected))
    expect(final <= target * 1.05 + 1e-4, f"loss after 40 steps: {final:.4g}, reference {target:.4g} "
           f"(allowed up to {target * 1.05 + 1e-4:.4g})")
    expect(accuracy >= reference_accuracy - 0.01,
           f"accuracy after 40 steps: {accuracy:.3f}, reference {reference_accuracy:.3f}")
    return REPLACED_NOTE if replace else ""


@case("decision_boundary: slope and intercept", points=1, hidden=True)
def test_decision_boundary(student):
    for W, b in ((np.array([[0.8], [-0.4]], np.float32), np.array([0.1], np.float32)),
                 (np.array([[1.5], [2.0]], np.float32), np.array([-0.3], np.float32))):
        got = student.run(boundary, W=W, b=b)
        w, bias = np.ravel(W).astype(np.float64), float(b[0])
        expected = [-w[0] / w[1], (0.5 - bias) / w[1]]
        hints = ["boundary-intercept"] if abs(got[1] - (-bias / w[1])) < 1e-5 else []
        assert_close(np.asarray(got, np.float64), np.asarray(expected), rtol=1e-5, atol=1e-6,
                     what=f"decision_boundary for W = [[{w[0]:g}], [{w[1]:g}]], b = [{bias:g}] (tf.Variables)",
                     hints=hints)
