"""Grader for exercise 3, linear_classifier: a training step with GradientTape."""

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
def loss_and_prediction(mod, x, W, b, y):
    predictions = mod.predict(tf.constant(x), tf.Variable(W), tf.Variable(b))
    return {"predictions": predictions, "loss": mod.square_loss(tf.constant(y), tf.constant(predictions))}


@probe
def loss_gradient(mod, y, p):
    p = tf.Variable(p)
    with tf.GradientTape() as tape:
        loss = mod.square_loss(tf.constant(y), p)
    tensor = tf.is_tensor(loss)  # a NumPy value has no gradient (and tape.gradient would raise on it)
    return {"loss": loss, "grad": tape.gradient(loss, p) if tensor else None,
            "type": None if tensor else type(loss).__name__}


@probe
def forward_gradients(mod, x, y, W, b):
    """Whether gradients reach W and b through the student's predict and square_loss, under our tape."""
    W, b = tf.Variable(W), tf.Variable(b)
    with tf.GradientTape() as tape:
        predictions = mod.predict(tf.constant(x), W, b)
        loss = mod.square_loss(tf.constant(y), predictions)
    if not tf.is_tensor(loss):
        return {"loss_type": type(loss).__name__, "none": [True, True]}
    return {"loss_type": None, "none": [g is None for g in tape.gradient(loss, [W, b])]}


@probe
def one_step(mod, x, y, W, b, learning_rate):
    W, b = tf.Variable(W), tf.Variable(b)
    loss = mod.training_step(tf.constant(x), tf.constant(y), W, b, learning_rate=learning_rate)
    return {"loss": loss, "W": W, "b": b}


@probe
def forty_steps(mod, n, seed):
    inputs, targets = mod.make_dataset(num_samples_per_class=n, seed=seed)
    W, b = mod.init_params(seed=seed)
    losses = [float(mod.training_step(inputs, targets, W, b)) for _ in range(40)]
    return {"losses": losses, "predictions": mod.predict(inputs, W, b), "targets": targets, "W": W, "b": b,
            "sample": np.asarray(inputs)[::20]}


@probe
def boundary(mod, W, b):
    return list(mod.decision_boundary(W, b))


# ---- cases ---------------------------------------------------------------------------------

def _points(seed, n=20):
    generator = np.random.default_rng(seed)
    x = generator.normal(size=(n, 2)).astype(np.float32)
    y = (generator.uniform(size=(n, 1)) > 0.5).astype(np.float32)
    return x, y


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


@case("predict and square_loss on a small example", points=1)
def test_predict_and_loss(student):
    x = np.array([[1, 2], [3, 4], [0, -1]], np.float32)
    W, b = np.array([[0.5], [-1.0]], np.float32), np.array([0.25], np.float32)
    y = np.array([[0], [1], [1]], np.float32)
    got = student.run(loss_and_prediction, x=x, W=W, b=b, y=y)
    expected_p = x @ W + b
    assert_close(got["predictions"], expected_p, rtol=1e-6, atol=1e-6, what="predict(x, W, b)")
    expected_loss = float(np.mean((y - expected_p) ** 2))
    hints = ["sum-not-mean"] if abs(float(got["loss"]) - expected_loss * len(y)) < 1e-4 else []
    assert_close(got["loss"], np.float32(expected_loss), rtol=1e-5, atol=1e-6, what="square_loss", hints=hints)


@case("make_dataset: class statistics and order", points=1, hidden=True, needs="test_dataset_layout")
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


@case("square_loss: values and gradients", points=1, hidden=True, needs="test_predict_and_loss")
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


def _step_hints(got, expected, W0, b0, lr, x, y):
    """Name the mistake when the student's step differs from the reference's."""
    delta_ref = np.concatenate([np.ravel(expected["W"]) - np.ravel(W0), np.ravel(expected["b"]) - np.ravel(b0)])
    delta = np.concatenate([np.ravel(got["W"]) - np.ravel(W0), np.ravel(got["b"]) - np.ravel(b0)])
    if not np.any(np.abs(delta) > 1e-9):
        return ["no-update"]
    scale = float(delta @ delta_ref / (delta_ref @ delta_ref))
    if max_errors(delta, scale * delta_ref)[0] < 1e-5 * (1 + abs(scale)):
        if scale < 0:
            return ["wrong-sign"]
        if abs(scale - 1) > 1e-3:
            return ["learning-rate-ignored"]
    after = float(np.mean((x @ np.asarray(expected["W"]) + np.asarray(expected["b"]) - y) ** 2))
    if abs(float(got["loss"]) - after) < 1e-5 and abs(after - float(expected["loss"])) > 1e-5:
        return ["loss-after-update"]
    return []


def _broken_gradients(student, x, y, W0, b0):
    """(hint ids, sentence) when the student's predict/square_loss give no gradient for W or b."""
    try:
        got = student.run(forward_gradients, x=x, y=y, W=W0, b=b0)
    except StudentRaised:
        return [], ""
    if got["loss_type"]:
        return ["numpy-in-graph"], (f"square_loss(targets, predict(inputs, W, b)) is a {got['loss_type']}, not a "
                                    "tensor: NumPy computed it, so no gradient reaches W and b.")
    missing = [name for name, none in zip(("W", "b"), got["none"], strict=True) if none]
    if missing:
        return ["numpy-in-graph"], (f"Even inside a GradientTape, square_loss(targets, predict(inputs, W, b)) has no "
                                    f"gradient with respect to {' and '.join(missing)}: a NumPy call in predict "
                                    "(np.dot, np.matmul, ...) turns tensors into arrays; use `@` or tf.matmul.")
    return [], ""


