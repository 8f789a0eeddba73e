"""The data codec and framing spoken between the judge and the candidate worker.

This module is copied into the sandbox beside ``worker.py`` and depends on nothing of the project:
only the standard library and NumPy (pandas on demand). Values travel as a JSON tree plus binary
blobs. An array of a plain dtype (numbers, booleans, strings, dates) travels as its raw bytes, its
dtype and shape written in the tree and checked against the blob's length; any other array without
objects travels as an ``.npy`` image read back with ``allow_pickle=False``. Nothing is ever
unpickled, so a hostile worker can send wrong data but never code.

A frame is ``MAGIC | uint32 blob count | uint64 header length | header JSON |`` then, per blob,
``uint64 length | bytes``. Inside the header every non-JSON value is a tagged object ``{"$": tag, ...}``:

========== ================================================ =========================
tag        meaning                                          direction
========== ================================================ =========================
nd         ndarray: raw blob ``i``, ``dtype``, ``shape``     both
           (``order: "F"`` when sent as its transpose)
npy        ndarray of another dtype (``.npy`` blob ``i``)   both
np         NumPy scalar: ``a``, a 0-d ``nd`` or ``npy``      both
objarray   object ndarray, element by element               both
tuple      tuple                                            both
dict       dict as a list of ``[key, value]`` pairs         both
set        set                                              both
bytes      bytes: ``a``, a uint8 ``nd``                      both
df/series  pandas DataFrame/Series, column by column        both
handle     an object that stays in the worker               worker -> judge
ref        a handle sent back as an argument                judge -> worker
method     a bound method of a handle, as an argument       judge -> worker
spec       a trusted object to build in the worker          judge -> worker
========== ================================================ =========================
"""

from __future__ import annotations

import io
import json
import math
import os
import select
import struct
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

MAGIC = b"MLG1"
MAX_HEADER_BYTES = 64 * 1024 * 1024
MAX_FRAME_BYTES = 768 * 1024 * 1024
MAX_DEPTH = 64
_PREFIX = struct.Struct("<4sIQ")
_LENGTH = struct.Struct("<Q")
Blob = bytes | bytearray | memoryview
# Dtype kinds sent as raw bytes: booleans, integers, floats, complex numbers, byte and unicode
# strings, datetimes and timedeltas. Structured and void dtypes go as ``.npy`` images instead.
PLAIN_KINDS = frozenset("biufcSUMm")
MAX_DIMENSIONS = 64
_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})
_MAX_DTYPE_TEXT = 32


class WireError(Exception):
    """A frame or value does not follow the protocol."""


class FrameTimeout(Exception):
    """No complete frame arrived before the deadline."""


class PeerClosed(Exception):
    """The other end closed the pipe."""


# ----------------------------------------------------------------------------- values


class Encoder:
    """Turn a value into a JSON tree plus blobs.

    ``other`` is called for anything that is not data; it returns a tagged dict (a handle on the
    worker side) or raises ``TypeError`` (on the judge side, for values that must not be sent).
    """

    def __init__(self, other: Callable[[Any], dict[str, Any]]) -> None:
        self.blobs: list[Blob] = []
        self._other = other

    def encode(self, value: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise WireError(f"value nested deeper than {MAX_DEPTH} levels")
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, (int, float)) and type(value) in (int, float):
            return value
        if isinstance(value, np.ndarray) and type(value) is np.ndarray:
            return self._array(value, depth)
        if isinstance(value, np.generic) and not isinstance(value, np.object_):
            return {"$": "np", "a": self._array(np.asarray(value), depth)}
        if type(value) is list:
            if all(type(item) in _JSON_SCALARS for item in value):  # labels as a list: no call per item
                return list(value)
            return [self.encode(item, depth + 1) for item in value]
        if type(value) is tuple:
            return {"$": "tuple", "v": [self.encode(item, depth + 1) for item in value]}
        if type(value) is dict:
            pairs = [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()]
            return {"$": "dict", "v": pairs}
        if type(value) in (set, frozenset):
            return {"$": "set", "v": [self.encode(item, depth + 1) for item in value]}
        if type(value) is bytes:
            return {"$": "bytes", "a": self._array(np.frombuffer(value, dtype=np.uint8), depth)}
        pandas_tree = self._pandas(value, depth)
        if pandas_tree is not None:
            return pandas_tree
        return self._other(value)

    def _array(self, array: np.ndarray[Any, Any], depth: int) -> dict[str, Any]:
        if array.dtype.hasobject:
            items = [self.encode(item, depth + 1) for item in array.ravel().tolist()]
            return {"$": "objarray", "shape": list(array.shape), "v": items}
        if not _plain(array.dtype):
            return {"$": "npy", "i": self._npy_blob(array)}
        if array.flags.f_contiguous and not array.flags.c_contiguous:  # keep Fortran order, copy nothing
            return {**self._array(array.T, depth), "order": "F"}
        contiguous = np.ascontiguousarray(array)
        self.blobs.append(contiguous.reshape(-1).view(np.uint8).data)
        return {"$": "nd", "i": len(self.blobs) - 1, "dtype": array.dtype.str, "shape": list(array.shape)}

    def _pandas(self, value: Any, depth: int) -> dict[str, Any] | None:
        module = type(value).__module__
        if module != "pandas" and not module.startswith("pandas."):
            return None
        name = type(value).__name__
        if name == "DataFrame":
            columns = [self.encode(column, depth + 1) for column in value.columns.tolist()]
            data = [self._array(np.asarray(value[c].to_numpy()), depth) for c in value.columns]
            index = self._array(np.asarray(value.index.to_numpy()), depth)
            return {"$": "df", "columns": columns, "data": data, "index": index}
        if name == "Series":
            return {
                "$": "series",
                "name": self.encode(value.name, depth + 1),
                "data": self._array(np.asarray(value.to_numpy()), depth),
                "index": self._array(np.asarray(value.index.to_numpy()), depth),
            }
        return None

    def _npy_blob(self, array: np.ndarray[Any, Any]) -> int:
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=False)
        self.blobs.append(buffer.getvalue())
        return len(self.blobs) - 1


