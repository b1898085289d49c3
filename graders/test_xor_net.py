"""Grader for exercise 5, xor_net: logic gates and the XOR network.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `build_gate_model()` / `build_xor_model()`: called with no argument, as in test_gate_structure and
  test_xor_structure; the models they return are called on X, the four (4, 2) float32 XOR points, as there.
  Training is the grader's own loop over the model's train_step on X and (4, 1) float32 targets; the student's
  code only runs inside the model, on the same X.
- `GATE_EPOCHS` / `XOR_EPOCHS`: read as module constants (never called).
- `boundary_line(weights, bias)`: NumPy float32 weights of shape (2,) with a Python float bias, and of shape
  (2, 1) with a float32 bias of shape (1,) (what `layer.get_weights()` gives): test_boundary_simple passes both.
"""

import re

import keras
import numpy as np

from tfgrade.grading import assert_close, case, expect, fail, margin, probe
from tfgrade.grading.compare import is_binary_crossentropy
from tfgrade.grading.keras_probes import compiled_loss, model_input_shape, trained_per_seed
from tfgrade.grading.probes import StudentRaised

POSITION = 5
EXPECTED_NAMES = ("GATE_EPOCHS", "XOR_EPOCHS", "build_gate_model", "build_xor_model", "boundary_line")
MISTAKES = ("no-hidden-layer", "linear-hidden-layer", "softmax-single-unit", "wrong-loss", "wrong-input-shape",
            "boundary-sign", "unreliable-recipe", "lr-kwarg", "predict-classes", "removed-api", "stub-unchanged")
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32)
TARGETS = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}
DEFAULT_EPOCHS, MAX_EPOCHS = 2000, 5000
GATE_SEEDS, XOR_SEEDS = (0, 1), (0, 1, 2, 3, 4)
GRID_SIDE = 41
GRID = np.stack(np.meshgrid(np.linspace(-0.5, 1.5, GRID_SIDE), np.linspace(-0.5, 1.5, GRID_SIDE)), -1).reshape(-1, 2)
GRID = GRID.astype(np.float32)
# Points around the unit square where an untrained model's output tells whether it is sigmoid(affine(x)).
PLANE = np.random.default_rng(2).uniform(-2, 2, size=(64, 2)).astype(np.float32)
LOSS_TRUE = np.array([[0], [1], [1], [0]], np.float32)  # the compiled loss is evaluated on this batch
LOSS_PRED = np.array([[0.2], [0.7], [0.4], [0.9]], np.float32)


# ---- probes --------------------------------------------------------------------------------

@probe
def constants(mod):
    return {name: getattr(mod, name, None) if isinstance(getattr(mod, name, None), int) else
            (None if not hasattr(mod, name) else repr(getattr(mod, name))[:40]) for name in
            ("GATE_EPOCHS", "XOR_EPOCHS")}


@probe
def structure(mod, builder):
    model = getattr(mod, builder)()
    out = model(X)
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    loss, loss_value = compiled_loss(model, LOSS_TRUE, LOSS_PRED)
    return {"shape": list(out.shape), "outputs": out, "params": int(model.count_params()),
            "dense": [[layer.units, getattr(layer.activation, "__name__", str(layer.activation))] for layer in dense],
            "loss": loss, "loss_value": loss_value, "input_shape": model_input_shape(model)}


def _layer_name(layer):
    """`Dense(8, tanh)`, `Activation(sigmoid)`, `LeakyReLU`: one layer as a student would write it."""
    activation = getattr(getattr(layer, "activation", None), "__name__", None)
    if isinstance(layer, keras.layers.Dense):
        return f"Dense({layer.units})" if activation in (None, "linear") else f"Dense({layer.units}, {activation})"
    if isinstance(layer, keras.layers.Activation):
        return f"Activation({activation})"
    return type(layer).__name__


@probe
def recipe(mod, builder):
    """An untrained model's outputs over PLANE, its layers and its optimizer settings."""
    model = getattr(mod, builder)()
    optimizer = getattr(model, "optimizer", None)
    try:
        rate = float(np.asarray(optimizer.learning_rate))
    except (AttributeError, TypeError, ValueError):  # a schedule, or no optimizer
        rate = None
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    return {"outputs": model(PLANE), "layers": [_layer_name(layer) for layer in layers],
            "optimizer": type(optimizer).__name__, "learning_rate": rate}


