"""Spies for leakage and "fresh copy" checks, and readers that turn their journals into facts.

A spy (``grader.spies``) stays in the judge; candidate code holds a stand-in, so a journal records
exactly the calls candidate code made, on which rows, in which copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from grader.testing.arrays import Array
from grader.testing.spies import SpyEstimator, SpyTransformer

Record = dict[str, Any]
FIT_EVENTS = ("fit", "fit_transform")


def spy_estimator(inner: str, **params: Any) -> SpyEstimator:
    """A journaling scikit-learn estimator (``inner`` is its import path), e.g. a ``Ridge``."""
    return SpyEstimator(inner=inner, params=params or None)


def spy_transformer(inner: str, **params: Any) -> SpyTransformer:
    """A journaling scikit-learn transformer, e.g. a ``StandardScaler``."""
    return SpyTransformer(inner=inner, params=params or None)


def records(journal: Sequence[Record], *events: str) -> list[Record]:
    """The records of the given events (all of them when none is named), in call order."""
    return [record for record in journal if not events or record["event"] in events]


def fit_records(journal: Sequence[Record]) -> list[Record]:
    """The ``fit`` and ``fit_transform`` records, in call order."""
    return records(journal, *FIT_EVENTS)


def row_indices(rows: Any, X: Array) -> frozenset[int] | None:
    """The indices of ``X`` that ``rows`` holds, or None if some row is not a row of ``X``.

    The rows of ``X`` must be distinct (the suites' strategies make them so): each names one index.
    """
    lookup = {tuple(row): index for index, row in enumerate(np.asarray(X).tolist())}
    array = np.asarray(rows)
    if array.ndim != 2 or array.shape[1] != np.asarray(X).shape[1]:
        return None
    found = [lookup.get(tuple(row)) for row in array.tolist()]
    if any(index is None for index in found):
        return None
    return frozenset(index for index in found if index is not None)
