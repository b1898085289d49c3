"""Grader for exercise 6, gradients: derivatives with GradientTape.

PUBLIC_COVERAGE: what the hidden cases pass to student code, and the public case that shows it first.
- `derivative(f, x)`: x a float32 `tf.constant` scalar: `test_derivative_cubic`.
- `second_derivative(f, t)`: t a float32 `tf.constant` scalar: `test_second_derivative_cubic`.
- `f`: a Python function of TensorFlow ops (polynomials, `sin`, `exp`): both cubic cases (a polynomial of tf ops).
- `apple_acceleration(t)`: t a Python float: `test_apple_default` (its default `t=0.0`).
"""

import ast

import numpy as np
import tensorflow as tf

from tfgrade.grading import assert_close, case, expect, fail, probe
from tfgrade.grading.probes import StudentRaised

POSITION = 6
EXPECTED_NAMES = ("derivative", "second_derivative", "apple_acceleration")
MISTAKES = ("tape-not-watched", "gradient-outside-outer-tape", "tape-no-parens", "stub-unchanged")
RTOL, ATOL = 1e-4, 1e-4  # float32 derivatives of values up to a few hundred
CUBIC = [1.0, -2.0, 0.5, 1.0]  # 1 - 2x + 0.5x**2 + x**3 (coefficients from the constant term up)


# ---- probes --------------------------------------------------------------------------------

def _function(kind, coefficients):
    """The Python callable the student differentiates, built from TensorFlow ops."""
    if kind == "poly":
        def f(x):
            y = tf.zeros_like(x)
            for c in reversed(coefficients):  # Horner: (...(c_n x + c_n-1) x + ...) + c_0
                y = y * x + c
            return y
        return f
    a, b = coefficients
    if kind == "sin":
        return lambda x: a * tf.sin(b * x)
    return lambda x: a * tf.exp(b * x)


def _plain(value):
    return None if value is None else np.asarray(value, dtype=np.float64)


@probe
def derivatives(mod, which, kind, coefficients, points, as_tensor=True):
    """mod.derivative / mod.second_derivative of the function at each point (None where it returned None)."""
    f = _function(kind, coefficients)
    function = mod.derivative if which == "derivative" else mod.second_derivative
    return [_plain(function(f, tf.constant(p, tf.float32) if as_tensor else float(p))) for p in points]


@probe
def derivatives_of_variables(mod, which, kind, coefficients, points):
    """The same at tf.Variables, which every tape follows without tape.watch."""
    f = _function(kind, coefficients)
    function = mod.derivative if which == "derivative" else mod.second_derivative
    return [_plain(function(f, tf.Variable(p, dtype=tf.float32))) for p in points]


@probe
def accelerations(mod, times):
    """apple_acceleration() and then apple_acceleration(t) at each Python float t."""
    return [_plain(mod.apple_acceleration())] + [_plain(mod.apple_acceleration(float(t))) for t in times]


# ---- helpers in the trusted process --------------------------------------------------------

def _analytic(which, kind, coefficients, points):
    x = np.asarray(points, np.float64)
    order = 1 if which == "derivative" else 2
    if kind == "poly":
        return np.polynomial.polynomial.polyval(x, np.polynomial.polynomial.polyder(coefficients, order))
    a, b = coefficients
    if kind == "sin":
        return a * b * np.cos(b * x) if order == 1 else -a * b * b * np.sin(b * x)
    return a * b**order * np.exp(b * x)


def _describe(kind, coefficients):
    if kind == "poly":
        terms = [f"{c:+.3g}*x**{k}" if k > 1 else (f"{c:+.3g}*x" if k else f"{c:.3g}")
                 for k, c in enumerate(coefficients)]
        return "f(x) = " + " ".join(terms)
    a, b = coefficients
    return f"f(x) = {a:.3g} * {'sin' if kind == 'sin' else 'exp'}({b:.3g} * x)"


