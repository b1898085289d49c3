"""Declaring grader cases (points, public/hidden, prerequisites) and failing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn


@dataclass(frozen=True)
class CaseInfo:
    """What a grader case is worth and when it runs."""

    title: str
    points: float
    hidden: bool
    needs: tuple[str, ...]
    seconds: float


def case(title: str, *, points: float, hidden: bool = False, needs: tuple[str, ...] | str = (),
         seconds: float = 60.0) -> Callable:
    """Mark a `test_*` function as a graded case; `needs` names prerequisite case functions."""
    needs = (needs,) if isinstance(needs, str) else tuple(needs)

    def mark(function: Callable) -> Callable:
        function.__tfgrade_case__ = CaseInfo(title, points, hidden, needs, seconds)
        return function

    return mark


class Failed(AssertionError):
    """A case failed; `hints` name known mistakes that explain it."""

    def __init__(self, message: str, hints: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__(message)
        self.message, self.hints = message, list(hints)


def fail(message: str, *hints: str) -> NoReturn:
    """Fail the current case with a message for the student."""
    raise Failed(message, hints)


def expect(condition: object, message: str, *hints: str) -> None:
    """Fail the current case unless `condition` holds."""
    if not condition:
        raise Failed(message, hints)
