"""The wire codec: plain data and numeric arrays round-trip; anything else is refused, never executed."""

from __future__ import annotations

import io
import json
import pickle
import struct

import numpy as np
import pytest

from tfgrade.sandbox import wire
from tfgrade.sandbox.wire import WireError, decode, encode

DTYPES = ["float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "bool"]


def _same(a, b) -> bool:
    """Equal values and types, arrays compared by dtype, shape and bytes (NaN equal to NaN)."""
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape
                and a.tobytes() == b.tobytes())
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and np.isnan(a):
        return isinstance(b, float) and np.isnan(b)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("dtype", DTYPES)
def test_arrays_of_every_numeric_dtype_round_trip(dtype):
    rng = np.random.default_rng(0)
    for shape in [(), (0,), (5,), (3, 4), (2, 3, 4)]:
        array = np.asarray(rng.normal(size=shape) * 100).astype(dtype)
        back = decode(encode(array))
        assert _same(back, array), (dtype, shape)


def test_nested_structure_round_trips():
    value = {
        "W": np.arange(12, dtype=np.float32).reshape(3, 4),
        "b": np.zeros(4, np.float64),
        "mask": np.array([True, False, True]),
        "layers": [{"name": "dense", "units": 3, "weights": [np.ones((2, 3), np.float16), np.arange(3)]},
                   {"name": "out", "units": 1, "weights": []}],
        "loss": [0.5, float("inf"), float("-inf"), float("nan")],
        "meta": {"ok": True, "missing": None, "text": "ünïcödé \x00 \"quoted\"", "deep": {"deeper": {"n": -7}}},
        "empty": {},
    }
    assert _same(decode(encode(value)), value)


def test_scalars_tuples_and_numpy_scalars_become_plain_data():
    value = {"t": (1, 2.5, "x"), "i": np.int64(3), "f": np.float32(0.25), "b": np.bool_(True), 7: "key"}
    back = decode(encode(value))
    assert back == {"t": [1, 2.5, "x"], "i": 3, "f": 0.25, "b": True, "7": "key"}
    assert type(back["i"]) is int and type(back["f"]) is float and type(back["b"]) is bool


def test_non_contiguous_arrays_round_trip():
    array = np.arange(24, dtype=np.float32).reshape(4, 6)[:, ::2].T
    assert _same(decode(encode(array)), np.ascontiguousarray(array))


@pytest.mark.parametrize("value", [
    np.array([object(), 1], dtype=object),
    np.array(["a", "b"]),
    np.array([b"a"]),
    np.array([1 + 2j]),
    np.array(["2020-01-01"], dtype="datetime64[D]"),
    np.zeros(2, dtype=[("x", "f4"), ("y", "i4")]),
    {"nested": [np.array([None], dtype=object)]},
])
def test_non_numeric_arrays_are_refused(value):
    with pytest.raises(WireError):
        encode(value)


@pytest.mark.parametrize("value", [object(), {1, 2}, b"bytes", lambda: 1, Exception("x"), 1 + 2j, range(3)])
def test_other_objects_are_refused(value):
    with pytest.raises(WireError):
        encode({"value": [value]})


def test_plain_refuses_objects_that_are_not_numbers():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

        __hash__ = object.__hash__

    with pytest.raises(WireError):
        encode(wire.plain(AlwaysEqual()))


def test_plain_strips_ndarray_subclasses():
    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return True

    back = decode(encode(wire.plain(np.zeros(3).view(Sneaky))))
    assert type(back) is np.ndarray
    assert not np.array_equal(back, np.ones(3))


def _message(header: object, blobs: list[bytes]) -> bytes:
    """A message framed like `encode` makes them, from a chosen header and raw blobs."""
    text = json.dumps(header).encode()
    parts = [struct.pack("<II", len(text), len(blobs)), text]
    for blob in blobs:
        parts += [struct.pack("<Q", len(blob)), blob]
    return b"".join(parts)


def _npy(array: np.ndarray, allow_pickle: bool = False) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


