"""Comparisons say what was checked, and name NaN and inf instead of reporting an infinite error."""

from __future__ import annotations

import numpy as np
import pytest

from tfgrade.grading.api import Failed
from tfgrade.grading.compare import assert_close


def _message(got, expected, what="tls_loss(w=2.0, b=0.5)") -> str:
    with pytest.raises(Failed) as failure:
        assert_close(got, expected, rtol=1e-5, atol=1e-6, what=what)
    return failure.value.message


def test_a_nan_scalar_is_named_with_the_call():
    expected = "tls_loss(w=2.0, b=0.5) returned nan; expected finite numbers (shape () float64)"
    assert _message(float("nan"), 0.3) == expected


def test_nan_and_inf_in_an_array_say_where():
    message = _message(np.array([0.0, np.inf, np.nan, 1.0]), np.zeros(4), what="layer(x)")
    assert message.startswith("layer(x) returned nan and inf at 2 of 4 positions (first at index (1,))")
    assert "max abs error" not in message


def test_a_finite_difference_reports_errors_against_the_tolerance():
    message = _message(np.array([1.0, 2.5]), np.array([1.0, 2.0]), what="layer(x)")
    assert "max abs error 0.5" in message and "atol=1e-06, rtol=1e-05" in message


def test_close_values_pass():
    assert_close(np.array([1.0, 2.0 + 1e-7]), np.array([1.0, 2.0]), rtol=1e-5, atol=1e-6, what="x")
