"""Speed on a million labels, relative to the reference in the same run (``efficiency``).

The multiple is generous on purpose. The statement promises that counting (true, predicted) pairs
in a dictionary over Python lists passes: that costs about 13 times the reference's single
bincount in CPU time, and wall-clock ratios on a loaded machine inflate long calls more than
short ones (observed up to 40x). A Python loop making NumPy calls for every sample costs about
400 times the reference and fails. Best of five runs, to shrug off a busy moment.
"""

from __future__ import annotations

import functools

import numpy as np

from grader.suite import assert_fast_enough, points

N_SAMPLES, N_CLASSES = 1_000_000, 10
# Counting pairs in a dict over Python lists costs ~13x the reference's CPU time, and NumPy calls
# for every sample ~400x; 50x sits between them with room for a busy machine on either side.
WITHIN = 50


@functools.cache
def million_labels() -> tuple[np.ndarray, np.ndarray]:
    """Labels 0..9, with predictions right about 70% of the time."""
    rng = np.random.default_rng(20261203)
    y_true = rng.integers(0, N_CLASSES, N_SAMPLES)
    wrong = rng.random(N_SAMPLES) < 0.3
    y_pred = np.where(wrong, rng.integers(0, N_CLASSES, N_SAMPLES), y_true)
    return y_true, y_pred


@points(1, category="efficiency")
def test_confusion_matrix_is_fast_on_a_million_labels(candidate, reference):
    y_true, y_pred = million_labels()
    assert_fast_enough(
        lambda: candidate.confusion_matrix(y_true, y_pred),
        lambda: reference.confusion_matrix(y_true, y_pred),
        within=WITHIN,
        repeats=5,
        what=f"confusion_matrix on {N_SAMPLES:,} labels over {N_CLASSES} classes",
    )


@points(1, category="efficiency")
def test_precision_recall_fscore_support_is_fast_on_a_million_labels(candidate, reference):
    y_true, y_pred = million_labels()
    assert_fast_enough(
        lambda: candidate.precision_recall_fscore_support(y_true, y_pred, average="macro"),
        lambda: reference.precision_recall_fscore_support(y_true, y_pred, average="macro"),
        within=WITHIN,
        repeats=5,
        what=f"precision_recall_fscore_support(average='macro') on {N_SAMPLES:,} labels over {N_CLASSES} classes",
    )
