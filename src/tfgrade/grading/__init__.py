"""What grader modules use: the case decorator, failures and comparison helpers."""

from tfgrade.grading.api import Failed, case, expect, fail
from tfgrade.grading.compare import assert_close, assert_shape

__all__ = ["Failed", "assert_close", "assert_shape", "case", "expect", "fail"]
