"""Threads that grade share one process: `ast.parse` runs in one thread at a time (CPython gh-106905)."""

from __future__ import annotations

import ast
import threading

from tfgrade import ast_lock


def test_ast_parse_is_serialised_between_threads(monkeypatch):
    monkeypatch.setattr(ast, "parse", ast.parse)  # put the original back after the test
    ast_lock.serialise_ast_parse()
    ast_lock.serialise_ast_parse()  # twice: wrapped once
    assert ast.parse.__wrapped__.__name__ == "parse" and not hasattr(ast.parse.__wrapped__, "serialised")
    assert isinstance(ast.parse("x = (1 + 2) * 3"), ast.Module)
    parsed = threading.Event()

    def parse_in_thread() -> None:
        ast.parse("y = 1")
        parsed.set()

    with ast_lock._PARSE_LOCK:  # another thread is inside ast.parse: this one waits for it
        thread = threading.Thread(target=parse_in_thread)
        thread.start()
        assert not parsed.wait(0.3)
    thread.join(10)
    assert parsed.is_set()
