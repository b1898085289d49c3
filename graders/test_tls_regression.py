"""Grader for exercise 4, tls_regression: ordinary vs total least squares.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `ols_loss(w, b, x, y)` and `tls_loss(w, b, x, y)`: w and b as tf.Variables (float32 scalars) with x and y as
  float32 tf.constants of shape (n,), inside a GradientTape or not: test_ols_small and test_tls_small pass
  these, and also w, b as Python floats, tf.constants and tf.Variables with x, y as NumPy float32 arrays.
- `fit_line(x, y, loss_fn, steps=int, learning_rate=float, seed=0)`: x and y NumPy float32 arrays of shape
  (n,); loss_fn a plain function of (w, b, x, y) that the grader defines (the exact OLS or TLS loss, never the
  student's, so a mistake in a loss costs only that loss's checks): test_fit_line_returns passes the same kinds
  (with least absolute deviations as the loss).
"""

import ast

import numpy as np
import tensorflow as tf

from tfgrade.grading import assert_close, case, expect, fail, margin, probe
from tfgrade.grading.probes import StudentRaised

POSITION = 4
EXPECTED_NAMES = ("ols_loss", "tls_loss", "fit_line")
MISTAKES = ("tls-is-ols", "tls-sqrt-not-square", "tls-double-normalisation", "tls-abs-only", "numpy-in-graph",
            "lr-kwarg", "stub-unchanged")
LINE_TOLERANCE = 0.03  # |w - w*| and |b - b*|; the reference lands within 0.002 (tested)


# ---- probes --------------------------------------------------------------------------------

@probe
def losses_at(mod, name, points, x, y):
    loss = getattr(mod, name)
    return [loss(tf.Variable(w), tf.Variable(b), tf.constant(x), tf.constant(y)) for w, b in points]


@probe
def loss_with_argument_kinds(mod, name, w, b, x, y):
    """The loss with w, b as floats, tensors and variables, and x, y as NumPy arrays and tensors."""
    loss = getattr(mod, name)
    tx, ty = tf.constant(x), tf.constant(y)
    return [loss(w, b, x, y), loss(tf.constant(w), tf.constant(b), tx, ty), loss(tf.Variable(w), tf.Variable(b), x, y),
            loss(tf.Variable(w), tf.Variable(b), tx, ty)]


@probe
def loss_gradients(mod, name, w, b, x, y):
    w, b = tf.Variable(w), tf.Variable(b)
    with tf.GradientTape() as tape:
        loss = getattr(mod, name)(w, b, tf.constant(x), tf.constant(y))
    if not tf.is_tensor(loss):  # a NumPy or Python number: the tape recorded nothing
        return [None, None]
    return list(tape.gradient(loss, [w, b]))


def absolute_deviation(w, b, x, y):
    """Least absolute deviations: not one of the exercise's losses, for fit_line's public check."""
    return tf.reduce_mean(tf.abs(y - x * w - b))


def exact_ols(w, b, x, y):
    """The OLS loss: fit_line is graded with it, not with the student's (a wrong loss costs only its own cases)."""
    return tf.reduce_mean((w * x + b - y) ** 2)


def exact_tls(w, b, x, y):
    """The TLS loss: fit_line is graded with it, not with the student's (a wrong loss costs only its own cases)."""
    return tf.reduce_mean((w * x + b - y) ** 2) / (w * w + 1)


@probe
def fitted(mod, x, y, steps, learning_rate):
    """fit_line with least absolute deviations (the public case's loss)."""
    w, b = mod.fit_line(x, y, absolute_deviation, steps=steps, learning_rate=learning_rate, seed=0)
    return [float(w), float(b)]


@probe
def fitted_exactly(mod, name, x, y, steps, learning_rate):
    """fit_line with the exact OLS or TLS loss (hidden cases only: the bundle never carries these losses)."""
    loss = exact_tls if name == "tls" else exact_ols
    w, b = mod.fit_line(x, y, loss, steps=steps, learning_rate=learning_rate, seed=0)
    return [float(w), float(b)]


# ---- helpers in the trusted process --------------------------------------------------------

def _data(seed, n=60):
    generator = np.random.default_rng(seed)
    x = generator.normal(size=n)
    x = ((x - x.mean()) / x.std()).astype(np.float32)
    y = (1.5 * x + 0.7 + generator.normal(scale=0.6, size=n)).astype(np.float32)
    return x, y


def _residual(w, b, x, y):
    return w * x.astype(np.float64) + b - y.astype(np.float64)


