"""Expected values computed once: a trusted oracle's results kept on disk, keyed by their exact inputs.

Hypothesis runs derandomised, so every submission graded with the same suite meets the same inputs,
and the reference's and scikit-learn's answers to them are the same every time. ``@remembered`` on a
pure oracle function (data in, data out) stores each answer under

    <cache>/<grading fingerprint>/<module.function>/<sha256 of the encoded arguments>

and reads it back on the next call with the same arguments, in this grading or any later one. Inputs
Hypothesis meets only while shrinking a failure are new keys, computed as before.

A verdict cannot move, by construction:

- the key holds every byte of every argument with its type, dtype and shape (the wire encoding), the
  function's import path, and the grading fingerprint, which covers the suite, the reference, the
  datasets and the engine: a changed oracle is a new namespace;
- the value is stored in the same encoding, and the caller always receives the decoded copy, on the
  first call as on every later one, so a computed and a remembered answer are the same objects bit
  for bit (and a caller that modifies its copy changes nothing stored);
- only plain data is remembered (``None``, bools, ints, floats, strings, NumPy arrays and scalars
  without objects, and lists, tuples and dicts of them); anything else is computed every time;
- a missing, unreadable or damaged entry is a miss: the value is computed and written again.

The judge turns the cache on for one exercise (``configure``); outside the judge (a suite imported
by a test, a benchmark) ``@remembered`` functions are plain calls. ``MLGRADE_CACHE`` names the folder
(default ``$XDG_CACHE_HOME/mlgrade`` or ``~/.cache/mlgrade``); ``MLGRADE_CACHE=off`` turns it off.
The candidate never reaches it: under bubblewrap it is not mounted in the jail, and it holds data,
never code (no pickle).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np

from grader.sandbox import wire

CACHE_VARIABLE = "MLGRADE_CACHE"
_state: dict[str, Path | None] = {"folder": None}

Function = TypeVar("Function", bound=Callable[..., Any])


def default_folder() -> Path | None:
    """The cache's root folder, or ``None`` when ``MLGRADE_CACHE=off``."""
    chosen = os.environ.get(CACHE_VARIABLE, "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen).resolve()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mlgrade"


def configure(namespace: str | None, root: Path | None = None) -> None:
    """Remember answers under ``root/oracles/namespace`` (``namespace=None`` turns remembering off)."""
    if namespace is None:
        _state["folder"] = None
        return
    base = root if root is not None else default_folder()
    _state["folder"] = None if base is None else base / "oracles" / namespace


def remembered(function: Function) -> Function:
    """Keep ``function``'s answers on disk, keyed by its exact arguments (see the module docstring)."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        folder = _state["folder"]
        key = _key(name, args, kwargs) if folder is not None else None
        if folder is None or key is None:
            return function(*args, **kwargs)
        path = folder / _safe(name) / f"{key}.frame"
        found, value = _read(path)
        if found:
            return value
        value = function(*args, **kwargs)
        encoded = _encode(value)
        if encoded is None:
            return value  # not plain data: computed every time
        _write(path, encoded)
        return _decode(*encoded)

    return cast(Function, wrapper)


def _plain(value: Any, depth: int = 0) -> bool:
    if depth > 50:
        return False
    if value is None or type(value) in (bool, int, float, str):
        return True
    if type(value) is np.ndarray:
        return not value.dtype.hasobject
    if isinstance(value, np.generic):  # NumPy's strings would come back as plain str: not remembered
        return not isinstance(value, (np.object_, np.str_, np.bytes_))
    if type(value) in (list, tuple):
        return all(_plain(item, depth + 1) for item in value)
    if type(value) is dict:
        return all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in value.items())
    return False


def _refuse(value: Any) -> dict[str, Any]:
    raise TypeError(f"not plain data: {type(value).__name__}")


def _encode(value: Any) -> tuple[Any, list[wire.Blob]] | None:
    if not _plain(value):
        return None
    encoder = wire.Encoder(_refuse)
    try:
        tree = encoder.encode(value)
    except (TypeError, wire.WireError):
        return None
    return tree, encoder.blobs


def _decode(tree: Any, blobs: list[Any]) -> Any:
    return wire.Decoder(blobs, _refuse).decode(tree)


def _key(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    encoded = _encode([list(args), dict(sorted(kwargs.items()))])
    if encoded is None:
        return None
    tree, blobs = encoded
    digest = hashlib.sha256(name.encode() + b"\0" + json.dumps(tree, separators=(",", ":")).encode())
    for blob in blobs:
        digest.update(len(blob).to_bytes(8, "little"))
        digest.update(blob)
    return digest.hexdigest()


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:200]


def _read(path: Path) -> tuple[bool, Any]:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False, None
    try:
        header, blobs = wire.read_frame(fd)
        return True, _decode(header.get("value"), blobs)
    except (wire.WireError, wire.PeerClosed, OSError, ValueError, TypeError, KeyError):
        return False, None  # damaged: computed and written again
    finally:
        os.close(fd)


def _write(path: Path, encoded: tuple[Any, list[wire.Blob]]) -> None:
    tree, blobs = encoded
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    except OSError:
        return  # a cache that cannot be written is a cache that misses
    try:
        try:
            wire.write_frame(fd, {"value": tree}, blobs)
        finally:
            os.close(fd)
        os.replace(temporary, path)  # atomic: two judges writing one entry each leave a whole file
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
