"""What grader modules use: the case decorator, failures and comparison helpers."""

from tfgrade.grading.api import Failed, Figures, case, expect, fail, probe
from tfgrade.grading.compare import assert_close, assert_shape
from tfgrade.grading.margins import margin

__all__ = ["Failed", "Figures", "assert_close", "assert_shape", "case", "expect", "fail", "margin", "probe"]
