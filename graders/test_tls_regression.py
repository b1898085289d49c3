"""Grader for exercise 4, tls_regression: ordinary vs total least squares."""

import ast

import numpy as np
import tensorflow as tf

from tfgrade.grading import assert_close, case, expect, fail, probe
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
    loss = getattr(mod, name)
    return [loss(w, b, x, y), loss(tf.constant(w), tf.constant(b), tf.constant(x), tf.constant(y)),
            loss(tf.Variable(w), tf.Variable(b), x, y)]


@probe
def loss_gradients(mod, name, w, b, x, y):
    w, b = tf.Variable(w), tf.Variable(b)
    with tf.GradientTape() as tape:
        loss = getattr(mod, name)(w, b, tf.constant(x), tf.constant(y))
    if not tf.is_tensor(loss):  # a NumPy or Python number: the tape recorded nothing
        return [None, None]
    return list(tape.gradient(loss, [w, b]))


def absolute_deviation(w, b, x, y):
    """A known-good loss (least absolute deviations, not one of the exercise's), so fit_line's own
    checks do not depend on the student's losses."""
    return tf.reduce_mean(tf.abs(y - x * w - b))


@probe
def fitted(mod, name, x, y, steps, learning_rate):
    loss = absolute_deviation if name is None else getattr(mod, name)
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
    r, n2 = _residual(w, b, x, y), w * w + 1
    return {"tls-is-ols": np.mean(r**2), "tls-double-normalisation": np.mean(r**2) / n2**2,
            "tls-sqrt-not-square": np.sqrt(np.mean(r**2) / n2), "tls-abs-only": np.mean(np.abs(r)) / np.sqrt(n2)}


def _names_in_function(text, function):
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(node)
                    if isinstance(n, (ast.Attribute, ast.Name))}
    return set()


def _tls_hints(got, points, x, y, source_text):
    """The TLS mistake whose formula reproduces every value the student returned."""
    for hint in ("tls-is-ols", "tls-double-normalisation", "tls-sqrt-not-square", "tls-abs-only"):
        wrong = [_wrong_tls(w, b, x, y)[hint] for w, b in points]
        if np.allclose(np.asarray(got, np.float64), wrong, rtol=1e-4, atol=1e-6):
            if hint == "tls-abs-only" and "abs" not in _names_in_function(source_text, "tls_loss"):
                return ["tls-sqrt-not-square"]  # mean(sqrt(r**2 / ...)) equals the mean absolute distance
            return [hint]
    return []


def _fit(student, **kwargs):
    """student.run(fitted); NumPy called on the symbolic tensors of a tf.function is named as such."""
    try:
        return student.run(fitted, **kwargs)
    except StudentRaised as raised:
        message = str(raised.reply.get("message", ""))
        if "symbolic" in message and "numpy" in message.lower():
            frames = raised.reply.get("frames") or []
            where = f" (line {frames[-1].get('line')})" if frames else ""
            fail(f"fit_line raised {raised.reply.get('type')}{where}: {message.splitlines()[0][:200]} NumPy cannot "
                 "run on the symbolic tensors of a tf.function: use TensorFlow ops.", "numpy-in-graph")
        raise


POINTS = [(0.5, 0.0), (1.5, 0.7), (-2.0, 1.0), (3.0, -0.5), (0.1, 2.0)]


# ---- cases ---------------------------------------------------------------------------------

@case("ols_loss on a small example", points=1)
def test_ols_small(student):
    x, y = np.array([0, 1, 2], np.float32), np.array([1, 2, 2], np.float32)
    got = student.run(losses_at, name="ols_loss", points=[(1.0, 0.5)], x=x, y=y)
    assert_close(np.ravel(got), [np.mean(_residual(1.0, 0.5, x, y) ** 2)], rtol=1e-5, atol=1e-6,
                 what="ols_loss(w=1, b=0.5) on x=[0, 1, 2], y=[1, 2, 2]")


@case("tls_loss on a small example", points=1)
def test_tls_small(student, source):
    x, y = np.array([0, 1, 2], np.float32), np.array([1, 2, 2], np.float32)
    got = student.run(losses_at, name="tls_loss", points=[(2.0, 0.5)], x=x, y=y)
    expected = np.mean(_residual(2.0, 0.5, x, y) ** 2) / 5
    assert_close(np.ravel(got), [expected], rtol=1e-5, atol=1e-6,
                 what="tls_loss(w=2, b=0.5) on x=[0, 1, 2], y=[1, 2, 2]",
                 hints=_tls_hints(np.ravel(got), [(2.0, 0.5)], x, y, source.text))


@case("fit_line returns two numbers", points=1)
def test_fit_line_returns(student):
    x, y = _data(1, n=20)
    got = _fit(student, name=None, x=x, y=y, steps=5, learning_rate=0.05)
    expect(len(got) == 2 and all(np.isfinite(got)), f"fit_line should return (w, b) floats, got {got}")


