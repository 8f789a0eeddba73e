"""Short, deterministic text for values in failure messages: what came back, where it first differs.

No ids, addresses or timings ever appear: the JSON report must be byte-identical across runs.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from grader.grading.proxy import RemoteObject

MAX_INLINE_ITEMS = 8
MAX_LISTED = 6


def brief(value: Any, *, limit: int = 160) -> str:
    """A compact, deterministic description of a value: type, shape, and a few entries."""
    if isinstance(value, RemoteObject):
        return f"a {value._type} object"
    if isinstance(value, np.ndarray):
        return _brief_array(value)
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, (list, tuple)):
        opener, closer = ("[", "]") if isinstance(value, list) else ("(", ")")
        shown = ", ".join(brief(item, limit=40) for item in value[:MAX_INLINE_ITEMS])
        more = f", ... ({len(value)} items)" if len(value) > MAX_INLINE_ITEMS else ""
        return cut(f"{opener}{shown}{more}{closer}", limit)
    if isinstance(value, dict):
        shown = ", ".join(f"{brief(k, limit=30)}: {brief(v, limit=40)}" for k, v in list(value.items())[:6])
        return cut("{" + shown + "}", limit)
    if isinstance(value, float):
        return f"{value:.6g}"
    if type(value).__module__.startswith("pandas"):
        return f"a pandas {type(value).__name__} of shape {getattr(value, 'shape', '?')}"
    return cut(repr(value), limit)


def _brief_array(array: np.ndarray[Any, Any]) -> str:
    head = f"{array.dtype} array of shape {array.shape}"
    if array.size == 0:
        return head
    with np.printoptions(threshold=MAX_INLINE_ITEMS, edgeitems=2, precision=4, linewidth=10_000):
        body = np.array2string(array, separator=", ")
    compact = re.sub(r"\[\s+", "[", " ".join(body.split()))
    return f"{head}: {cut(compact, 160)}"


def cut(text: str, limit: int) -> str:
    """``text``, shortened to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def listed(values: Any, *, most: int = MAX_LISTED) -> str:
    """A short list of sample numbers or labels for a message: ``[0, 4, 7, ...]``."""
    items = np.asarray(values).ravel().tolist()
    shown = ", ".join(repr(item) for item in items[:most])
    return f"[{shown}{', ...' if len(items) > most else ''}]"


def first_difference(actual: Any, expected: Any) -> str:
    """Where two sequences first differ, with both values: never two identical-looking prefixes.

    ``"at index 6: got 7, expected 8 (10 items against 10)"``; for sequences of different lengths whose
    common part agrees, says which one goes on and with what.
    """
    got, want = list(np.asarray(actual).ravel().tolist()), list(np.asarray(expected).ravel().tolist())
    for index, (a, e) in enumerate(zip(got, want, strict=False)):
        if a != e and not (_is_nan(a) and _is_nan(e)):
            return f"at index {index}: got {a!r}, expected {e!r} ({len(got)} items against {len(want)})"
    if len(got) > len(want):
        return f"the first {len(want)} items agree, then {len(got) - len(want)} more: {listed(got[len(want) :])}"
    if len(want) > len(got):
        return f"the first {len(got)} items agree, then {len(want) - len(got)} are missing: {listed(want[len(got) :])}"
    return "no difference"


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and value != value
