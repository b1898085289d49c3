"""Grader for exercise 8, binary_classifier: label scaling and a linear classifier.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `build_binary_classifier(input_dim=d)`: another int: `test_structure` (`input_dim=2`).
- the model, called on a float32 `(n, d)` batch: `test_structure` (a float32 `(4, 2)` batch).
- the model evaluated / trained by the grader on `POINTS` and `(LABELS + 1) / 2` as a float32 column: no student
  code runs there but the builder, called as in `test_structure`.
"""

import contextlib

import keras
import numpy as np

from tfgrade.grading import case, expect, fail, probe
from tfgrade.grading.compare import is_binary_crossentropy
from tfgrade.grading.keras_probes import compiled_loss, model_input_shape, trained_per_seed
from tfgrade.grading.probes import StudentRaised
from tfgrade.grading.removed_apis import expect_current_apis

POSITION = 8
EXPECTED_NAMES = ("POINTS", "LABELS", "scale_labels", "unscale_labels", "build_binary_classifier")
MISTAKES = ("labels-not-scaled", "label-shape-changed", "softmax-single-unit", "wrong-loss", "wrong-input-shape",
            "missing-accuracy-metric", "lr-kwarg", "predict-classes", "removed-api", "stub-unchanged")
EPOCHS, SEEDS = 500, (0, 1, 2)
ROW = np.array([-1, 1, 1, -1, 1, -1, -1], np.float32)
COLUMN = ROW[::-1].reshape(-1, 1).copy()
LOSS_TRUE = np.array([[0], [1], [1], [0]], np.float32)  # the compiled loss is evaluated on this batch
LOSS_PRED = np.array([[0.2], [0.7], [0.4], [0.9]], np.float32)


# ---- probes --------------------------------------------------------------------------------



@probe
def data(mod):
    return {"points": np.asarray(mod.POINTS, np.float32), "labels": np.asarray(mod.LABELS, np.float32)}


@probe
def labels(mod, function, y):
    out = getattr(mod, function)(y)
    return {"value": np.asarray(out, np.float64), "shape": list(np.shape(out))}








@probe
def structure(mod, input_dim, x):
    model = mod.build_binary_classifier(input_dim=input_dim)
    out = model(x)
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    return {"shape": list(out.shape), "outputs": out, "params": int(model.count_params()),
            "dense": [[layer.units, getattr(layer.activation, "__name__", str(layer.activation))] for layer in dense],
            "input_shape": model_input_shape(model)}


@probe
def declared_input(mod, input_dim):
    """The input shape the model was built for, without calling it (for a model that rejects the batch)."""
    return model_input_shape(mod.build_binary_classifier(input_dim=input_dim))


@probe
def compiled(mod, x, y):
    model = mod.build_binary_classifier(input_dim=2)
    loss, loss_value = compiled_loss(model, LOSS_TRUE, LOSS_PRED)
    logs = model.evaluate(x, y, return_dict=True, verbose=0)
    return {"loss": loss, "loss_value": loss_value, "outputs": model(x),
            "metrics": {str(k): float(np.mean(v)) for k, v in logs.items() if np.size(v) == 1}}


@probe
def trained(mod, x, y, epochs, seeds):
    build = lambda: mod.build_binary_classifier(input_dim=2)  # noqa: E731
    # a plain graph: 3 x 500 steps cost less than XLA's compilation (bench/training_probes.py)
    return [np.ravel(model(x)) for model in trained_per_seed(build, x, y, epochs, seeds, compiled=False)]


# ---- helpers in the trusted process --------------------------------------------------------

def _binary_crossentropy(got):
    return is_binary_crossentropy(got["loss"], got["loss_value"], LOSS_TRUE, LOSS_PRED)


def _check_labels(got, expected, what, wrong_values_hint):
    """Values first (naming a wrong mapping), then the shape (naming a reshaped result)."""
    value, shape = np.asarray(got["value"]), tuple(got["shape"])
    same_values = value.size == expected.size and np.allclose(np.ravel(value), np.ravel(expected), atol=1e-6)
    expect(same_values, f"{what}: expected {np.ravel(expected).tolist()}, got {np.ravel(value).tolist()}",
           wrong_values_hint)
    expect(shape == expected.shape, f"{what}: the values are right but the shape is {shape}; keep the input's "
           f"shape {expected.shape}", "label-shape-changed")


def _check_structure(student, input_dim):
    x = np.random.default_rng(input_dim).normal(size=(4, input_dim)).astype(np.float32)
    try:
        got = student.run(structure, input_dim=input_dim, x=x)
    except StudentRaised as raised:
        try:
            declared = student.run(declared_input, input_dim=input_dim)
        except StudentRaised:
            raise raised from None
        if declared not in (None, [input_dim]):
            fail(f"build_binary_classifier(input_dim={input_dim}) built a model for inputs of shape "
                 f"{tuple(declared)}; it must take inputs of shape ({input_dim},): use keras.Input(shape=(input_dim,))",
                 "wrong-input-shape")
        raise
    hints = ["softmax-single-unit"] if got["dense"] and got["dense"][-1] == [1, "softmax"] else []
    if got["input_shape"] not in (None, [input_dim]):
        hints.append("wrong-input-shape")
    what = f"build_binary_classifier(input_dim={input_dim})"
    expect(got["shape"] == [4, 1], f"{what}(x) for x of shape (4, {input_dim}): expected output shape (4, 1), got "
           f"{tuple(got['shape'])}", *hints)
    outputs = np.asarray(got["outputs"])
    expect(np.all((outputs >= 0) & (outputs <= 1)), f"{what}: outputs should be sigmoid probabilities in [0, 1]",
           *hints)
    expect("softmax-single-unit" not in hints, f"{what}: softmax over one unit always outputs 1.0", *hints)
    expect(got["params"] == input_dim + 1, f"{what}: expected one Dense unit ({input_dim + 1} parameters), got "
           f"{got['params']}", *hints)
    expect(not hints, f"{what}: declared input shape {got['input_shape']}, expected [{input_dim}]", *hints)