@probe
def declared_input(mod, builder):
    """The input shape the model was built for, without calling it (for a model that rejects (4, 2) batches)."""
    return model_input_shape(getattr(mod, builder)())


@probe
def trained(mod, builder, gate, epochs, seeds):
    y = np.array(TARGETS[gate], np.float32).reshape(-1, 1)
    results, grid = [], None
    for model in trained_per_seed(getattr(mod, builder), X, y, epochs, seeds):
        results.append(np.ravel(model(X)))
        if grid is None:  # the first seed's model over the plane, for the feedback plot
            grid = np.reshape(model(GRID), (GRID_SIDE, GRID_SIDE))
    return {"outputs": results, "grid": grid}


@probe
def boundary(mod, weights, bias):
    return list(mod.boundary_line(weights, bias))


# ---- helpers in the trusted process --------------------------------------------------------

def _epochs(student, name):
    value = student.run(constants)[name]
    if not isinstance(value, int):
        return DEFAULT_EPOCHS, f"{name} is missing or not an int ({value}): trained for {DEFAULT_EPOCHS} epochs."
    if value > MAX_EPOCHS:
        return MAX_EPOCHS, f"{name} = {value} is over {MAX_EPOCHS}: trained for {MAX_EPOCHS} epochs."
    return max(value, 1), ""


def _successes(outputs, gate):
    return sum(bool(np.all((np.asarray(o) > 0.5) == np.array(TARGETS[gate], bool))) for o in outputs)


def _confidence(outputs, gate):
    """How far inside the 0.5 threshold the worst output of any seed lands (negative: on the wrong side)."""
    signs = np.where(np.array(TARGETS[gate]) == 1, 1.0, -1.0)
    return float(min(np.min((np.asarray(o) - 0.5) * signs) for o in outputs))


def _binary_crossentropy(got):
    return is_binary_crossentropy(got["loss"], got["loss_value"], LOSS_TRUE, LOSS_PRED)


def _always_one(got):
    """Softmax over a single unit: every output is exactly 1.0, whatever the input (a sigmoid gives 0.5 at
    the origin, the first point of X, with the zero bias Keras starts from)."""
    values = np.asarray(got["outputs"], np.float64)
    return values.ndim == 2 and values.shape[-1] == 1 and bool(np.all(values == 1.0))


def _structure_hints(got):
    hints = []
    if got["input_shape"] not in (None, [2]):
        hints.append("wrong-input-shape")
    if _always_one(got):
        hints.append("softmax-single-unit")
    if not _binary_crossentropy(got):
        hints.append("wrong-loss")
    return hints


def _short_error(reply):
    """`Type: message` on one line, without Keras's ANSI codes, call banner and argument list."""
    message = re.sub(r"\x1b\[[0-9;]*m", "", str(reply.get("message", ""))).split("Arguments received by")[0]
    lines = [line.strip() for line in message.splitlines() if not line.startswith("Exception encountered")]
    text = re.sub(r"\s+", " ", " ".join(lines)).strip()
    return f"{reply.get('type', 'Error')}: {text[:300].rstrip('.')}"


def _structure(student, builder):
    """student.run(structure); a model that rejects (4, 2) batches because it was built for another shape is named."""
    try:
        return student.run(structure, builder=builder)
    except StudentRaised as raised:
        try:
            declared = student.run(declared_input, builder=builder)
        except StudentRaised:
            raise raised from None
        if declared in (None, [2]):
            raise
        fail(f"{builder}()(x) for x of shape (4, 2) raised {_short_error(raised.reply)}. The model was built for "
             f"inputs of shape {tuple(declared)}; each sample here has 2 features: use keras.Input(shape=(2,)).",
             "wrong-input-shape")