GOOD = encode({"x": np.arange(6, dtype=np.float32).reshape(2, 3), "y": [1, "two"]})


@pytest.mark.parametrize("message", [
    b"",
    b"\x00",
    b"garbage that is not a message at all",
    b"\xff" * 64,
    struct.pack("<II", 5, 0) + b"{nope",  # not JSON
    struct.pack("<II", 2, 0) + b"\xff\xfe",  # not UTF-8
    struct.pack("<II", 100, 0) + b"{}",  # header longer than the message
    struct.pack("<II", 2, 1) + b"{}",  # one blob announced, none there
    struct.pack("<II", 2, 1) + b"{}" + struct.pack("<Q", 10**12),  # a blob far larger than the message
    _message({"a": {wire.ARRAY_KEY: 1}}, [_npy(np.zeros(2))]),  # a reference to a missing array
    _message({"a": {wire.ARRAY_KEY: -1}}, [_npy(np.zeros(2))]),
    _message({"a": {wire.ARRAY_KEY: "0"}}, [_npy(np.zeros(2))]),
    _message({"a": {wire.ARRAY_KEY: 0}}, [b"not an npy blob"]),
    _message({"a": {wire.ARRAY_KEY: 0}}, [_npy(np.array(["text"]))]),  # a valid .npy, but not numbers
    _message({"a": {wire.ARRAY_KEY: 0}}, [_npy(np.zeros(10))[:-8]]),  # .npy shorter than its header says
], ids=lambda m: repr(m[:24]))
def test_garbage_raises_wire_error(message):
    with pytest.raises(WireError):
        decode(message)


@pytest.mark.parametrize("cut", [1, 4, 8, 9, 20, 60, -40, -9, -1])
def test_truncated_messages_raise_wire_error(cut):
    with pytest.raises(WireError):
        decode(GOOD[:cut])


@pytest.mark.parametrize("extra", [b"\x00", b"trailing", GOOD])
def test_trailing_bytes_raise_wire_error(extra):
    with pytest.raises(WireError):
        decode(GOOD + extra)


class _Trap:
    """Unpickling this runs code: it must never happen while decoding."""

    sprung = False

    def __reduce__(self):
        return (_spring, ())


def _spring():
    _Trap.sprung = True
    return 0


@pytest.fixture
def trap(monkeypatch):
    """The trap class; also fails the test if decoding so much as calls pickle.load/loads."""
    calls = []
    for name in ("load", "loads"):
        original = getattr(pickle, name)
        monkeypatch.setattr(pickle, name, lambda *a, _o=original, _n=name, **k: calls.append(_n) or _o(*a, **k))
    _Trap.sprung = False
    yield _Trap
    assert not calls, f"decoding called pickle.{calls[0]}"
    _Trap.sprung = False


def test_a_pickle_is_not_a_message(trap):
    for payload in (pickle.dumps(_Trap()), pickle.dumps({"status": "ok", "value": _Trap()}, protocol=0)):
        with pytest.raises(WireError):
            decode(payload)
    assert not trap.sprung


def test_a_pickle_inside_an_npy_blob_is_not_loaded(trap):
    blob = _npy(np.array([_Trap()], dtype=object), allow_pickle=True)
    with pytest.raises(WireError):
        decode(_message({"value": {wire.ARRAY_KEY: 0}}, [blob]))
    assert not trap.sprung


def test_a_pickle_as_a_blob_is_not_loaded(trap):
    with pytest.raises(WireError):
        decode(_message({"value": {wire.ARRAY_KEY: 0}}, [pickle.dumps(_Trap())]))
    assert not trap.sprung


def test_json_that_looks_like_an_array_reference_with_extra_keys_stays_data():
    value = {"a": {wire.ARRAY_KEY: 0, "other": 1}}
    assert decode(_message(value, [])) == value


def test_decode_returns_only_plain_types():
    back = decode(GOOD)
    assert type(back) is dict and type(back["y"]) is list and type(back["x"]) is np.ndarray
