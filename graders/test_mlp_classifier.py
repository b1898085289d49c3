"""Grader for exercise 9, mlp_classifier: a multilayer perceptron for 28x28 images.

Nothing is downloaded: load_fashion_mnist is never called. The data are small generated
images in Fashion-MNIST's format (tfgrade.datasets.fashion_like: 28x28 uint8, labels 0-9).

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `split_and_scale(X, y, n_valid=k)`: uint8 `(n, 28, 28)` images, uint8 labels, `k` an int from 1 to n:
  `test_split_small` (40 images, `n_valid=10`).
- `split_and_scale(X, y)` without `n_valid` (its default): `test_split_small` (the same kinds of arrays).
- `build_mlp(input_shape=(h, w), num_classes=c)`: other 2-D image shapes and class counts, keywords:
  `test_build_default` (`(28, 28)`, 10).
- the model, called on a float32 `(n, h, w)` batch: `test_build_default` (a float32 `(6, 28, 28)` batch).
- `build_mlp()`, compiled (SGD, sparse CE) and trained by the grader: `test_build_default` (the defaults).
- `compile_mlp(model)`: the exercise's Sequential MLP, built by the grader: what a correct `build_mlp()` returns (no
  public case calls `compile_mlp`).
"""

import functools
import re

import keras
import numpy as np

from tfgrade.datasets import fashion_like
from tfgrade.grading import case, expect, fail, probe
from tfgrade.grading.keras_probes import fit_epochs
from tfgrade.grading.probes import StudentRaised
from tfgrade.grading.removed_apis import expect_current_apis

POSITION = 9
EXPECTED_NAMES = ("load_fashion_mnist", "split_and_scale", "build_mlp", "compile_mlp")
MISTAKES = ("pixels-not-scaled", "validation-split", "no-flatten", "wrong-output-activation", "not-sparse-loss",
            "not-sgd", "lr-kwarg", "predict-classes", "removed-api", "stub-unchanged")
DEFAULT_PARAMS = 784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10  # 266,610
DATA_SEED, N_IMAGES, N_VALID = 11, 2500, 500
BUILD_SEED, COMPILE_SEED, EPOCHS, BATCH_SIZE = 0, 1, 3, 32
# The reference reaches about 0.85-0.87 validation accuracy on these 2,500 generated images after 3
# epochs (seeds 0-2 and 5 epochs: 0.85-0.91), so equivalent models differ by a few points; 0.08 below
# the reference on the same seed still sits far above a broken model (about 0.1-0.5).
MARGIN = 0.08


# ---- probes --------------------------------------------------------------------------------

@probe
def split(mod, X, y, n_valid):
    parts = mod.split_and_scale(X, y, n_valid=n_valid)
    return {"count": len(parts), "arrays": [np.asarray(p) for p in parts],
            "dtypes": [str(np.asarray(p).dtype) for p in parts]}


@probe
def split_default(mod, n_rows, seed):
    """split_and_scale without n_valid on n_rows random images: shapes, dtypes and the rows at both ends."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 256, size=(n_rows, 28, 28), dtype=np.uint8)
    y = rng.integers(0, 10, size=n_rows, dtype=np.uint8)
    parts = [np.asarray(p) for p in mod.split_and_scale(X, y)]
    return {"shapes": [list(p.shape) for p in parts], "dtypes": [str(p.dtype) for p in parts],
            "ends": [p[[0, -1]] if len(p) else p for p in parts]}


def _activation(layer):
    activation = getattr(layer, "activation", None)
    if activation is None:
        return None
    name = getattr(activation, "__name__", None) or type(activation).__name__
    return name.removesuffix("_v2")  # tf.nn.softmax is softmax_v2


@probe
def structure(mod, input_shape, num_classes, batch):
    model = mod.build_mlp(input_shape=tuple(input_shape), num_classes=num_classes)
    again = mod.build_mlp(input_shape=tuple(input_shape), num_classes=num_classes)
    outputs = model(batch)
    layers = [[type(layer).__name__, getattr(layer, "units", None), _activation(layer)] for layer in model.layers]
    return {"class": type(model).__name__, "sequential": isinstance(model, keras.Sequential),
            "fresh": model is not again, "outputs": outputs, "params": int(model.count_params()),
            "layers": layers}


def _loss_name(loss):
    if isinstance(loss, str):
        return loss
    return getattr(loss, "name", None) or getattr(loss, "__name__", None) or type(loss).__name__


def _grader_mlp():
    """The exercise's MLP built by the grader (what a correct build_mlp() returns), so that compile_mlp is
    checked apart from build_mlp."""
    return keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),
                             keras.layers.Dense(300, activation="relu"), keras.layers.Dense(100, activation="relu"),
                             keras.layers.Dense(10, activation="softmax")])


def _compiled_by_student(mod, model):
    compiled = mod.compile_mlp(model)
    return model if compiled is None else compiled


@probe
def settings(mod):
    """The compiled settings of the grader's MLP after compile_mlp, as plain strings and numbers."""
    model = _compiled_by_student(mod, _grader_mlp())
    optimizer = model.optimizer
    learning_rate = getattr(optimizer, "learning_rate", None)
    try:
        learning_rate = float(np.asarray(learning_rate))
    except (TypeError, ValueError):
        learning_rate = None
    return {"loss": str(_loss_name(model.loss)),
            "optimizer": type(optimizer).__name__ if optimizer is not None else "None",
            "learning_rate": learning_rate}