def _check_structure(student, builder):
    got = _structure(student, builder)
    hints = _structure_hints(got)
    expect(got["shape"] == [4, 1], f"{builder}()(x) for x of shape (4, 2): expected output shape (4, 1), got "
           f"{tuple(got['shape'])}", *hints)
    outputs = np.asarray(got["outputs"])
    expect(np.all((outputs >= 0) & (outputs <= 1)), f"{builder}: outputs should be sigmoid probabilities in [0, 1]",
           *hints)
    expect("softmax-single-unit" not in hints, f"{builder}: the model outputs 1.0 for every input: a softmax over "
           "one unit always gives 1.0", *hints)
    return got, hints


def _affine_logit(outputs):
    """Whether probabilities over PLANE are sigmoid(a*x + b*y + c): then no hidden layer bends the boundary.

    Decided on the points with probabilities in (0.01, 0.99), where float32 keeps the logit to about 1e-5;
    with fewer than 8 such points nothing is concluded.
    """
    p = np.ravel(np.asarray(outputs, np.float64))
    keep = (p > 0.01) & (p < 0.99)
    if p.size != len(PLANE) or keep.sum() < 8:
        return False
    logit = np.log(p[keep]) - np.log1p(-p[keep])
    design = np.column_stack([PLANE[keep].astype(np.float64), np.ones(int(keep.sum()))])
    coefficients, *_ = np.linalg.lstsq(design, logit, rcond=None)
    return float(np.max(np.abs(design @ coefficients - logit))) < 1e-3


def _xor_failure_cause(student, epochs):
    """(hint ids, sentence): why a model that passed the structure checks does not learn XOR."""
    got = student.run(recipe, builder="build_xor_model")
    layers = " -> ".join(got["layers"])
    if _affine_logit(got["outputs"]):
        return ["linear-hidden-layer"], (f"Your model ({layers}) computes sigmoid(a*x + b*y + c) of its inputs: "
                                         "without a non-linear activation after a hidden Dense layer, the layers "
                                         "stack into one linear map, and no line separates XOR.")
    if not _binary_crossentropy(student.run(structure, builder="build_xor_model")):
        return ["wrong-loss"], "The loss it is compiled with cannot train one sigmoid output."
    rate = "" if got["learning_rate"] is None else f", learning rate {got['learning_rate']:g}"
    return ["unreliable-recipe"], (f"Your model ({layers}) can represent XOR, but this recipe ({got['optimizer']}"
                                   f"{rate}, {epochs} epochs) reaches 100% on too few seeds.")


# ---- cases ---------------------------------------------------------------------------------

@case("gate model: one sigmoid unit on inputs (2,)", points=1)
def test_gate_structure(student):
    got, hints = _check_structure(student, "build_gate_model")
    expect(got["params"] == 3, f"build_gate_model: expected one Dense unit (3 parameters), got {got['params']}",
           *hints)


@case("XOR model: a hidden layer, output (None, 1) in [0, 1]", points=1)
def test_xor_structure(student):
    got, _ = _check_structure(student, "build_xor_model")
    expect(len(got["dense"]) >= 2, "build_xor_model has a single Dense layer: XOR needs a hidden layer",
           "no-hidden-layer")


BOUNDARY_KINDS = [("weights of shape (2,), a float bias", np.array([1.0, 2.0], np.float32), -1.0),
                  ("weights of shape (2, 1), bias of shape (1,)", np.array([[1.0], [2.0]], np.float32),
                   np.array([-1.0], np.float32))]


@case("boundary_line on a simple unit, for each weight shape", points=1)
def test_boundary_simple(student):
    for what, weights, bias in BOUNDARY_KINDS:
        got = student.run(boundary, weights=weights, bias=bias)
        hints = ["boundary-sign"] if np.allclose(np.abs(got), [0.5, 0.5]) else []
        assert_close(np.asarray(got, np.float64), [-0.5, 0.5], rtol=1e-6, atol=1e-6,
                     what=f"boundary_line for w = [1, 2], bias = -1 ({what})", hints=hints)


