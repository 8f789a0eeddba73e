"""Where two values part: the first differing entry, or the rows missing and extra, for failure messages.

A message that prints two cut-off prefixes (``expected rows [0, 1, 2, 3, 4, 5, ...]; saw rows [0, 1,
2, 3, 4, 5, ...]``) shows nothing when the values part later on. These helpers name the place instead:
``first_difference`` compares in order (arrays, lists, tuples), ``set_difference`` compares as
sets (the rows a fold used). Plain functions of plain data, for suites and the engine alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

MAX_LISTED = 6


def _show(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    if isinstance(value, np.generic):
        return repr(value.item())
    return repr(value)


def _listed(values: Sequence[Any]) -> str:
    shown = ", ".join(_show(value) for value in values[:MAX_LISTED])
    return f"[{shown}{f', ... ({len(values)} in all)' if len(values) > MAX_LISTED else ''}]"


def _same(a: Any, b: Any) -> bool:
    try:
        floats = isinstance(a, (float, np.floating)) and isinstance(b, (float, np.floating))
        if floats and np.isnan(a) and np.isnan(b):
            return True
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def first_difference(actual: Any, expected: Any) -> str:
    """The first place where ``actual`` and ``expected`` differ, with both values, or "" when equal.

    >>> first_difference([0, 1, 2, 4], [0, 1, 2, 3, 4])
    'first difference at index 3: got 4, expected 3 (4 items; expected 5)'
    """
    got, want = np.asarray(actual, dtype=object), np.asarray(expected, dtype=object)
    if got.ndim > 1 or want.ndim > 1:
        if got.shape != want.shape:
            return f"shape {got.shape}; expected {want.shape}"
        for where in np.ndindex(*want.shape):
            if not _same(got[where], want[where]):
                return f"first difference at index {where}: got {_show(got[where])}, expected {_show(want[where])}"
        return ""
    got_list, want_list = list(got.ravel()), list(want.ravel())
    sizes = "" if len(got_list) == len(want_list) else f" ({len(got_list)} items; expected {len(want_list)})"
    for index, (a, b) in enumerate(zip(got_list, want_list, strict=False)):
        if not _same(a, b):
            return f"first difference at index {index}: got {_show(a)}, expected {_show(b)}{sizes}"
    if len(got_list) > len(want_list):
        return (f"{len(got_list) - len(want_list)} extra item(s) from index {len(want_list)}: "
                f"{_listed(got_list[len(want_list):])}{sizes}")
    if len(got_list) < len(want_list):
        return (f"missing {len(want_list) - len(got_list)} item(s) from index {len(got_list)}: "
                f"{_listed(want_list[len(got_list):])}{sizes}")
    return ""


def set_difference(seen: Any, expected: Any, noun: str = "rows") -> str:
    """What ``seen`` lacks and what it has too many of, compared as sets, or "" when they are the same.

    >>> set_difference([0, 1, 3], [0, 1, 2])
    'missing rows [2]; unexpected rows [3]'
    """
    got = sorted(set(np.asarray(seen).ravel().tolist()))
    want = sorted(set(np.asarray(expected).ravel().tolist()))
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    parts = ([f"missing {noun} {_listed(missing)}"] if missing else []) + (
        [f"unexpected {noun} {_listed(extra)}"] if extra else [])
    repeated = len(np.asarray(seen).ravel()) - len(got)
    if repeated:
        parts.append(f"{repeated} repeated")
    return "; ".join(parts)
