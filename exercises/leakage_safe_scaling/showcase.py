"""The leakage-safe-scaling picture of the visual report: per-fold scores with scaling inside the folds."""

from __future__ import annotations

from typing import Any

from grader.testing.pictures import (
    Picture,
    as_array,
    bars,
    field,
    figure,
    folds_input,
    largest_gap,
    numbers,
    png,
    verdict,
)

TITLE = "Per-fold scores with scaling inside the folds"
INPUT_VERSION = 2
N_FOLDS = 5


def _scaler() -> Any:
    from sklearn.preprocessing import StandardScaler

    return StandardScaler()


def _estimator() -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=0.1, max_iter=1000)


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y = folds_input()
    # Both objects stay in the judge; candidate code holds stand-ins for them.
    scores = candidate.scaled_cross_val_score(_scaler(), _estimator(), X, y, n_splits=N_FOLDS)
    return {"scores": numbers(as_array(scores, (N_FOLDS,), "scaled_cross_val_score(..., n_splits=5)"))}


def draw(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.model_selection import KFold, cross_val_score
    from sklearn.pipeline import make_pipeline

    X, y = folds_input()
    scores = field(data, "scores", (N_FOLDS,), "scaled_cross_val_score(..., n_splits=5)")
    trusted = cross_val_score(make_pipeline(_scaler(), _estimator()), X, y, cv=KFold(N_FOLDS))
    drawn = figure(6.4, 3.6)
    bars(drawn.subplots(), scores, trusted, "StandardScaler + LogisticRegression(C=0.1)")
    gap = largest_gap(scores, trusted)
    caption = (
        "Scaler fitted on each training fold only, as a scikit-learn Pipeline does; the features drift "
        "along the rows, so scaling with test rows moves the scores. Accuracy on each test fold, "
        "unshuffled folds. "
        + verdict(
            gap >= 1e-6,
            "The candidate's scores match scikit-learn's.",
            f"The scores differ from scikit-learn's by up to {gap:.3g}.",
            lost,
            "scikit-learn",
        )
    )
    return Picture(TITLE, caption, png(drawn))
