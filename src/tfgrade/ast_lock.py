"""One thread at a time in `ast.parse`: a process that grades several submissions in threads (local slots, a
Dask worker's threads, the audit) parses student sources and graders concurrently."""

from __future__ import annotations

import ast
import functools
import threading
from typing import Any

_PARSE_LOCK = threading.Lock()


def serialise_ast_parse() -> None:
    """Let one thread at a time run `ast.parse` in this process: CPython before 3.12 shares the AST
    converter's recursion counter between threads, and parallel slots then fail at random with
    "SystemError: AST constructor recursion depth mismatch" (CPython gh-106905)."""
    if getattr(ast.parse, "serialised", False):
        return
    parse = ast.parse

    @functools.wraps(parse)
    def locked_parse(*args: Any, **kwargs: Any) -> ast.AST:
        with _PARSE_LOCK:
            return parse(*args, **kwargs)

    locked_parse.serialised = True  # type: ignore[attr-defined]
    ast.parse = locked_parse
