"""Calls into candidate code whose crash should fail the check with the check's own words.

An exception from candidate code normally fails a check with the bare exception. Where the input is
the point of the check (plain lists, a problem where a full Newton step overshoots), the message
should say which input it was: ``failing_as(what)`` turns the candidate's exception into a
``CheckFailed`` that names ``what``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from grader.testing import CandidateRaised, CheckFailed


@contextlib.contextmanager
def failing_as(what: str, *, hint: str = "") -> Iterator[None]:
    """Run the block; an exception raised by candidate code fails the check as ``what`` raised it."""
    try:
        yield
    except NotImplementedError:
        raise
    except CandidateRaised as error:
        message = str(error).strip()[:200]
        raise CheckFailed(f"{what} raised {error.remote_type}({message!r}){hint}") from None