def _check_compiled(student, builder):
    got = student.run(structure, builder=builder)
    value = "" if got["loss_value"] is None else f" (it gives {got['loss_value']:.4g} on a test batch)"
    expect(_binary_crossentropy(got), f"{builder}: the loss is {got['loss']}{value}; use binary cross-entropy",
           "wrong-loss")


@case("gate model compiled for binary classification", points=1, hidden=True, needs=test_gate_structure)
def test_gate_compiled(student):
    _check_compiled(student, "build_gate_model")


@case("XOR model compiled for binary classification", points=1, hidden=True, needs=test_xor_structure)
def test_xor_compiled(student):
    _check_compiled(student, "build_xor_model")


@case("AND and OR are learned", points=2, hidden=True, needs=test_gate_structure)
def test_gates_learned(student, figures):
    epochs, note = _epochs(student, "GATE_EPOCHS")
    for gate in ("AND", "OR"):
        run = student.run(trained, builder="build_gate_model", gate=gate, epochs=epochs, seeds=list(GATE_SEEDS))
        figures.add("field", f"{gate}: your gate model after training (seed {GATE_SEEDS[0]})", values=run["grid"],
                    points={"x": X[:, 0], "y": X[:, 1], "labels": TARGETS[gate]})
        wins = _successes(run["outputs"], gate)
        margin(f"{gate}: smallest distance of an output from 0.5, on its target's side",
               _confidence(run["outputs"], gate), 0.0, below=False, passed=wins, of=len(GATE_SEEDS))
        expect(wins == len(GATE_SEEDS), f"{gate}: 100% accuracy on {wins} of {len(GATE_SEEDS)} seeds after {epochs} "
               f"epochs (all needed). {note}".strip())
    return note


@case("XOR is learned as reliably as the reference", points=2, hidden=True, needs=test_xor_structure)
def test_xor_learned(student, reference, figures):
    epochs, note = _epochs(student, "XOR_EPOCHS")
    reference_epochs = reference.run(constants)["XOR_EPOCHS"]
    outputs = student.run(trained, builder="build_xor_model", gate="XOR", epochs=epochs, seeds=list(XOR_SEEDS),
                          budget=120)
    expected = reference.run(trained, builder="build_xor_model", gate="XOR", epochs=reference_epochs,
                             seeds=list(XOR_SEEDS))
    for name, run in (("your model", outputs), ("the reference", expected)):
        figures.add("field", f"XOR: {name} after training (seed {XOR_SEEDS[0]})", values=run["grid"],
                    points={"x": X[:, 0], "y": X[:, 1], "labels": TARGETS["XOR"]})
    wins, reference_wins = _successes(outputs["outputs"], "XOR"), _successes(expected["outputs"], "XOR")
    margin("XOR: seeds reaching 100%", wins, reference_wins - 1, below=False, passed=wins, of=len(XOR_SEEDS))
    if wins < reference_wins - 1:
        hints, why = _xor_failure_cause(student, epochs)
        fail(f"XOR: 100% accuracy on {wins} of {len(XOR_SEEDS)} seeds after {epochs} epochs; the reference reaches "
             f"{reference_wins} of {len(XOR_SEEDS)} (you need at least {reference_wins - 1}). {why} {note}".strip(),
             *hints)
    return note


@case("boundary_line: values for both weight shapes", points=1, hidden=True, needs=test_boundary_simple)
def test_boundary_values(student):
    rng = np.random.default_rng(3)
    for shape in ((2,), (2, 1)):  # the kinds test_boundary_simple shows: (2,) with a float, (2, 1) with (1,)
        weights = rng.normal(size=shape).astype(np.float32)
        bias = float(rng.normal()) if len(shape) == 1 else rng.normal(size=(1,)).astype(np.float32)
        w = np.ravel(weights).astype(np.float64)
        expected = [-w[0] / w[1], -float(np.ravel(bias)[0]) / w[1]]
        got = student.run(boundary, weights=weights, bias=bias)
        hints = ["boundary-sign"] if np.allclose(np.abs(got), np.abs(expected), rtol=1e-5) else []
        assert_close(np.asarray(got, np.float64), expected, rtol=1e-5, atol=1e-6,
                     what=f"boundary_line for weights of shape {shape}", hints=hints)
