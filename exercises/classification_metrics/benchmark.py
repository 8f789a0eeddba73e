"""``make bench`` rows for ``classification_metrics``: the reference against scikit-learn, same run."""

from __future__ import annotations

import numpy as np
from sklearn import metrics

from grader.testing import Comparison, load_reference, quietly

N_SAMPLES, N_CLASSES = 1_000_000, 10
# A bincount over the label range skips scikit-learn's general-purpose validation and encoding.
TARGET = 0.2


def comparisons() -> list[Comparison]:
    """``confusion_matrix`` and ``precision_recall_fscore_support`` on 1,000,000 labels."""
    reference = load_reference("classification_metrics")
    rng = np.random.default_rng(0)
    # Built once, outside the timed calls: predictions right about 70% of the time.
    y_true = rng.integers(0, N_CLASSES, N_SAMPLES)
    y_pred = np.where(rng.random(N_SAMPLES) < 0.3, rng.integers(0, N_CLASSES, N_SAMPLES), y_true)
    size = f"{N_SAMPLES:,} labels x {N_CLASSES} classes"
    return [
        Comparison(
            name=f"confusion_matrix, {size}",
            ours=lambda: reference.confusion_matrix(y_true, y_pred),
            baseline=lambda: quietly(metrics.confusion_matrix, y_true, y_pred),
            target=TARGET,
        ),
        Comparison(
            name=f"precision_recall_fscore_support (average=None), {size}",
            ours=lambda: reference.precision_recall_fscore_support(y_true, y_pred),
            baseline=lambda: quietly(metrics.precision_recall_fscore_support, y_true, y_pred),
            target=TARGET,
        ),
    ]
