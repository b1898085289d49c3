"""Comparisons that explain themselves: what was checked, expected vs got, error vs tolerance."""

from __future__ import annotations

from typing import Any

import numpy as np

from tfgrade.grading.api import Failed


def _describe(value: np.ndarray) -> str:
    return f"shape {tuple(value.shape)} {value.dtype}"


def assert_shape(got: Any, expected: tuple[int, ...], what: str, *hints: str) -> None:
    """Fail unless `got` has exactly the expected shape."""
    shape = tuple(np.shape(got))
    if shape != tuple(expected):
        raise Failed(f"{what}: expected shape {tuple(expected)}, got {shape}", hints)


def _not_finite(values: np.ndarray) -> str:
    """'nan', 'inf' or 'nan at 3 of 12 positions (first at index (0, 2))'; empty when every value is finite."""
    bad = ~np.isfinite(values.astype(np.float64))
    if not bad.any():
        return ""
    kinds = " and ".join(k for k, found in (("nan", np.isnan(values).any()), ("inf", np.isinf(values).any()))
                         if found)
    if values.size == 1:
        return kinds
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    return f"{kinds} at {int(bad.sum())} of {values.size} positions (first at index {first})"


def max_errors(got: np.ndarray, expected: np.ndarray) -> tuple[float, float]:
    """Largest absolute difference, and relative one over non-zero expected values (inf if not finite)."""
    if not (np.all(np.isfinite(got)) and np.all(np.isfinite(expected))):
        return float("inf"), float("inf")
    diff = np.abs(got.astype(np.float64) - expected.astype(np.float64))
    scale = np.abs(expected.astype(np.float64))
    nonzero = scale > 0
    relative = float((diff[nonzero] / scale[nonzero]).max()) if nonzero.any() else 0.0
    return (float(diff.max()) if diff.size else 0.0), relative


def assert_close(got: Any, expected: Any, *, rtol: float, atol: float, what: str,
                 hints: tuple[str, ...] | list[str] = ()) -> None:
    """Fail unless |got - expected| <= atol + rtol * |expected| everywhere, with shapes equal."""
    if got is None:
        raise Failed(f"{what}: expected {_describe(np.asarray(expected))}, got None", hints)
    got_array, expected_array = np.asarray(got), np.asarray(expected)
    if got_array.dtype.kind not in "biuf":
        raise Failed(f"{what}: expected numbers, got {got_array.dtype}", hints)
    if got_array.shape != expected_array.shape:
        raise Failed(f"{what}: expected {_describe(expected_array)}, got {_describe(got_array)}", hints)
    not_finite = _not_finite(got_array)
    if not_finite:
        raise Failed(f"{what} returned {not_finite}; expected finite numbers ({_describe(expected_array)})", hints)
    abs_err, rel_err = max_errors(got_array, expected_array)
    ok = np.all(np.isfinite(got_array)) and bool(
        np.all(np.abs(got_array.astype(np.float64) - expected_array) <= atol + rtol * np.abs(expected_array)))
    if not ok:
        raise Failed(f"{what} differs from the expected values ({_describe(expected_array)}): "
                     f"max abs error {abs_err:.3g}, max rel error {rel_err:.3g} "
                     f"(tolerance atol={atol:g}, rtol={rtol:g})", hints)


def is_binary_crossentropy(name: str, value: float | None, y_true: np.ndarray, y_pred: np.ndarray) -> bool:
    """Whether a compiled loss is binary cross-entropy: by its value on (y_true, y_pred), mean or sum,
    else (when it could not be evaluated) by its name."""
    if value is None:
        return "binary" in name.lower()
    p, y = np.asarray(y_pred, np.float64), np.asarray(y_true, np.float64)
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return any(np.isclose(value, k * expected, rtol=1e-4) for k in (1, y.size))
