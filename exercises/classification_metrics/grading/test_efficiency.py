"""Speed on a million labels, relative to the reference in the same run (``efficiency``).

The multiple is generous on purpose. The statement promises that counting (true, predicted) pairs
in a dictionary over Python lists passes: that costs about 13 times the reference's single
bincount in CPU time, and wall-clock ratios on a loaded machine inflate long calls more than
short ones (observed up to 40x). A Python loop making NumPy calls for every sample costs about
400 times the reference and fails. Best of five runs, each on fresh labels of the same size, timed
until the whole result is read back and compared in full with the reference's.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from grader.testing import IntArray, assert_fast_enough, points

N_SAMPLES, N_CLASSES = 1_000_000, 10
# Counting pairs in a dict over Python lists costs ~13x the reference's CPU time, and NumPy calls
# for every sample ~400x; 50x sits between them with room for a busy machine on either side.
WITHIN = 50


@functools.cache
def million_labels(repeat: int = 0) -> tuple[IntArray, IntArray]:
    """Labels 0..9, with predictions right about 70% of the time; a seed of its own per repeat."""
    rng = np.random.default_rng(20261203 + repeat)
    y_true = rng.integers(0, N_CLASSES, N_SAMPLES)
    wrong = rng.random(N_SAMPLES) < 0.3
    y_pred = np.where(wrong, rng.integers(0, N_CLASSES, N_SAMPLES), y_true)
    return y_true, y_pred


@points(1, category="efficiency")
def test_confusion_matrix_is_fast_on_a_million_labels(candidate: Any, reference: Any, sandbox: Any) -> None:
    assert_fast_enough(
        lambda held: candidate.confusion_matrix(*held),
        lambda labels: reference.confusion_matrix(*labels),
        inputs=million_labels,
        prepare=lambda labels: tuple(sandbox.hold(part) for part in labels),
        within=WITHIN,
        repeats=5,
        what=f"confusion_matrix on {N_SAMPLES:,} labels over {N_CLASSES} classes",
    )


@points(1, category="efficiency")
def test_precision_recall_fscore_support_is_fast_on_a_million_labels(
    candidate: Any, reference: Any, sandbox: Any
) -> None:
    assert_fast_enough(
        lambda held: candidate.precision_recall_fscore_support(*held, average="macro"),
        lambda labels: reference.precision_recall_fscore_support(*labels, average="macro"),
        inputs=million_labels,
        prepare=lambda labels: tuple(sandbox.hold(part) for part in labels),
        within=WITHIN,
        repeats=5,
        what=f"precision_recall_fscore_support(average='macro') on {N_SAMPLES:,} labels over {N_CLASSES} classes",
    )
