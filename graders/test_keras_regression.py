"""Grader for exercise 7, keras_regression: the Sequential and functional APIs on a quadratic.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `build_*_regressor(input_dim)`: another int: `test_sequential_structure`, `test_functional_structure`
  (`input_dim=2`).
- the model, called on a float32 `(n, input_dim)` batch: the same two cases (a float32 `(5, 2)` batch).
- the model compiled (Adam + mse) and trained by the grader on the course data: no student code runs there but the
  builder, called with `input_dim=2` as in the structure cases.
"""

import itertools

import keras
import numpy as np

from tfgrade.grading import assert_close, case, expect, fail, margin, probe
from tfgrade.grading.keras_probes import compiled_loss, fit_fast

POSITION = 7
EXPECTED_NAMES = ("quadratic_features", "build_sequential_regressor", "build_functional_regressor",
                  "fitted_coefficients")
MISTAKES = ("feature-order", "coefficient-order", "lr-kwarg", "stub-unchanged")
TRUE_COEFFICIENTS = (2.0, 3.0, 5.0)  # y = 2*x**2 + 3*x + 5
# The grader trains every model the same way, whatever optimizer the student compiled with (the
# course's SGD would need a far smaller step on features up to 25): Adam(learning_rate=0.1) on
# the mean squared error, full batch, TRAIN_STEPS steps. The reference lands within 1e-3 of
# (2, 3, 5) for every seed tried; students get COEFFICIENT_TOLERANCE.
TRAIN_STEPS, TRAIN_LEARNING_RATE, COEFFICIENT_TOLERANCE = 1500, 0.1, 0.02
BUILDERS = ("build_sequential_regressor", "build_functional_regressor")
LOSS_TRUE = np.array([[1.0], [-2.0], [0.5], [3.0]], np.float32)  # the compiled loss is evaluated on this batch
LOSS_PRED = np.array([[0.5], [-1.0], [2.0], [2.5]], np.float32)


def _course_data():
    x = np.arange(-5, 5, 0.1)
    features = np.stack([x**2, x], axis=1).astype(np.float32)
    return x, features, (2 * x**2 + 3 * x + 5).astype(np.float32).reshape(-1, 1)


# ---- probes --------------------------------------------------------------------------------



@probe
def features(mod, x):
    value = mod.quadratic_features(x)
    return {"value": np.asarray(value), "dtype": str(np.asarray(value).dtype)}


def _dense_layers(model):
    return [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]




def _input_shape(model):
    try:
        return list(model.inputs[0].shape) if model.inputs else None
    except (AttributeError, ValueError):  # a Sequential without an Input has no inputs before it is called
        return None


@probe
def structure(mod, builder, input_dim):
    model = getattr(mod, builder)(input_dim)
    again = getattr(mod, builder)(input_dim)
    declared = _input_shape(model)
    x = np.linspace(-1, 1, 5 * input_dim, dtype=np.float32).reshape(5, input_dim)
    out = model(x)
    dense = _dense_layers(model)
    loss, loss_value = compiled_loss(model, LOSS_TRUE, LOSS_PRED)
    return {"sequential": isinstance(model, keras.Sequential), "model": isinstance(model, keras.Model),
            "type": type(model).__name__, "shape": list(out.shape), "params": int(model.count_params()),
            "dense": [[layer.units, getattr(layer.activation, "__name__", str(layer.activation))] for layer in dense],
            "input_shape": declared, "loss": loss, "loss_value": loss_value,
            "fresh": again is not model and not set(map(id, _dense_layers(again))) & set(map(id, dense))}


@probe
def coefficients_of(mod, builder, kernel, bias):
    """fitted_coefficients of the builder's model after the grader sets its Dense weights; None when the builder
    gives no model with a Dense layer (its own case says why)."""
    try:
        model = getattr(mod, builder)(2)
        model(np.zeros((1, 2), np.float32))
        layer = _dense_layers(model)[-1]
    except Exception:  # the builder's own case reports its failure
        return None
    layer.set_weights([np.asarray(kernel, np.float32), np.asarray(bias, np.float32)])
    return [float(np.ravel(v)[0]) for v in mod.fitted_coefficients(model)]


@probe
def trained(mod, builder, seed, steps, learning_rate):
    """The Dense layer's (kernel[0], kernel[1], bias) after the grader trains the builder's model."""
    _, x, y = _course_data()
    keras.utils.set_random_seed(seed)
    model = getattr(mod, builder)(2)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="mse")
    fit_fast(model, x, y, steps)
    kernel, bias = _dense_layers(model)[-1].get_weights()
    return {"weights": [float(kernel[0, 0]), float(kernel[1, 0]), float(bias[0])]}


