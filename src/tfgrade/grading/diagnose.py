"""Name the mistake behind an exception the student's code raised."""

from __future__ import annotations

import difflib
import re
from typing import Any

from tfgrade.grading.removed_apis import removed_in_error

MISSING_ATTR = re.compile(r"module '([\w.]+)' has no attribute '(\w+)'")


def _api_names(module_name: str) -> list[str]:
    import importlib

    try:
        return [n for n in dir(importlib.import_module(module_name)) if not n.startswith("_")]
    except Exception:  # an unknown module simply has no suggestions
        return []


def _typo(module_name: str, attr: str) -> str | None:
    names = _api_names(module_name)
    close = difflib.get_close_matches(attr, names, n=1, cutoff=0.7)
    return close[0] if close else None


def hints_for_error(reply: dict[str, Any], exercise: str, expected_names: tuple[str, ...] = ()
                    ) -> tuple[list[str], str]:
    """Hint ids and an extra sentence (e.g. the closest real name) for a student exception."""
    kind, message = reply.get("type", ""), reply.get("message", "")
    if "Cannot convert a symbolic" in message and "numpy" in message.lower():
        return ["numpy-in-graph"], "A NumPy call received a symbolic tensor inside a traced function."
    if kind == "NotImplementedError":
        method = re.search(r"does not have a `(\w+)` method implemented", message)
        if method:
            return ["missing-name"], f"Keras found no `{method.group(1)}` method on your class."
        return ["stub-unchanged"], ""
    if kind == "NameError" and "name 'self' is not defined" in message:
        return ["indentation"], "A statement that uses `self` sits in the class body, outside any method."
    removed = removed_in_error(kind, message)  # the API and its replacement, named (grading/removed_apis.py)
    if removed:
        return [removed[0]], removed[1]
    if "not supported in Keras 3" in message or "removed in Keras 3" in message:
        return ["removed-api"], ""
    if kind in ("ModuleNotFoundError", "ImportError"):
        return ["import-error"], ""
    if kind == "IndentationError" or kind == "TabError":
        return ["indentation"], ""
    if re.search(r"no attribute '_\w*__init'", message) or "super().__init__()" in message \
            or "forgot to call `super().__init__()`" in message or "has no attribute '_tracker'" in message \
            or "has no attribute '_parent_path'" in message:
        return ["init-typo"], ""
    if re.search(r"\blr\b", message) and ("argument" in message.lower() or "keyword" in message.lower()):
        return ["lr-kwarg"], ""
    if (kind == "AttributeError" and message in ("__enter__", "__exit__")) or \
            "does not support the context manager protocol" in message:
        return ["tape-no-parens"], ""
    match = MISSING_ATTR.search(message)
    if match:
        module_name, attr = match.groups()
        if module_name == exercise:
            names = ", ".join(f"`{n}`" for n in expected_names) or "the names of the stub"
            return ["missing-name"], f"`{attr}` is not defined in your {exercise} file; it must define {names}."
        suggestion = _typo(module_name, attr)
        if suggestion:
            return ["typo-api"], f"`{module_name}.{attr}` does not exist; did you mean `{module_name}.{suggestion}`?"
    if kind == "NameError":
        name = re.search(r"name '(\w+)' is not defined", message)
        if name and name.group(1) in expected_names:
            return ["missing-name"], ""
    if "object has no attribute '_id'" in message and "numpy" in message:
        return ["numpy-in-graph"], "A NumPy value reached a TensorFlow gradient computation."
    if "No gradients provided" in message or ("gradient" in message.lower() and "None" in message):
        return ["numpy-in-graph"], ""
    return [], ""