def _tape_facts(source, function_name):
    """(tapes that never call .watch, whether an inner tape's gradient is taken outside its outer tape's block)
    in the student's function, from the parsed source (never run here)."""
    try:
        tree = ast.parse(source.text)
    except SyntaxError:
        return [], False
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function_name]
    if not functions:
        return [], False
    function = functions[0]
    tapes = {}  # tape name -> the `with` block that records on it
    for node in ast.walk(function):
        if isinstance(node, ast.With):
            for item in node.items:
                expr, target = item.context_expr, item.optional_vars
                if isinstance(target, ast.Name) and ast.unparse(expr).split("(")[0].endswith("GradientTape"):
                    tapes[target.id] = node
                elif isinstance(expr, ast.Name):  # `with outer:` after `outer = tf.GradientTape()`
                    tapes[expr.id] = node
    calls = [n for n in ast.walk(function) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and isinstance(n.func.value, ast.Name)]
    watched = {c.func.value.id for c in calls if c.func.attr == "watch"}
    outside = False
    for outer in tapes.values():
        inside = {id(n) for n in ast.walk(outer)}
        for inner_name, inner in tapes.items():
            if inner is not outer and id(inner) in inside:
                gradients = [c for c in calls if c.func.attr == "gradient" and c.func.value.id == inner_name]
                outside |= bool(gradients) and not any(id(c) in inside for c in gradients)
    return [name for name in tapes if name not in watched], outside


def _explain_none(student, source, which, kind, coefficients, points, said):
    """Fail with the mistake that makes the tape give None at a constant."""
    name = "derivative" if which == "derivative" else "second_derivative"
    try:
        at_variables = student.run(derivatives_of_variables, which=which, kind=kind, coefficients=coefficients,
                                   points=points)
    except StudentRaised:
        at_variables = [None]
    expected = _analytic(which, kind, coefficients, points)
    if all(v is not None and v.size == 1 for v in at_variables) and \
            np.allclose([float(np.ravel(v)[0]) for v in at_variables], expected, rtol=RTOL, atol=ATOL):
        fail(f"{said}, yet the right value for a tf.Variable: the tape follows variables by itself, but a constant "
             "only after `tape.watch(x)`" + (" (both tapes must watch it)" if which != "derivative" else ""),
             "tape-not-watched")
    unwatched, outside = _tape_facts(source, name)
    if unwatched:
        listed = ", ".join(f"`{tape}`" for tape in unwatched)
        fail(f"{said}: the tape {listed} never calls `.watch(...)`, so it does not follow the constant "
             f"{'x' if which == 'derivative' else 't'}", "tape-not-watched")
    if outside:
        fail(f"{said}: the inner tape's gradient is taken after the outer `with` block has ended, so the outer "
             "tape never saw it being computed and cannot differentiate it again", "gradient-outside-outer-tape")
    fail(f"{said}: the tape did not follow the computation of f from its input")


def _check(student, source, which, kind, coefficients, points, as_tensor=True):
    name, variable = ("derivative", "x") if which == "derivative" else ("second_derivative", "t")
    function = _describe(kind, coefficients)
    given = "tf.constant" if as_tensor else "Python float"
    arguments = {"which": which, "kind": kind, "coefficients": list(coefficients), "points": list(points)}
    try:
        got = student.run(derivatives, as_tensor=as_tensor, **arguments)
    except StudentRaised as raised:
        message = str(raised.reply.get("message", ""))
        if "received None" in message or "NoneType" in message:
            _explain_none(student, source, said=f"{name}(f, {variable}) raised {raised.reply.get('type')}: "
                          f"{message.strip()[:200]} ({function}): a gradient was None", **arguments)
        raise
    if any(v is None for v in got):
        said = f"{name}(f, {variable}) returned None at a {given} ({function})"
        _explain_none(student, source, said=said, **arguments)
    sizes = [v.size for v in got]
    expect(all(s == 1 for s in sizes), f"{name} should return one number per point, got arrays of sizes {sizes}")
    values = np.array([float(np.ravel(v)[0]) for v in got])
    assert_close(values, _analytic(which, kind, coefficients, points), rtol=RTOL, atol=ATOL,
                 what=f"{name} of {function} at x = {list(points)} ({given}s)")


def _random_polynomials(seed, count):
    generator = np.random.default_rng(seed)
    return [np.round(generator.normal(size=int(generator.integers(3, 6))), 3).tolist() for _ in range(count)]