# ---- helpers in the trusted process --------------------------------------------------------

def _is_mse(got):
    if got["loss_value"] is None:
        return got["loss"].lower() in ("mse", "mean_squared_error", "meansquarederror")
    expected = float(np.mean((LOSS_TRUE.astype(np.float64) - LOSS_PRED) ** 2))
    return bool(np.isclose(got["loss_value"], expected, rtol=1e-4))


def _check_structure(student, builder, input_dim):
    got = student.run(structure, builder=builder, input_dim=input_dim)
    call = f"{builder}({input_dim})"
    expect(got["model"], f"{call} should return a Keras model, got a {got['type']}")
    expect(got["shape"] == [5, 1], f"{call}(x) for x of shape (5, {input_dim}): expected output shape (5, 1), got "
           f"{tuple(got['shape'])}")
    expect(len(got["dense"]) == 1 and got["dense"][0][0] == 1,
           f"{call}: expected one Dense layer with 1 unit, got Dense layers {got['dense']}")
    expect(got["params"] == input_dim + 1, f"{call}: expected {input_dim + 1} parameters (one weight per feature "
           f"and a bias), got {got['params']}")
    expect(got["dense"][0][1] == "linear", f"{call}: the Dense layer has activation {got['dense'][0][1]}; a "
           "regression output needs none (linear)")
    value = "" if got["loss_value"] is None else f" (it gives {got['loss_value']:.4g} on a test batch)"
    expect(_is_mse(got), f"{call}: compile the model with loss='mse'; its loss is {got['loss']}{value}")
    return got


def _order_hint(got, expected):
    """'coefficient-order' when the student returned the right three numbers in another order."""
    for order in itertools.permutations(range(3)):
        if order != (0, 1, 2) and np.allclose([got[i] for i in order], expected, rtol=1e-4, atol=1e-4):
            return ["coefficient-order"]
    return []


# ---- cases ---------------------------------------------------------------------------------
#
# What the public cases show (a hidden case passes nothing they have not shown):
#
# | input a hidden case passes                           | shown by the public case                      |
# | ---------------------------------------------------- | -------------------------------------------- |
# | build_*_regressor(input_dim): input_dim another int   | test_*_structure (input_dim=2)               |
# | the model, called on float32 (n, input_dim)           | test_*_structure (a float32 (5, 2) batch)    |
# | the model, compiled with Adam + mse and trained by    | no student code runs there but the builder,  |
# |   the grader on the course data (float32 (100, 2))    |   called with input_dim=2 as in test_*_structure |
#
# quadratic_features and fitted_coefficients have public cases only: float64 (np.arange, the course's
# data) and float32 1-D arrays; models of both builders with weights set by the grader.
# Each case checks one function: fitted_coefficients is checked on the builders' models but not graded
# for a builder's mistake (a model that does not build is left out), and the training cases read the
# Dense layer's weights themselves instead of calling fitted_coefficients.

@case("quadratic_features: float32 (n, 2) with columns [x**2, x], for float64 and float32 x", points=1)
def test_features(student):
    x_course, course_features, _ = _course_data()
    small = np.array([-2.0, -1.0, 0.0, 0.5, 3.0], np.float32)
    for x, expected, said in ((small, np.stack([small**2, small], axis=1), "[-2, -1, 0, 0.5, 3] (float32)"),
                              (x_course, course_features, "np.arange(-5, 5, 0.1) (float64)")):
        got = student.run(features, x=x)
        value, what = got["value"], f"quadratic_features({said})"
        expect(value.shape == expected.shape, f"{what}: expected shape {expected.shape}, got {value.shape}")
        hints = ["feature-order"] if np.allclose(value, expected[:, ::-1], rtol=1e-5) else []
        assert_close(value, expected, rtol=1e-5, atol=1e-5, what=what, hints=hints)
        expect(got["dtype"] == "float32", f"{what}: expected a float32 array, got {got['dtype']} (convert with "
               ".astype(np.float32))")


@case("build_sequential_regressor: one Dense unit, loss mse", points=1)
def test_sequential_structure(student):
    got = _check_structure(student, "build_sequential_regressor", 2)
    expect(got["sequential"], f"build_sequential_regressor should return a keras.Sequential, got a {got['type']}")


@case("build_functional_regressor: Input (None, d) -> Dense(1), loss mse", points=1)
def test_functional_structure(student):
    got = _check_structure(student, "build_functional_regressor", 2)
    _check_functional(got, 2)


