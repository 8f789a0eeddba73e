"""``make bench`` rows for ``imbalanced_classification``: the reference against scikit-learn, same run."""

from __future__ import annotations

import numpy as np
from sklearn import metrics
from sklearn.utils.class_weight import compute_sample_weight

from grader.testing import Comparison, load_reference, quietly

N_LABELS = 1_000_000
TARGET = 2.0


def _tuned_by_sklearn(y_true: np.ndarray, y_score: np.ndarray) -> float:
    """The F1-best threshold from scikit-learn's precision_recall_curve (the smallest among ties)."""
    precision, recall, thresholds = metrics.precision_recall_curve(y_true, y_score)
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)[:-1]
    return float(thresholds[np.argmax(f1)])


def comparisons() -> list[Comparison]:
    """Sample weights, balanced accuracy and the F1-best threshold on a million labels."""
    reference = load_reference("imbalanced_classification")
    rng = np.random.default_rng(0)
    # Built once, outside the timed calls: five imbalanced classes, predictions right 70% of the time.
    y = rng.choice(5, size=N_LABELS, p=[0.6, 0.2, 0.1, 0.07, 0.03])
    y_pred = np.where(rng.random(N_LABELS) < 0.3, rng.integers(0, 5, N_LABELS), y)
    binary = (rng.random(N_LABELS) < 0.1).astype(np.int64)
    scores = np.round(rng.normal(size=N_LABELS) + 1.2 * binary, 4)
    size = f"{N_LABELS:,} labels"
    return [
        Comparison(
            name=f"compute_sample_weight('balanced'), {size}",
            ours=lambda: reference.compute_sample_weight("balanced", y),
            baseline=lambda: compute_sample_weight("balanced", y),
            target=TARGET,
        ),
        Comparison(
            name=f"balanced_accuracy_score, {size}",
            ours=lambda: reference.balanced_accuracy_score(y, y_pred),
            baseline=lambda: quietly(metrics.balanced_accuracy_score, y, y_pred),
            target=TARGET,
        ),
        Comparison(
            name=f"tune_threshold(metric='f1') vs precision_recall_curve + argmax, {size}",
            ours=lambda: reference.tune_threshold(binary, scores),
            baseline=lambda: _tuned_by_sklearn(binary, scores),
            target=TARGET,
        ),
    ]
