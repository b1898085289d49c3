"""Declaring grader cases (points, public/hidden, prerequisites) and failing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

DEFAULT_CASE_SECONDS = 60.0  # a case's time budget in the sandbox unless it says otherwise


@dataclass(frozen=True)
class CaseInfo:
    """What a grader case is worth and when it runs."""

    title: str
    points: float
    hidden: bool
    needs: tuple[str, ...]
    seconds: float


@dataclass(frozen=True)
class Case:
    """One case of a loaded grader: its function's name, the function, and what it is worth."""

    id: str
    function: Callable
    info: CaseInfo


def case(title: str, *, points: float, hidden: bool = False,
         needs: Callable | str | tuple[Callable | str, ...] = (), seconds: float = DEFAULT_CASE_SECONDS) -> Callable:
    """Mark a `test_*` function as a graded case. `needs` are the prerequisite cases: the case functions
    themselves (a misspelt one fails when the grader is imported) or their names."""
    needs = needs if isinstance(needs, tuple) else (needs,)
    names = tuple(n if isinstance(n, str) else n.__name__ for n in needs)

    def mark(function: Callable) -> Callable:
        function.__tfgrade_case__ = CaseInfo(title, points, hidden, names, seconds)
        return function

    return mark


def probe(function: Callable) -> Callable:
    """Mark a module-level grader function as a probe: it runs in the sandbox, on the student's module.

    Only the probe being run, the imports and the module-level definitions it uses reach the sandbox
    (see grading/programs.py); case bodies and messages never do.
    """
    function.__tfgrade_probe__ = True
    return function


class Figures:
    """The `figures` fixture: plot data a case records (kept whether the case passes or fails)."""

    KINDS = ("lines", "curves", "boundary", "field")

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, kind: str, title: str, **data: Any) -> None:
        """Record one plot: `kind` is one of KINDS; data holds numbers and arrays (see render/plots.py)."""
        if kind not in self.KINDS:
            raise ValueError(f"unknown plot kind {kind!r}")
        self.items.append({"kind": kind, "title": title, **_jsonable(data)})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


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