@case("fitted_coefficients reads (w1, w2, b0) from the Dense layer", points=1)
def test_fitted_coefficients(student):
    kernel, bias, expected = [[0.7], [-1.3]], [2.2], [0.7, -1.3, 2.2]
    checked = []
    for builder in BUILDERS:
        got = student.run(coefficients_of, builder=builder, kernel=kernel, bias=bias)
        if got is None:
            continue
        expect(len(got) == 3, f"fitted_coefficients should return three numbers (w1, w2, b0), got {len(got)}")
        assert_close(np.asarray(got), np.asarray(expected), rtol=1e-5, atol=1e-6,
                     what=f"fitted_coefficients of a {builder} model with kernel [[0.7], [-1.3]] and bias [2.2]",
                     hints=_order_hint(got, expected))
        checked.append(builder)
    expect(checked, "fitted_coefficients could not be checked: neither builder returns a model with a Dense layer "
           "(see the builders' cases)")
    if len(checked) < len(BUILDERS):
        return f"checked on the {checked[0]} model only: the other builder gives no model with a Dense layer"
    return None


@case("build_sequential_regressor: other input sizes, a fresh model per call", points=1, hidden=True,
      needs="test_sequential_structure")
def test_sequential_general(student):
    _check_general(student, "build_sequential_regressor")


@case("build_functional_regressor: other input sizes, a fresh model per call", points=1, hidden=True,
      needs="test_functional_structure")
def test_functional_general(student):
    _check_general(student, "build_functional_regressor")


def _check_functional(got, input_dim):
    expect(not got["sequential"], "build_functional_regressor should use the functional API (keras.Input, then "
           "keras.Model(inputs, outputs)), not keras.Sequential")
    expect(got["input_shape"] == [None, input_dim], f"build_functional_regressor({input_dim}): expected an Input "
           f"of batch shape (None, {input_dim}), got "
           f"{None if got['input_shape'] is None else tuple(got['input_shape'])}")


def _check_general(student, builder):
    for input_dim in (1, 3):
        got = _check_structure(student, builder, input_dim)
        expect(got["fresh"], f"two calls of {builder}({input_dim}) share layers: build a new model each call")
        if builder == "build_functional_regressor":
            _check_functional(got, input_dim)


def _quadratic(coefficients, x):
    return coefficients[0] * x**2 + coefficients[1] * x + coefficients[2]


def _check_trained(student, reference, builder, figures):
    for seed in (0, 1):
        arguments = {"builder": builder, "seed": seed, "steps": TRAIN_STEPS, "learning_rate": TRAIN_LEARNING_RATE}
        expected = reference.run(trained, **arguments)
        if max(abs(np.subtract(expected["weights"], TRUE_COEFFICIENTS))) > COEFFICIENT_TOLERANCE / 2:
            fail(f"the reference did not converge ({expected['weights']}); tell your instructor")
        got = student.run(trained, **arguments)
        if seed == 0:
            x = np.arange(-5, 5, 0.1)
            figures.add("curves", f"{builder}: the fitted quadratic", x=x, xlabel="x", ylabel="y",
                        points={"x": x, "y": _quadratic(TRUE_COEFFICIENTS, x)},
                        series={"you": _quadratic(got["weights"], x), "reference": _quadratic(expected["weights"], x)})
        what = (f"{builder}(2) trained by the grader ({TRAIN_STEPS} full-batch Adam steps, learning rate "
                f"{TRAIN_LEARNING_RATE}, seed {seed})")
        margin(f"{builder}: largest |coefficient - true|, seed {seed}",
               np.max(np.abs(np.subtract(got["weights"], TRUE_COEFFICIENTS))), COEFFICIENT_TOLERANCE)
        weights_ok = np.allclose(got["weights"], TRUE_COEFFICIENTS, atol=COEFFICIENT_TOLERANCE)
        expect(weights_ok, f"{what}: its Dense layer's kernel and bias are {np.round(got['weights'], 3).tolist()}, "
               f"expected close to {list(TRUE_COEFFICIENTS)} (±{COEFFICIENT_TOLERANCE})")


@case("Sequential model trained on the course data recovers (2, 3, 5)", points=2, hidden=True,
      needs="test_sequential_structure")
def test_sequential_trained(student, reference, figures):
    _check_trained(student, reference, "build_sequential_regressor", figures)


@case("functional model trained on the course data recovers (2, 3, 5)", points=2, hidden=True,
      needs="test_functional_structure")
def test_functional_trained(student, reference, figures):
    _check_trained(student, reference, "build_functional_regressor", figures)
