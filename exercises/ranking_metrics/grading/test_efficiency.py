"""Speed on a million scores, relative to the reference in the same run (``efficiency``).

One sort and cumulative sums (the reference) take a few hundred milliseconds; a sort with a Python
loop over the sorted samples stays within the multiple. A pass over the data for every distinct
score (tens of thousands of them here), or comparing every positive with every negative (about
2.5e11 pairs), does not finish in time. Best of three, each on fresh scores of the same size, timed
until the whole result is read back and compared in full with the reference's.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest

from grader.testing import Array, FloatArray, assert_fast_enough, points

N_SAMPLES = 1_000_000
N_OVR, N_CLASSES = 200_000, 5
WITHIN = 20


@functools.cache
def million_scores(repeat: int = 0) -> tuple[Array, FloatArray]:
    """Labels 0/1 (30% positive) and scores rounded to 4 decimals: about 60,000 distinct values, many ties."""
    rng = np.random.default_rng(20261205 + repeat)
    y_true = (rng.random(N_SAMPLES) < 0.3).astype(np.int64)
    y_score = np.round(rng.normal(size=N_SAMPLES) + y_true, 4)
    return y_true, y_score


@functools.cache
def multiclass_probabilities(repeat: int = 0) -> tuple[Array, FloatArray]:
    """Labels 0..4 and probability rows (softmax of noisy one-hot scores)."""
    rng = np.random.default_rng(20261206 + repeat)
    y_true = rng.integers(0, N_CLASSES, N_OVR)
    logits = rng.normal(size=(N_OVR, N_CLASSES)) + np.eye(N_CLASSES)[y_true]
    probabilities = np.exp(logits)
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return y_true, probabilities


BINARY_FUNCTIONS = ("average_precision_score", "precision_recall_curve", "roc_auc_score", "roc_curve")


@points(1, category="efficiency")
@pytest.mark.parametrize("name", BINARY_FUNCTIONS)
def test_binary_functions_are_fast_on_a_million_scores(candidate: Any, reference: Any, sandbox: Any, name: str) -> None:
    assert_fast_enough(
        lambda held: getattr(candidate, name)(*held),
        lambda data: getattr(reference, name)(*data),
        inputs=million_scores,
        prepare=lambda data: tuple(sandbox.hold(part) for part in data),
        within=WITHIN,
        rtol=1e-10,
        atol=1e-12,
        what=f"{name} on {N_SAMPLES:,} scores",
    )


@points(1, category="efficiency")
def test_one_vs_rest_auc_is_fast(candidate: Any, reference: Any, sandbox: Any) -> None:
    assert_fast_enough(
        lambda held: candidate.roc_auc_score(*held, multi_class="ovr", average=None),
        lambda data: reference.roc_auc_score(*data, multi_class="ovr", average=None),
        inputs=multiclass_probabilities,
        prepare=lambda data: tuple(sandbox.hold(part) for part in data),
        within=WITHIN,
        rtol=1e-10,
        atol=1e-12,
        what=f"roc_auc_score(multi_class='ovr', average=None) on {N_OVR:,} x {N_CLASSES} probabilities",
    )