@case("ols_loss: values and gradients at many (w, b)", points=1, hidden=True, needs="test_ols_small")
def test_ols_values(student, reference):
    x, y = _data(2)
    got = student.run(losses_at, name="ols_loss", points=POINTS, x=x, y=y)
    expected = reference.run(losses_at, name="ols_loss", points=POINTS, x=x, y=y)
    assert_close(np.ravel(got), np.ravel(expected), rtol=1e-5, atol=1e-6, what="ols_loss at 5 (w, b) pairs")
    grads = student.run(loss_gradients, name="ols_loss", w=1.2, b=-0.3, x=x, y=y)
    if any(g is None for g in grads):
        fail("a gradient of ols_loss is None: use TensorFlow ops", "numpy-in-graph")
    assert_close(np.ravel(grads), np.ravel(reference.run(loss_gradients, name="ols_loss", w=1.2, b=-0.3, x=x, y=y)),
                 rtol=1e-4, atol=1e-5, what="d ols_loss / d (w, b)")


@case("tls_loss: values at many (w, b)", points=1, hidden=True, needs="test_tls_small")
def test_tls_values(student, reference, source):
    x, y = _data(3)
    got = student.run(losses_at, name="tls_loss", points=POINTS, x=x, y=y)
    expected = reference.run(losses_at, name="tls_loss", points=POINTS, x=x, y=y)
    assert_close(np.ravel(got), np.ravel(expected), rtol=1e-5, atol=1e-6, what="tls_loss at 5 (w, b) pairs",
                 hints=_tls_hints(np.ravel(got), POINTS, x, y, source.text))


@case("tls_loss: gradients", points=1, hidden=True, needs="test_tls_small")
def test_tls_gradients(student, reference):
    x, y = _data(4)
    for w, b in ((0.8, 0.2), (-1.7, 1.1)):
        got = student.run(loss_gradients, name="tls_loss", w=w, b=b, x=x, y=y)
        if any(g is None for g in got):
            fail("a gradient of tls_loss is None: use TensorFlow ops (tf.square, tf.reduce_mean)",
                 "numpy-in-graph")
        expected = reference.run(loss_gradients, name="tls_loss", w=w, b=b, x=x, y=y)
        assert_close(np.ravel(got), np.ravel(expected), rtol=1e-4, atol=1e-5, what=f"d tls_loss / d (w, b) at w={w}")


@case("both losses accept floats, tensors and variables", points=1, hidden=True, needs="test_tls_small")
def test_argument_kinds(student, reference):
    x, y = _data(5, n=10)
    for name in ("ols_loss", "tls_loss"):
        got = student.run(loss_with_argument_kinds, name=name, w=0.7, b=0.1, x=x, y=y)
        expected = reference.run(loss_with_argument_kinds, name=name, w=0.7, b=0.1, x=x, y=y)
        assert_close(np.ravel(got).astype(np.float64), np.ravel(expected), rtol=1e-5, atol=1e-6,
                     what=f"{name} with w, b as floats / tensors / variables")


def _closed_form_tls(x, y):
    data = np.stack([x, y]).astype(np.float64)
    centred = data - data.mean(axis=1, keepdims=True)
    _, _, vt = np.linalg.svd(centred.T, full_matrices=False)
    vx, vy = vt[0]
    slope = vy / vx
    return slope, float(data[1].mean() - slope * data[0].mean())


@case("fit_line with tls_loss lands on the closed-form TLS line", points=2, hidden=True,
      needs=("test_tls_values", "test_tls_gradients", "test_fit_line_returns"))
def test_fit_tls(student, figures):
    x, y = _data(6)
    w, b = _fit(student, name="tls_loss", x=x, y=y, steps=300, learning_rate=0.05)
    target = _closed_form_tls(x, y)
    figures.add("lines", "TLS: your fit_line vs the principal axis", points={"x": x, "y": y},
                lines={"you": (w, b), "reference": target})
    expect(abs(w - target[0]) < LINE_TOLERANCE and abs(b - target[1]) < LINE_TOLERANCE,
           f"fit_line(x, y, tls_loss) gave w={w:.4f}, b={b:.4f}; the TLS line (principal axis) is "
           f"w={target[0]:.4f}, b={target[1]:.4f} (tolerance {LINE_TOLERANCE} on each)")


@case("fit_line with ols_loss lands on np.polyfit's line", points=1, hidden=True,
      needs=("test_ols_values", "test_fit_line_returns"))
def test_fit_ols(student, figures):
    x, y = _data(7)
    w, b = _fit(student, name="ols_loss", x=x, y=y, steps=300, learning_rate=0.05)
    target = np.polyfit(x.astype(np.float64), y.astype(np.float64), 1)
    figures.add("lines", "OLS: your fit_line vs np.polyfit", points={"x": x, "y": y},
                lines={"you": (w, b), "reference": (float(target[0]), float(target[1]))})
    expect(abs(w - target[0]) < LINE_TOLERANCE and abs(b - target[1]) < LINE_TOLERANCE,
           f"fit_line(x, y, ols_loss) gave w={w:.4f}, b={b:.4f}; np.polyfit gives w={target[0]:.4f}, "
           f"b={target[1]:.4f} (tolerance {LINE_TOLERANCE} on each)")
