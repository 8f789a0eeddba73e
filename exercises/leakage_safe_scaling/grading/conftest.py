"""Suite-local plumbing: a candidate's ``NotImplementedError`` ends a Hypothesis check at once.

Hypothesis treats a ``NotImplementedError`` like any failure and shrinks it: hundreds of further
examples, each generated and run, only to fail the same way. For an untouched stub that is minutes of
work per exercise for a verdict ("not implemented") known after the first call. Here the error is
carried past Hypothesis inside a ``BaseException`` (which Hypothesis does not catch, as with
``CandidateFault``) and raised again, unchanged, once the test function has returned, so the grader
reports it exactly as it would have.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import pytest


class _NotImplementedShortcut(BaseException):
    """Carries a candidate's ``NotImplementedError`` out of Hypothesis without shrinking."""

    def __init__(self, original: NotImplementedError) -> None:
        super().__init__(str(original))
        self.original = original


def _stop_at_not_implemented(inner: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(inner)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return inner(*args, **kwargs)
        except NotImplementedError as error:
            raise _NotImplementedShortcut(error) from None

    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        handle = getattr(getattr(item, "obj", None), "hypothesis", None)
        if handle is not None and not getattr(handle.inner_test, "_stops_at_not_implemented", False):
            handle.inner_test = _stop_at_not_implemented(handle.inner_test)
            handle.inner_test._stops_at_not_implemented = True


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Iterator[None]:
    try:
        return (yield)
    except _NotImplementedShortcut as shortcut:
        raise shortcut.original from None
