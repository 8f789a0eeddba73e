"""The trusted side of a comparison: scikit-learn called quietly, objects built from import paths."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from grader.grading.proxy import build_trusted


def quietly(call: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)`` with warnings silenced: scikit-learn's own warnings are not a verdict."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


def build(path: str, /, *args: Any, **kwargs: Any) -> Any:
    """``path(*args, **kwargs)`` built in the judge (``sklearn.``, ``numpy.`` or ``grader.spies.``)."""
    return build_trusted(path, args, kwargs)