@probe
def evaluation(mod, x, y):
    """model.evaluate's dict on (x, y) and the probabilities, for the grader's MLP after compile_mlp."""
    model = _compiled_by_student(mod, _grader_mlp())
    results = model.evaluate(x, y, batch_size=len(x), return_dict=True, verbose=0)
    return {"results": {str(k): float(np.asarray(v)) for k, v in results.items()},
            "probabilities": model.predict(x, batch_size=len(x), verbose=0)}


@functools.cache
def _training_data():
    """The generated images scaled to [0, 1] and their labels, made once per process."""
    images, labels = fashion_like(N_IMAGES, seed=DATA_SEED)
    return images.astype(np.float32) / 255.0, labels


def _fit_and_predict(model, x, labels, epochs, batch_size, seed):
    """fit(epochs, batch_size) on the training images (fit_epochs: the same updates in one graph call), then the
    predicted classes of the validation images."""
    fit_epochs(model, x[N_VALID:], labels[N_VALID:], epochs=epochs, batch_size=batch_size, seed=seed)
    probabilities = np.asarray(model(x[:N_VALID], training=False))
    return {"predicted": np.argmax(probabilities.reshape(N_VALID, -1), axis=-1)}


@probe
def trained_build(mod, seed, epochs, batch_size):
    """Validation predictions of build_mlp()'s model, compiled by the grader as the exercise asks (SGD, sparse
    categorical cross-entropy), after fit on the generated images (scaled here, not by split_and_scale)."""
    x, labels = (array.copy() for array in _training_data())  # a copy: student code may write into it
    keras.utils.set_random_seed(seed)
    model = mod.build_mlp()
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    return _fit_and_predict(model, x, labels, epochs, batch_size, seed)


@probe
def trained_compile(mod, seed, epochs, batch_size):
    """Validation predictions of the grader's MLP compiled by compile_mlp, after fit on the generated images."""
    x, labels = (array.copy() for array in _training_data())
    keras.utils.set_random_seed(seed)
    model = _compiled_by_student(mod, _grader_mlp())
    return _fit_and_predict(model, x, labels, epochs, batch_size, seed)


# ---- helpers in the trusted process --------------------------------------------------------

def _images(n, seed=3):
    return fashion_like(n, seed=seed)


def _expected_split(X, y, n_valid):
    return [X[n_valid:] / 255.0, y[n_valid:], X[:n_valid] / 255.0, y[:n_valid]]


def _same(a, b, scale=1.0):
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and np.allclose(a.astype(np.float64) * scale, b, atol=1e-5)


def _split_hints(got, X, y, n_valid):
    """Name the mistake when split_and_scale's arrays are not the expected ones."""
    arrays = got["arrays"]
    if got["count"] != 4:
        return ["validation-split"]
    pixels = [np.asarray(arrays[0], np.float64), np.asarray(arrays[2], np.float64)]
    scaled = all(p.size == 0 or p.max() <= 1.0 for p in pixels)
    raw = [p * (255.0 if scaled else 1.0) for p in pixels]
    hints = [] if scaled else ["pixels-not-scaled"]
    if not (_same(raw[0], X[n_valid:]) and _same(raw[1], X[:n_valid]) and _same(arrays[1], y[n_valid:])
            and _same(arrays[3], y[:n_valid])):
        hints.append("validation-split")
    return hints


