"""``make bench`` rows for ``ranking_metrics``: the reference against scikit-learn, same run."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn import metrics

from grader.testing import Comparison, load_reference, quietly

N_SAMPLES = 1_000_000
N_OVR, N_CLASSES = 200_000, 5
# One sort and cumulative sums, as scikit-learn does, without its general-purpose validation.
TARGET = 2.0


BINARY_FUNCTIONS = ("roc_curve", "precision_recall_curve", "roc_auc_score", "average_precision_score")


def _binary_row(reference: Any, name: str, y_true: Any, y_score: Any) -> Comparison:
    return Comparison(
        name=f"{name}, {N_SAMPLES:,} scores",
        ours=lambda: getattr(reference, name)(y_true, y_score),
        baseline=lambda: quietly(getattr(metrics, name), y_true, y_score),
        target=TARGET,
    )


def comparisons() -> list[Comparison]:
    """Every function on 1,000,000 scores (30% positive, rounded to 4 decimals), and one-vs-rest AUC."""
    reference = load_reference("ranking_metrics")
    rng = np.random.default_rng(0)
    y_true = (rng.random(N_SAMPLES) < 0.3).astype(np.int64)
    y_score = np.round(rng.normal(size=N_SAMPLES) + y_true, 4)
    labels = rng.integers(0, N_CLASSES, N_OVR)
    logits = rng.normal(size=(N_OVR, N_CLASSES)) + np.eye(N_CLASSES)[labels]
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    rows = [_binary_row(reference, name, y_true, y_score) for name in BINARY_FUNCTIONS]
    rows.append(
        Comparison(
            name=f"roc_auc_score (ovr, macro), {N_OVR:,} x {N_CLASSES}",
            ours=lambda: reference.roc_auc_score(labels, probabilities, multi_class="ovr"),
            baseline=lambda: quietly(metrics.roc_auc_score, labels, probabilities, multi_class="ovr"),
            target=TARGET,
        )
    )
    return rows