def _points(seed, n=5):
    return np.round(np.random.default_rng(seed).uniform(-2, 2, size=n), 3).tolist()


# ---- cases ---------------------------------------------------------------------------------
#
# What the public cases show (a hidden case passes nothing they have not shown):
#
# | input a hidden case passes                         | shown by the public case                          |
# | -------------------------------------------------- | ------------------------------------------------- |
# | derivative(f, x): x a float32 tf.constant scalar    | test_derivative_cubic                             |
# | second_derivative(f, t): t a float32 tf.constant    | test_second_derivative_cubic                      |
# | f: a Python function of tf ops (poly, sin, exp)     | both cubic cases (a polynomial of tf ops)         |
# | apple_acceleration(t): t a Python float             | test_apple_default (its default t=0.0)            |
#
# The contract's Python floats for derivative/second_derivative have public cases of their own
# (test_derivative_floats, test_second_derivative_floats); no hidden case passes floats to them.
# Each case checks one function; the hidden ones need the public case of that same function.

@case("derivative of a cubic at a few points (tf.constant)", points=1)
def test_derivative_cubic(student, source):
    _check(student, source, "derivative", "poly", CUBIC, [-1.0, 0.0, 0.5, 2.0])


@case("second_derivative of a cubic at a few points (tf.constant)", points=1)
def test_second_derivative_cubic(student, source):
    _check(student, source, "second", "poly", CUBIC, [-1.0, 0.0, 0.5, 2.0])


@case("derivative of a cubic at Python floats", points=1)
def test_derivative_floats(student, source):
    _check(student, source, "derivative", "poly", CUBIC, [-1.5, 0.25, 1.0], as_tensor=False)


@case("second_derivative of a cubic at Python floats", points=1)
def test_second_derivative_floats(student, source):
    _check(student, source, "second", "poly", CUBIC, [-1.5, 0.25, 1.0], as_tensor=False)


@case("apple_acceleration() is 9.8", points=1)
def test_apple_default(student):
    got = student.run(accelerations, times=[])[0]
    expect(got is not None, "apple_acceleration() returned None: is the second derivative of the position None "
           "because a tape did not follow t?")
    expect(got.size == 1, f"apple_acceleration() should return one number, got {got}")
    assert_close(got.reshape(()), np.float64(9.8), rtol=1e-5, atol=1e-4,
                 what="apple_acceleration() (second derivative of 4.9 * t**2)")


@case("derivative of random polynomials", points=1, hidden=True, needs="test_derivative_cubic")
def test_derivative_polynomials(student, source):
    for index, coefficients in enumerate(_random_polynomials(61, 3)):
        _check(student, source, "derivative", "poly", coefficients, _points(610 + index))


@case("derivative of sin and exp", points=1, hidden=True, needs="test_derivative_cubic")
def test_derivative_sin_exp(student, source):
    _check(student, source, "derivative", "sin", [1.5, 2.0], _points(62))
    _check(student, source, "derivative", "exp", [0.5, -1.2], _points(63))


@case("second_derivative of random polynomials", points=1, hidden=True, needs="test_second_derivative_cubic")
def test_second_derivative_polynomials(student, source):
    for index, coefficients in enumerate(_random_polynomials(64, 2)):
        _check(student, source, "second", "poly", coefficients, _points(640 + index))


@case("second_derivative of sin and exp", points=1, hidden=True, needs="test_second_derivative_cubic")
def test_second_derivative_sin_exp(student, source):
    _check(student, source, "second", "sin", [-0.8, 1.7], _points(65))
    _check(student, source, "second", "exp", [2.0, 0.9], _points(66))


@case("apple_acceleration at other times", points=1, hidden=True, needs="test_apple_default")
def test_apple_times(student):
    times = [1.0, 2.5, -3.0]  # Python floats, like the default t=0.0
    got = student.run(accelerations, times=times)[1:]
    for t, value in zip(times, got, strict=True):
        expect(value is not None and value.size == 1, f"apple_acceleration({t}) should return one number")
        assert_close(value.reshape(()), np.float64(9.8), rtol=1e-5, atol=1e-4, what=f"apple_acceleration({t})")