def _check_split(got, X, y, n_valid):
    hints = _split_hints(got, X, y, n_valid)
    what = f"split_and_scale(X of shape {X.shape}, y, n_valid={n_valid})"
    expect(got["count"] == 4, f"{what} returned {got['count']} values; expected (X_train, y_train, X_valid, y_valid)",
           *hints)
    names = ("X_train", "y_train", "X_valid", "y_valid")
    for name, array, expected in zip(names, got["arrays"], _expected_split(X, y, n_valid), strict=True):
        expect(np.shape(array) == expected.shape, f"{what}: {name} has shape {np.shape(array)}, expected "
               f"{expected.shape} (the first n_valid rows are the validation set)", *hints)
    for name, index in (("X_train", 0), ("X_valid", 2)):
        expect(got["dtypes"][index].startswith("float"), f"{what}: {name} has dtype {got['dtypes'][index]}; "
               "divide by 255.0 to get floats in [0, 1]", "pixels-not-scaled")
        values = np.asarray(got["arrays"][index], np.float64)
        expect(values.size == 0 or (values.min() >= 0 and values.max() <= 1), f"{what}: {name} ranges from "
               f"{values.min():.4g} to {values.max():.4g}; pixels must be scaled to [0, 1] by /255", *hints)
    for name, array, expected in zip(names, got["arrays"], _expected_split(X, y, n_valid), strict=True):
        expect(_same(array, expected), f"{what}: {name} differs from the expected rows"
               + (" (pixels / 255)" if name.startswith("X") else " (labels unchanged)"), *hints)


def _short_error(reply):
    message = re.sub(r"\x1b\[[0-9;]*m", "", str(reply.get("message", ""))).split("Arguments received by")[0]
    text = re.sub(r"\s+", " ", message).strip()[:300]
    return f"{reply.get('type', 'Error')}: {text}"


def _activations(layers):
    """[(units, activation)] per Dense layer, taking a following activation layer when the Dense is linear."""
    dense = []
    for kind, units, activation in layers:
        if kind == "Dense":
            dense.append([units, activation])
        elif dense and dense[-1][1] == "linear" and kind in ("Activation", "ReLU", "Softmax"):
            dense[-1][1] = activation if kind == "Activation" else kind.lower()
    return dense


def _structure(student, input_shape, num_classes, n=6):
    batch = np.random.default_rng(1).uniform(size=(n, *input_shape)).astype(np.float32)
    got = student.run(structure, input_shape=list(input_shape), num_classes=num_classes, batch=batch)
    outputs = np.asarray(got["outputs"])
    what = f"build_mlp(input_shape={tuple(input_shape)}, num_classes={num_classes})"
    flat = outputs.ndim == 2
    expect(flat, f"{what}(x) for x of shape {batch.shape}: expected outputs of shape ({n}, {num_classes}), got "
           f"{outputs.shape}: the Dense layers saw each row of the image separately; start with Flatten",
           "no-flatten")
    expect(outputs.shape == (n, num_classes), f"{what}(x) for x of shape {batch.shape}: expected outputs of shape "
           f"({n}, {num_classes}), got {outputs.shape}")
    softmax = np.all(outputs >= 0) and np.allclose(outputs.sum(axis=1), 1, atol=1e-4)
    expect(softmax, f"{what}: each output row should be class probabilities summing to 1 (row sums "
           f"{[round(float(s), 3) for s in outputs.sum(axis=1)]}); end with Dense(num_classes, activation='softmax')",
           "wrong-output-activation")
    return got, what