def _wrong_tls(w, b, x, y):
    """For each TLS mistake, the values its spellings give at (w, b) (any one of them names the mistake)."""
    r, n2 = _residual(w, b, x, y), w * w + 1
    root_mean = np.sqrt(np.mean(r**2) / n2)
    return {"tls-is-ols": [np.mean(r**2)], "tls-double-normalisation": [np.mean(r**2) / n2**2],
            # sqrt(mean(d**2)), and the norm of the distances sqrt(sum(d**2))
            "tls-sqrt-not-square": [root_mean, root_mean * np.sqrt(r.size)],
            # mean(|d|), which is also what mean(sqrt(d**2)) gives: the source decides (_roots_not_abs)
            "tls-abs-only": [np.mean(np.abs(r)) / np.sqrt(n2)]}


def _function_closure(tree, name):
    """The module-level function `name` and those it calls, transitively (a loss may use helpers)."""
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    found, todo = [], [name]
    while todo:
        node = functions.pop(todo.pop(), None)
        if node is not None:
            found.append(node)
            todo += [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]
    return found


def _roots_not_abs(text, function="tls_loss"):
    """Whether `function` (with its helpers) takes square roots (sqrt, a norm, `** 0.5`, pow(..., 0.5)) and
    never an absolute value: then a mean absolute distance came from mean(sqrt(d**2))."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    nodes = [n for f in _function_closure(tree, function) for n in ast.walk(f)]
    words = {n.attr if isinstance(n, ast.Attribute) else n.id for n in nodes
             if isinstance(n, (ast.Attribute, ast.Name))}
    half = [n for n in nodes if isinstance(n, ast.Constant) and n.value == 0.5]
    powers = [n for n in nodes if (isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) and n.right in half)
              or (isinstance(n, ast.Call) and any(a in half for a in n.args))]
    roots = bool(words & {"sqrt", "rsqrt", "norm", "hypot"}) or bool(powers)
    return roots and not words & {"abs", "absolute", "fabs"}


def _tls_hints(got, points, x, y, source_text):
    """The TLS mistake one of whose spellings reproduces every value the student returned."""
    got = np.asarray(got, np.float64)
    for hint in ("tls-is-ols", "tls-double-normalisation", "tls-sqrt-not-square", "tls-abs-only"):
        spellings = zip(*(_wrong_tls(w, b, x, y)[hint] for w, b in points), strict=True)
        if any(np.allclose(got, np.asarray(values), rtol=1e-4, atol=1e-6) for values in spellings):
            if hint == "tls-abs-only" and _roots_not_abs(source_text):
                return ["tls-sqrt-not-square"]  # mean(sqrt(r**2 / ...)) equals the mean absolute distance
            return [hint]
    return []


def _fit(student, probe, **kwargs):
    """student.run(probe) for a fit_line probe; NumPy called on the symbolic tensors of a tf.function is named."""
    try:
        return student.run(probe, **kwargs)
    except StudentRaised as raised:
        message = str(raised.reply.get("message", ""))
        if "symbolic" in message and "numpy" in message.lower():
            frames = raised.reply.get("frames") or []
            where = f" (line {frames[-1].get('line')})" if frames else ""
            fail(f"fit_line raised {raised.reply.get('type')}{where}: {message.splitlines()[0][:200]} NumPy cannot "
                 "run on the symbolic tensors of a tf.function: use TensorFlow ops.", "numpy-in-graph")
        raise


POINTS = [(0.5, 0.0), (1.5, 0.7), (-2.0, 1.0), (3.0, -0.5), (0.1, 2.0)]
SMALL_X, SMALL_Y = np.array([0, 1, 2], np.float32), np.array([1, 2, 2], np.float32)
KINDS = ("floats with NumPy x, y", "tf.constants", "tf.Variables with NumPy x, y", "tf.Variables with tensors")


def _check_small(student, name, w, b, expected, source=None):
    """The loss on the small example, with every kind of argument the hidden cases use; for tls_loss (with
    the source) a wrong value names its mistake."""
    got = student.run(loss_with_argument_kinds, name=name, w=w, b=b, x=SMALL_X, y=SMALL_Y)
    for kind, value in zip(KINDS, got, strict=True):
        value = np.ravel(np.asarray(value, np.float64))
        hints = _tls_hints(value, [(w, b)], SMALL_X, SMALL_Y, source.text) if source is not None else []
        assert_close(value, [expected], rtol=1e-5, atol=1e-6, hints=hints,
                     what=f"{name}(w={w:g}, b={b:g}) on x=[0, 1, 2], y=[1, 2, 2], w and b as {kind}")


def _check_values(student, reference, name, seed, source=None):
    """The loss at POINTS on 60 points; for tls_loss (with the source) a wrong value names its mistake."""
    x, y = _data(seed)
    got = np.ravel(student.run(losses_at, name=name, points=POINTS, x=x, y=y))
    expected = reference.run(losses_at, name=name, points=POINTS, x=x, y=y)
    hints = _tls_hints(got, POINTS, x, y, source.text) if source is not None else []
    assert_close(got, np.ravel(expected), rtol=1e-5, atol=1e-6, what=f"{name} at 5 (w, b) pairs", hints=hints)


def _check_gradients(student, reference, name, seed, at):
    x, y = _data(seed)
    for w, b in at:
        got = student.run(loss_gradients, name=name, w=w, b=b, x=x, y=y)
        if any(g is None for g in got):
            fail(f"a gradient of {name} is None: use TensorFlow ops (tf.square, tf.reduce_mean)", "numpy-in-graph")
        expected = reference.run(loss_gradients, name=name, w=w, b=b, x=x, y=y)
        assert_close(np.ravel(got), np.ravel(expected), rtol=1e-4, atol=1e-5, what=f"d {name} / d (w, b) at w={w}")


# ---- cases ---------------------------------------------------------------------------------

@case("ols_loss on a small example (w, b as floats, tensors, variables)", points=1)
def test_ols_small(student):
    _check_small(student, "ols_loss", 1.0, 0.5, np.mean(_residual(1.0, 0.5, SMALL_X, SMALL_Y) ** 2))


@case("tls_loss on a small example (w, b as floats, tensors, variables)", points=1)
def test_tls_small(student, source):
    _check_small(student, "tls_loss", 2.0, 0.5, np.mean(_residual(2.0, 0.5, SMALL_X, SMALL_Y) ** 2) / 5, source)


@case("fit_line returns two numbers", points=1)
def test_fit_line_returns(student):
    x, y = _data(1, n=20)
    got = _fit(student, fitted, x=x, y=y, steps=5, learning_rate=0.05)
    expect(len(got) == 2 and all(np.isfinite(got)), f"fit_line should return (w, b) floats, got {got}")


@case("ols_loss: values at many (w, b)", points=1, hidden=True, needs=test_ols_small)
def test_ols_values(student, reference):
    _check_values(student, reference, "ols_loss", 2)


@case("ols_loss: gradients", points=1, hidden=True, needs=test_ols_small)
def test_ols_gradients(student, reference):
    _check_gradients(student, reference, "ols_loss", 2, [(1.2, -0.3), (-0.6, 0.9)])


@case("tls_loss: values at many (w, b)", points=1, hidden=True, needs=test_tls_small)
def test_tls_values(student, reference, source):
    _check_values(student, reference, "tls_loss", 3, source)


@case("tls_loss: gradients", points=1, hidden=True, needs=test_tls_small)
def test_tls_gradients(student, reference):
    _check_gradients(student, reference, "tls_loss", 4, [(0.8, 0.2), (-1.7, 1.1)])


def _closed_form_tls(x, y):
    data = np.stack([x, y]).astype(np.float64)
    centred = data - data.mean(axis=1, keepdims=True)
    _, _, vt = np.linalg.svd(centred.T, full_matrices=False)
    vx, vy = vt[0]
    slope = vy / vx
    return slope, float(data[1].mean() - slope * data[0].mean())


@case("fit_line with the TLS loss lands on the closed-form TLS line", points=2, hidden=True,
      needs=test_fit_line_returns)
def test_fit_tls(student, figures):
    x, y = _data(6)
    w, b = _fit(student, fitted_exactly, name="tls", x=x, y=y, steps=300, learning_rate=0.05)
    target = _closed_form_tls(x, y)
    figures.add("lines", "TLS: your fit_line vs the principal axis", points={"x": x, "y": y},
                lines={"you": (w, b), "reference": target})
    margin("max(|w - w*|, |b - b*|), TLS", max(abs(w - target[0]), abs(b - target[1])), LINE_TOLERANCE)
    expect(abs(w - target[0]) < LINE_TOLERANCE and abs(b - target[1]) < LINE_TOLERANCE,
           f"fit_line(x, y, TLS loss) gave w={w:.4f}, b={b:.4f}; the TLS line (principal axis) is "
           f"w={target[0]:.4f}, b={target[1]:.4f} (tolerance {LINE_TOLERANCE} on each)")


@case("fit_line with the OLS loss lands on np.polyfit's line", points=1, hidden=True, needs=test_fit_line_returns)
def test_fit_ols(student, figures):
    x, y = _data(7)
    w, b = _fit(student, fitted_exactly, name="ols", x=x, y=y, steps=300, learning_rate=0.05)
    target = np.polyfit(x.astype(np.float64), y.astype(np.float64), 1)
    figures.add("lines", "OLS: your fit_line vs np.polyfit", points={"x": x, "y": y},
                lines={"you": (w, b), "reference": (float(target[0]), float(target[1]))})
    margin("max(|w - w*|, |b - b*|), OLS", max(abs(w - target[0]), abs(b - target[1])), LINE_TOLERANCE)
    expect(abs(w - target[0]) < LINE_TOLERANCE and abs(b - target[1]) < LINE_TOLERANCE,
           f"fit_line(x, y, OLS loss) gave w={w:.4f}, b={b:.4f}; np.polyfit gives w={target[0]:.4f}, "
           f"b={target[1]:.4f} (tolerance {LINE_TOLERANCE} on each)")
