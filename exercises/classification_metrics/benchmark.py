"""``make bench`` rows for ``classification_metrics``: the reference against scikit-learn, same run."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn import metrics

from grader.bench import Comparison
from grader.loading import load_reference

N_SAMPLES, N_CLASSES = 1_000_000, 10
# A bincount over the label range skips scikit-learn's general-purpose validation and encoding.
TARGET = 0.2


def _quietly(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """scikit-learn's call with its warnings silenced (as the suite calls it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


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
            baseline=lambda: _quietly(metrics.confusion_matrix, y_true, y_pred),
            target=TARGET,
        ),
        Comparison(
            name=f"precision_recall_fscore_support (average=None), {size}",
            ours=lambda: reference.precision_recall_fscore_support(y_true, y_pred),
            baseline=lambda: _quietly(metrics.precision_recall_fscore_support, y_true, y_pred),
            target=TARGET,
        ),
    ]