# ---- cases ---------------------------------------------------------------------------------
#
# What the public cases show (a hidden case passes nothing they have not shown):
#
# | input a hidden case passes                                   | shown by the public case                  |
# | ------------------------------------------------------------ | ----------------------------------------- |
# | split_and_scale(X, y, n_valid=k): uint8 (n, 28, 28) images,   | test_split_small (40 images, n_valid=10)  |
# |   uint8 labels, k an int from 1 to n                          |                                           |
# | split_and_scale(X, y) without n_valid (its default, 5000)     | test_split_small (the same arrays)        |
# | build_mlp(input_shape=(h, w), num_classes=c): 2-D image       | test_build_default ((28, 28), 10)         |
# |   shapes and class counts, as keyword arguments               |                                           |
# | the model, called on a float32 (n, h, w) batch                | test_build_default (a float32 (6, 28, 28)) |
# | build_mlp(), compiled and trained by the grader               | test_build_default (build_mlp's defaults) |
# | compile_mlp(model): model the exercise's Sequential MLP       | no public case calls compile_mlp; the     |
# |   (built by the grader: what a correct build_mlp() returns)   |   model is what build_mlp() returns       |
#
# Each case checks one function: compile_mlp gets the grader's MLP (a build_mlp mistake does not cost
# compile_mlp's points), build_mlp's model is compiled by the grader for its training case, and the
# other training case trains the grader's MLP with compile_mlp's settings.
# test_current_apis reads the file (demo code included, which grading skips) for APIs that TF 2.16+/Keras 3
# removed or ignore, e.g. `y_pred = model.predict_classes(X_new)` in a notebook's last cell, or
# `SGD(learning_rate=0.01, decay=1e-4)` (Keras 3 ignores decay): they cost this public point and the
# message names the replacement. It needs test_build_default so that an unfinished file earns nothing.

@case("split_and_scale: first n_valid rows are validation, pixels / 255", points=1)
def test_split_small(student):
    X, y = _images(40)
    _check_split(student.run(split, X=X, y=y, n_valid=10), X, y, 10)


@case("split_and_scale: several n_valid, float pixels in [0, 1], labels unchanged", points=1, hidden=True,
      needs="test_split_small")
def test_split_values(student):
    X, y = _images(120, seed=4)
    for n_valid in (1, 37, 100):
        _check_split(student.run(split, X=X, y=y, n_valid=n_valid), X, y, n_valid)


@case("split_and_scale: default n_valid=5000", points=1, hidden=True, needs="test_split_small")
def test_split_default(student):
    n_rows, seed = 5040, 8
    got = student.run(split_default, n_rows=n_rows, seed=seed)
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 256, size=(n_rows, 28, 28), dtype=np.uint8)
    y = rng.integers(0, 10, size=n_rows, dtype=np.uint8)
    expected = _expected_split(X, y, 5000)
    shapes = [list(e.shape) for e in expected]
    expect(got["shapes"] == shapes, f"split_and_scale on {n_rows} rows without n_valid: shapes {got['shapes']}, "
           f"expected {shapes} (n_valid defaults to 5000)", "validation-split")
    for name, ends, array in zip(("X_train", "y_train", "X_valid", "y_valid"), got["ends"], expected, strict=True):
        expect(_same(ends, array[[0, -1]]), f"split_and_scale without n_valid: the first and last rows of {name} "
               "differ from the expected ones")


@case("build_mlp: Flatten, Dense(300, relu), Dense(100, relu), Dense(10, softmax)", points=1)
def test_build_default(student):
    got, what = _structure(student, (28, 28), 10)
    expect(got["fresh"], "build_mlp must return a new model on each call")
    dense = _activations(got["layers"])
    expected = [[300, "relu"], [100, "relu"], [10, "softmax"]]
    expect(dense == expected, f"{what}: Dense layers (units, activation) are {dense}, expected {expected}",
           *(["wrong-output-activation"] if dense and dense[-1][1] != "softmax" else []))
    kinds = [kind for kind, _, _ in got["layers"]]
    expect("Flatten" in kinds, f"{what}: no Flatten layer among {kinds}", "no-flatten")
    expect(got["sequential"], f"build_mlp should return a keras.Sequential, got {got['class']}")


@case("build_mlp: 266,610 parameters for 28x28 images and 10 classes", points=1, needs="test_build_default")
def test_parameter_count(student):
    got, _ = _structure(student, (28, 28), 10)
    expect(got["params"] == DEFAULT_PARAMS, f"build_mlp() has {got['params']:,} parameters, expected "
           f"{DEFAULT_PARAMS:,} (784*300 + 300 + 300*100 + 100 + 100*10 + 10)")


@case("uses only current TensorFlow/Keras APIs (the whole file is read, demo code too; nothing is run)", points=1,
      needs="test_build_default")
def test_current_apis(source):
    expect_current_apis(source)


