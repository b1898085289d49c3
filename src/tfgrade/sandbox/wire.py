"""Encode plain data (JSON values and numeric arrays) so decoding can never run code."""

from __future__ import annotations

import io
import json
import struct
from typing import Any

import numpy as np

ARRAY_KEY = "__ndarray__"
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


class WireError(ValueError):
    """A message that is not valid plain data."""


def _to_plain(value: Any, blobs: list[bytes]) -> Any:
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, dict):
        return {str(k): _to_plain(v, blobs) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v, blobs) for v in value]
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            raise WireError(f"arrays must be numeric or boolean, got dtype {value.dtype}")
        buffer = io.BytesIO()
        np.save(buffer, value, allow_pickle=False)
        blobs.append(buffer.getvalue())
        return {ARRAY_KEY: len(blobs) - 1}
    raise WireError(f"cannot send a value of type {type(value).__name__}")


def encode(value: Any) -> bytes:
    """Encode a JSON-like value that may hold numpy arrays."""
    blobs: list[bytes] = []
    header = json.dumps(_to_plain(value, blobs), allow_nan=True).encode()
    parts = [struct.pack("<II", len(header), len(blobs)), header]
    for blob in blobs:
        parts += [struct.pack("<Q", len(blob)), blob]
    return b"".join(parts)


def _from_plain(value: Any, arrays: list[np.ndarray]) -> Any:
    if isinstance(value, dict):
        if set(value) == {ARRAY_KEY}:
            index = value[ARRAY_KEY]
            if not isinstance(index, int) or not 0 <= index < len(arrays):
                raise WireError("bad array reference")
            return arrays[index]
        return {k: _from_plain(v, arrays) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_plain(v, arrays) for v in value]
    return value


def decode(message: bytes) -> Any:
    """Decode bytes made by `encode`; raises WireError on anything else."""
    try:
        header_len, n_blobs = struct.unpack_from("<II", message, 0)
        offset = 8
        header = json.loads(message[offset : offset + header_len].decode())
        offset += header_len
        arrays = []
        for _ in range(n_blobs):
            (size,) = struct.unpack_from("<Q", message, offset)
            offset += 8
            blob = message[offset : offset + size]
            if len(blob) != size:
                raise WireError("truncated array")
            array = np.load(io.BytesIO(blob), allow_pickle=False)
            if array.dtype.kind not in "biuf":
                raise WireError("non-numeric array")
            arrays.append(array)
            offset += size
        if offset != len(message):
            raise WireError("trailing bytes")
        return _from_plain(header, arrays)
    except WireError:
        raise
    except Exception as exc:  # any malformed input is a wire error, never a crash
        raise WireError(f"malformed reply: {exc}") from None



def plain(value: Any) -> Any:
    """Turn tensors, variables and numpy scalars into data `encode` accepts."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    array = np.asarray(value.numpy() if hasattr(value, "numpy") else value)
    if array.dtype.kind not in "biuf":
        raise WireError(f"expected numbers, got a value of type {type(value).__name__}")
    return array
