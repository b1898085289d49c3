"""Hostile: while a probe calls it, digs through the sandbox's memory for the grader: modules whose
name or file mentions a grader, every code object and function defined in a grader file, and the
string constants in them. It reports what it found by raising in `call`, so the cases that call the
layer fail with the report as their message (read back from report.json).

REPORT {"modules": [...], "functions": [names], "strings": [first 8 hex digits of sha1 of each
string constant of 12 characters or more], "cases": [functions marked as cases]}
"""

import gc
import hashlib
import json
import sys
import types

import keras
import tensorflow as tf


def _from_grader(code):
    return "grader" in code.co_filename or "test_simple_dense" in code.co_filename


def _codes(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


def dump():
    modules = sorted(n for n, m in list(sys.modules.items())
                     if "grader" in n or "grader" in str(getattr(m, "__file__", "") or ""))
    functions, strings, cases = set(), set(), set()
    for obj in gc.get_objects():
        code = obj.__code__ if isinstance(obj, types.FunctionType) else obj if isinstance(obj, types.CodeType) \
            else None
        if code is None or not _from_grader(code):
            continue
        if isinstance(obj, types.FunctionType) and hasattr(obj, "__tfgrade_case__"):
            cases.add(obj.__name__)
        for inner in _codes(code):
            functions.add(inner.co_name)
            strings.update(hashlib.sha1(c.encode()).hexdigest()[:8] for c in inner.co_consts
                           if isinstance(c, str) and len(c) >= 12)
    return {"modules": modules, "functions": sorted(functions), "strings": sorted(strings), "cases": sorted(cases)}


class SimpleDense(keras.layers.Layer):
    """A dense layer: `units` outputs, each a weighted sum of the inputs plus a bias."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation) if isinstance(activation, str) else activation

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.units), initializer="random_normal", name="W")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        raise RuntimeError("REPORT " + json.dumps(dump(), sort_keys=True, separators=(",", ":")))