def _explain_step_crash(student, reply, x, y, W0, b0):
    """Fail with a named mistake when training_step raised because a gradient was None (or not a tensor)."""
    message = str(reply.get("message", ""))
    said = f"training_step raised {reply.get('type', 'Error')}: {message.strip()}"
    if "object has no attribute '_id'" in message and "numpy" in message:
        fail(f"{said} — tape.gradient was given a NumPy value: the loss inside training_step was computed with "
             "NumPy, so it has no gradient", "numpy-in-graph")
    if "NoneType" in message or "No gradients provided" in message:
        hints, why = _broken_gradients(student, x, y, W0, b0)
        if hints:
            fail(f"{said} — the gradients are None. {why}", *hints)
        fail(f"{said} — the gradients are None: predict and square_loss give gradients under a tape, so the "
             "predictions or the loss were computed outside the `with tf.GradientTape() as tape:` block",
             "forward-outside-tape")


@case("training_step: one step equals the reference step", points=2, hidden=True, needs="test_loss_gradients")
def test_training_step(student, reference):
    for seed, lr in ((21, 0.1), (22, 0.37)):
        x, y = _points(seed)
        generator = np.random.default_rng(seed)
        W0, b0 = generator.uniform(size=(2, 1)).astype(np.float32), generator.normal(size=(1,)).astype(np.float32)
        try:
            got = student.run(one_step, x=x, y=y, W=W0, b=b0, learning_rate=lr)
        except StudentRaised as raised:
            _explain_step_crash(student, raised.reply, x, y, W0, b0)
            raise
        expected = reference.run(one_step, x=x, y=y, W=W0, b=b0, learning_rate=lr)
        hints = _step_hints(got, expected, W0, b0, lr, x, y)
        updated = all(np.shape(got[k]) == np.shape(expected[k]) and np.allclose(got[k], expected[k], rtol=1e-5,
                                                                                 atol=1e-6) for k in ("W", "b"))
        what = f"after training_step(learning_rate={lr})"
        if not hints and not updated:
            hints, why = _broken_gradients(student, x, y, W0, b0)
            if hints:
                fail(f"{what}, W and b differ from one gradient-descent step. {why}", *hints)
        assert_close(got["loss"], expected["loss"], rtol=1e-5, atol=1e-6,
                     what=f"the loss training_step returns (before the update, lr={lr})", hints=hints)
        assert_close(got["W"], expected["W"], rtol=1e-5, atol=1e-6, what=f"W {what}", hints=hints)
        assert_close(got["b"], expected["b"], rtol=1e-5, atol=1e-6, what=f"b {what}", hints=hints)


@case("40 steps reach the reference's loss and accuracy", points=2, hidden=True, needs="test_training_step")
def test_forty_steps(student, reference, figures):
    got = student.run(forty_steps, n=500, seed=5)
    expected = reference.run(forty_steps, n=500, seed=5)
    figures.add("curves", "loss over 40 training steps", series={"you": got["losses"],
                                                                 "reference": expected["losses"]})
    sample = np.asarray(expected["sample"])
    figures.add("boundary", "decision boundary (W·x + b = 0.5)",
                points={"x": sample[:, 0], "y": sample[:, 1], "labels": (np.arange(len(sample)) >= len(sample) // 2)
                        .astype(float)},
                lines={name: _line(run["W"], run["b"]) for name, run in (("you", got), ("reference", expected))})
    for run in (got, expected):  # accuracy decided here, from the raw predictions
        run["accuracy"] = float(np.mean((np.asarray(run["predictions"]) > 0.5) == (np.asarray(run["targets"]) > 0.5)))
    final, target = got["losses"][-1], expected["losses"][-1]
    expect(final <= target * 1.05 + 1e-4, f"loss after 40 steps: {final:.4g}, reference {target:.4g} "
           f"(allowed up to {target * 1.05 + 1e-4:.4g})")
    expect(got["accuracy"] >= expected["accuracy"] - 0.01,
           f"accuracy after 40 steps: {got['accuracy']:.3f}, reference {expected['accuracy']:.3f}")


def _line(W, b):
    w, bias = np.ravel(np.asarray(W, np.float64)), float(np.ravel(b)[0])
    return (-w[0] / w[1], (0.5 - bias) / w[1]) if w[1] else (0.0, 0.0)


@case("decision_boundary: slope and intercept", points=1, hidden=True)
def test_decision_boundary(student):
    cases = [(np.array([[0.8], [-0.4]], np.float32), np.array([0.1], np.float32)),
             (np.array([1.5, 2.0], np.float32), np.float32(-0.3))]
    for W, b in cases:
        got = student.run(boundary, W=W, b=b)
        w = np.ravel(W).astype(np.float64)
        bias = float(np.ravel(b)[0])
        expected = [-w[0] / w[1], (0.5 - bias) / w[1]]
        hints = ["boundary-intercept"] if abs(got[1] - (-bias / w[1])) < 1e-5 else []
        assert_close(np.asarray(got, np.float64), np.asarray(expected), rtol=1e-5, atol=1e-6,
                     what=f"decision_boundary for W of shape {W.shape}", hints=hints)