def _accuracy(outputs, y01):
    return float(np.mean((np.ravel(outputs) > 0.5) == (np.ravel(y01) > 0.5)))


# ---- cases ---------------------------------------------------------------------------------
#
# What the public cases show (a hidden case passes nothing they have not shown):
#
# | input a hidden case passes                                  | shown by the public case               |
# | ----------------------------------------------------------- | -------------------------------------- |
# | build_binary_classifier(input_dim=d): d another int          | test_structure (input_dim=2)           |
# | the model, called on a float32 (n, d) batch                  | test_structure (a float32 (4, 2) batch) |
# | the model, evaluated / trained by the grader on POINTS and   | no student code runs there but the     |
# |   (LABELS + 1) / 2 as a float32 column                       |   builder, called as in test_structure |
#
# scale_labels and unscale_labels have public cases only, on rows (n,) and columns (n, 1) (the stub's
# docstring asks for both). Each case checks one function (the former round trip, which failed for a
# mistake in either function, is gone: each direction has its own case).
# test_current_apis reads the file (demo code included, which grading skips) for APIs that TF 2.16+/Keras 3
# removed, e.g. `print(model.predict_classes(POINTS))` at the bottom of a notebook: it fails there when the
# student runs it, so it costs this public point and names the replacement. It needs test_structure so that
# an unfinished file earns nothing.

@case("scale_labels: rows (n,) and columns (n, 1)", points=1)
def test_scale(student):
    for y in (ROW, COLUMN):
        got = student.run(labels, function="scale_labels", y=y)
        _check_labels(got, (y + 1) / 2, f"scale_labels(y) for y of shape {y.shape}", "labels-not-scaled")


@case("unscale_labels: rows (n,) and columns (n, 1)", points=1)
def test_unscale(student):
    for y01 in ((ROW + 1) / 2, (COLUMN + 1) / 2):
        got = student.run(labels, function="unscale_labels", y=y01)
        _check_labels(got, 2 * y01 - 1, f"unscale_labels(y01) for y01 of shape {y01.shape}", "labels-not-scaled")


@case("build_binary_classifier: one sigmoid unit on inputs (2,)", points=1)
def test_structure(student):
    _check_structure(student, 2)


@case("uses only current TensorFlow/Keras APIs (the whole file is read, demo code too; nothing is run)", points=1,
      needs="test_structure")
def test_current_apis(source):
    expect_current_apis(source)


@case("input_dim is respected", points=1, hidden=True, needs="test_structure")
def test_input_dim(student):
    for input_dim in (3, 5):
        _check_structure(student, input_dim)


@case("compiled with binary cross-entropy and an accuracy metric", points=1, hidden=True, needs="test_structure")
def test_compiled(student, reference):
    points = reference.run(data)["points"]
    y = np.array([[1], [0], [1], [1], [0], [1]], np.float32)
    got = student.run(compiled, x=points[:6], y=y)
    value = "" if got["loss_value"] is None else f" (it gives {got['loss_value']:.4g} on a test batch)"
    expect(_binary_crossentropy(got), f"the loss is {got['loss']}{value}; use binary cross-entropy", "wrong-loss")
    accuracy = {k: v for k, v in got["metrics"].items() if "acc" in k.lower()}
    expect(accuracy, f"model.evaluate reports {sorted(got['metrics'])}: compile with metrics=[\"accuracy\"]",
           "missing-accuracy-metric")
    expected = _accuracy(got["outputs"], y)
    expect(any(abs(v - expected) < 1e-6 for v in accuracy.values()),
           f"the accuracy metric reports {accuracy} where the fraction of points on the right side of 0.5 is "
           f"{expected:.4g}: use metrics=[\"accuracy\"] (binary accuracy for one sigmoid unit)",
           "missing-accuracy-metric")


@case("trained on the 20 points: as accurate as the reference", points=4, hidden=True, needs="test_structure")
def test_trained(student, reference):
    dataset = reference.run(data)
    x, y01 = dataset["points"], ((dataset["labels"] + 1) / 2).reshape(-1, 1).astype(np.float32)
    outputs = student.run(trained, x=x, y=y01, epochs=EPOCHS, seeds=list(SEEDS))
    expected = reference.run(trained, x=x, y=y01, epochs=EPOCHS, seeds=list(SEEDS))
    got = [_accuracy(o, y01) for o in outputs]
    wanted = [_accuracy(o, y01) for o in expected]
    if any(g < w - 0.05 - 1e-9 for g, w in zip(got, wanted, strict=True)):
        hints = []
        with contextlib.suppress(StudentRaised):  # the accuracy message is what matters here
            hints = [] if _binary_crossentropy(student.run(compiled, x=x[:6], y=y01[:6])) else ["wrong-loss"]
        fail(f"accuracy on the 20 points after {EPOCHS} full-batch epochs, seeds {list(SEEDS)}: "
             f"{[round(a, 2) for a in got]}; the reference reaches {[round(a, 2) for a in wanted]} (you may miss at "
             "most one more point per seed). Pick an optimizer and learning rate that separate the points within "
             f"{EPOCHS} steps (e.g. keras.optimizers.Adam(learning_rate=0.1) or SGD).", *hints)