@case("build_mlp: other image sizes and class counts", points=1, hidden=True, needs="test_build_default")
def test_build_other_shapes(student):
    for input_shape, num_classes in (((8, 8), 3), ((12, 10), 5), ((20, 16), 2)):  # images: (height, width)
        got, what = _structure(student, input_shape, num_classes)
        inputs = int(np.prod(input_shape))
        params = inputs * 300 + 300 + 300 * 100 + 100 + 100 * num_classes + num_classes
        dense = _activations(got["layers"])
        expected = [[300, "relu"], [100, "relu"], [num_classes, "softmax"]]
        expect(dense == expected, f"{what}: Dense layers (units, activation) are {dense}, expected {expected}")
        expect(got["params"] == params, f"{what} has {got['params']:,} parameters, expected {params:,}")


@case("compile_mlp: sparse categorical cross-entropy, SGD, accuracy", points=1, hidden=True)
def test_compiled(student):
    got = student.run(settings)
    sparse = "sparse" in got["loss"].lower()
    x, y = (np.random.default_rng(5).uniform(size=(30, 28, 28)).astype(np.float32),
            np.arange(30, dtype=np.uint8) % 10)
    try:
        evaluated = student.run(evaluation, x=x, y=y)
    except StudentRaised as raised:
        if not sparse:
            fail(f"model.evaluate on integer labels raised {_short_error(raised.reply)}. The loss is {got['loss']}: "
                 "labels 0-9 need sparse categorical cross-entropy", "not-sparse-loss")
        raise
    probabilities = np.asarray(evaluated["probabilities"], np.float64)
    expected_loss = -np.mean(np.log(np.clip(probabilities[np.arange(len(y)), y], 1e-7, 1)))
    results = evaluated["results"]
    expect(np.isclose(results.get("loss", np.nan), expected_loss, rtol=1e-3, atol=1e-5),
           f"the compiled loss ({got['loss']}) gives {results.get('loss', float('nan')):.4g} on a test batch; sparse "
           f"categorical cross-entropy of the model's probabilities gives {expected_loss:.4g}"
           + (" (from_logits=True? the model's softmax already outputs probabilities)" if sparse else ""),
           *([] if sparse else ["not-sparse-loss"]))
    expect(got["optimizer"] == "SGD", f"the optimizer is {got['optimizer']}; this exercise uses SGD "
           "(e.g. optimizer='sgd')", "not-sgd")
    accuracy = float(np.mean(np.argmax(probabilities, axis=1) == y))
    metrics = {k: v for k, v in results.items() if k != "loss"}
    expect(any(np.isclose(v, accuracy, atol=1e-6) for v in metrics.values()),
           f"no compiled metric gives the accuracy ({accuracy:.4g}) on a test batch; metrics: {metrics}; use "
           "metrics=['accuracy']")


def _check_training(student, reference, probe, seed, what):
    _, labels = fashion_like(N_IMAGES, seed=DATA_SEED)
    valid = labels[:N_VALID]
    got = student.run(probe, seed=seed, epochs=EPOCHS, batch_size=BATCH_SIZE, budget=60)
    accuracy = float(np.mean(np.asarray(got["predicted"]) == valid))
    ref = reference.run(probe, seed=seed, epochs=EPOCHS, batch_size=BATCH_SIZE)
    expected = float(np.mean(np.asarray(ref["predicted"]) == valid))
    expect(accuracy >= expected - MARGIN, f"{what}, after fit({EPOCHS} epochs, batch_size={BATCH_SIZE}) on 2,000 "
           f"generated 28x28 images (seed {seed}): validation accuracy {accuracy:.3f}; the reference reaches "
           f"{expected:.3f}, at least {expected - MARGIN:.3f} is needed")


@case("build_mlp's model, compiled by the grader (SGD), learns the generated images", points=1, hidden=True,
      needs="test_parameter_count")
def test_training_build(student, reference):
    _check_training(student, reference, trained_build, BUILD_SEED,
                    "build_mlp() compiled with SGD and sparse categorical cross-entropy by the grader")


@case("compile_mlp's settings train the exercise's MLP on the generated images", points=1, hidden=True,
      needs="test_compiled")
def test_training_compile(student, reference):
    _check_training(student, reference, trained_compile, COMPILE_SEED,
                    "the exercise's MLP (built by the grader) compiled by compile_mlp")