class Decoder:
    """Turn a JSON tree plus blobs back into values; ``tagged`` resolves handle/ref/spec tags."""

    def __init__(self, blobs: Sequence[Blob], tagged: Callable[[dict[str, Any]], Any]) -> None:
        self._blobs = blobs
        self._tagged = tagged
        self._used: set[int] = set()  # a blob named twice gives two arrays that share no memory

    def decode(self, tree: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise WireError(f"value nested deeper than {MAX_DEPTH} levels")
        if tree is None or isinstance(tree, (bool, str, int, float)):
            return tree
        if isinstance(tree, list):
            if all(type(item) in _JSON_SCALARS for item in tree):
                return list(tree)
            return [self.decode(item, depth + 1) for item in tree]
        if not isinstance(tree, dict) or not isinstance(tree.get("$"), str):
            raise WireError("untagged object in a value tree")
        return self._decode_tagged(tree, depth)

    def _decode_tagged(self, tree: dict[str, Any], depth: int) -> Any:
        tag = tree["$"]
        if tag in ("nd", "npy"):
            return self._array(tree)
        if tag == "np":
            scalar = self._array(_as_dict(tree, "a"))
            if scalar.ndim != 0:
                raise WireError("a NumPy scalar arrived as an array of several values")
            return scalar[()]
        if tag == "objarray":
            return self._object_array(tree, depth)
        if tag == "tuple":
            return tuple(self.decode(item, depth + 1) for item in _as_list(tree, "v"))
        if tag == "set":
            return {self.decode(item, depth + 1) for item in _as_list(tree, "v")}
        if tag == "dict":
            return {
                self.decode(pair[0], depth + 1): self.decode(pair[1], depth + 1)
                for pair in _as_list(tree, "v")
                if isinstance(pair, list) and len(pair) == 2
            }
        if tag == "bytes":
            return bytes(self._array(_as_dict(tree, "a")))
        if tag in ("df", "series"):
            return self._pandas(tree, depth)
        return self._tagged(tree)

    def _array(self, tree: dict[str, Any]) -> Any:
        if tree.get("$") not in ("nd", "npy"):
            raise WireError("expected an array")
        index = tree.get("i")
        if not isinstance(index, int) or not 0 <= index < len(self._blobs):
            raise WireError("array refers to a missing blob")
        blob = self._blobs[index]
        if tree["$"] == "npy":
            try:
                return np.lib.format.read_array(io.BytesIO(blob), allow_pickle=False)
            except ValueError as error:
                raise WireError(f"invalid array data: {error}") from error
        dtype = _plain_dtype(tree.get("dtype"))
        shape = _shape(tree.get("shape"))
        count = math.prod(shape)
        if count * dtype.itemsize != len(blob):
            raise WireError("array data does not match its dtype and shape")
        fresh = isinstance(blob, bytearray) and index not in self._used
        self._used.add(index)
        flat = np.frombuffer(blob if fresh else bytearray(blob), dtype=dtype, count=count)
        array = flat.reshape(shape)
        return array.T if tree.get("order") == "F" else array

    def _object_array(self, tree: dict[str, Any], depth: int) -> np.ndarray[Any, Any]:
        shape = tuple(int(n) for n in _as_list(tree, "shape"))
        items = [self.decode(item, depth + 1) for item in _as_list(tree, "v")]
        if int(np.prod(shape, dtype=np.int64)) != len(items):
            raise WireError("object array shape does not match its items")
        array = np.empty(len(items), dtype=object)
        array[:] = items if items else []
        return array.reshape(shape)

    def _pandas(self, tree: dict[str, Any], depth: int) -> Any:
        import pandas as pd

        def column(node: Any) -> Any:
            return self.decode(node, depth + 1)

        index = pd.Index(column(tree.get("index")))
        if tree["$"] == "series":
            return pd.Series(column(tree.get("data")), index=index, name=column(tree.get("name")))
        names = [column(name) for name in _as_list(tree, "columns")]
        data = [column(node) for node in _as_list(tree, "data")]
        if len(names) != len(data):
            raise WireError("DataFrame columns and data differ in length")
        return pd.DataFrame(dict(zip(names, data, strict=True)), index=index, columns=names)


def _plain(dtype: np.dtype[Any]) -> bool:
    return dtype.kind in PLAIN_KINDS and dtype.fields is None and dtype.subdtype is None and dtype.itemsize > 0


def _plain_dtype(text: Any) -> np.dtype[Any]:
    if not isinstance(text, str) or len(text) > _MAX_DTYPE_TEXT:
        raise WireError("array has no valid dtype")
    try:
        dtype = np.dtype(text)
    except (TypeError, ValueError):
        raise WireError(f"array has an unknown dtype {text[:_MAX_DTYPE_TEXT]!r}") from None
    if not _plain(dtype):
        raise WireError(f"array dtype {text!r} is not a plain dtype")
    return dtype


def _shape(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) > MAX_DIMENSIONS:
        raise WireError("array has no valid shape")
    if not all(type(size) is int and size >= 0 for size in value):
        raise WireError("array shape holds something other than sizes")
    return tuple(value)


def _as_dict(tree: dict[str, Any], key: str) -> dict[str, Any]:
    value = tree.get(key)
    if not isinstance(value, dict):
        raise WireError(f"tagged value {tree.get('$')!r} lacks its {key!r}")
    return value


def _as_list(tree: dict[str, Any], key: str) -> list[Any]:
    value = tree.get(key)
    if not isinstance(value, list):
        raise WireError(f"tagged value {tree.get('$')!r} lacks its list {key!r}")
    return value


# ----------------------------------------------------------------------------- frames


_JOIN_BELOW_BYTES = 1 << 16
_JSON = json.JSONEncoder(separators=(",", ":"))  # made once: json.dumps with options builds one per call


def write_frame(fd: int, header: dict[str, Any], blobs: Sequence[Blob]) -> None:
    """Write one frame to a file descriptor (blocking)."""
    body = _JSON.encode(header).encode()
    parts: list[Blob] = [_PREFIX.pack(MAGIC, len(blobs), len(body)), body]
    for blob in blobs:
        parts.append(_LENGTH.pack(len(blob)))
        parts.append(blob)
    if sum(len(part) for part in parts) <= _JOIN_BELOW_BYTES:
        parts = [b"".join(parts)]  # one write, so the reader wakes once for the whole frame
    for part in parts:  # large frames part by part: joining would copy every array once more
        view = memoryview(part)
        while view:
            written = os.write(fd, view)
            view = view[written:]


def read_frame(fd: int, deadline: float | None = None) -> tuple[dict[str, Any], list[Blob]]:
    """Read one frame; ``deadline`` is a ``time.monotonic()`` instant, ``None`` waits forever."""
    magic, n_blobs, header_length = _PREFIX.unpack(_read_exact(fd, _PREFIX.size, deadline))
    if magic != MAGIC:
        raise WireError("frame does not start with the protocol's magic bytes")
    if header_length > MAX_HEADER_BYTES or n_blobs > 100_000:
        raise WireError("frame header is larger than the protocol allows")
    try:
        header = json.loads(_read_exact(fd, header_length, deadline))
    except (ValueError, RecursionError) as error:
        raise WireError(f"frame header is not valid JSON: {error}") from None
    if not isinstance(header, dict):
        raise WireError("frame header is not a JSON object")
    total = header_length
    blobs: list[Blob] = []
    for _ in range(n_blobs):
        (length,) = _LENGTH.unpack(_read_exact(fd, _LENGTH.size, deadline))
        total += length
        if total > MAX_FRAME_BYTES:
            raise WireError(f"frame is larger than {MAX_FRAME_BYTES // 2**20} MiB")
        blobs.append(_read_exact(fd, length, deadline))
    return header, blobs


def _read_exact(fd: int, size: int, deadline: float | None) -> bytearray:
    chunks = bytearray()  # returned as is: bytes(chunks) would copy every array once more
    while len(chunks) < size:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FrameTimeout
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                raise FrameTimeout
        chunk = os.read(fd, min(size - len(chunks), 1 << 22))
        if not chunk:
            raise PeerClosed
        chunks += chunk
    return chunks
