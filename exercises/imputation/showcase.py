"""The imputation picture of the visual report: KNN-imputed points on a curve, candidate against scikit-learn."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing.pictures import (
    CANDIDATE_COLOUR,
    TRUSTED_COLOUR,
    Picture,
    as_array,
    field,
    figure,
    largest_gap,
    numbers,
    png,
    verdict,
)

TITLE = "KNN imputation of a missing coordinate"
INPUT_VERSION = 1
N_POINTS, N_MISSING, N_NEIGHBORS = 80, 20, 3


def _input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Points near a sine curve (third feature: noise); the second coordinate of 20 points is missing."""
    rng = np.random.default_rng(11)
    x = np.sort(rng.uniform(0.0, 6.0, size=N_POINTS))
    X = np.column_stack([x, np.sin(x) + rng.normal(scale=0.1, size=N_POINTS), rng.normal(scale=0.2, size=N_POINTS)])
    missing = np.sort(rng.choice(N_POINTS, size=N_MISSING, replace=False))
    X[missing, 1] = np.nan
    X[missing[::4], 2] = np.nan  # a few rows miss two features: the distance is rescaled for them
    return X, missing


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, _ = _input()
    imputed = candidate.KNNImputer(n_neighbors=N_NEIGHBORS).fit_transform(X)
    return {"imputed": numbers(as_array(imputed, X.shape, f"KNNImputer(n_neighbors={N_NEIGHBORS}).fit_transform(X)"))}


def draw(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.impute import KNNImputer

    X, missing = _input()
    imputed = field(data, "imputed", X.shape, "KNNImputer(...).fit_transform(X)")
    trusted = KNNImputer(n_neighbors=N_NEIGHBORS).fit_transform(X)
    drawn = figure(6.4, 3.6)
    axes = drawn.subplots()
    observed = np.setdiff1d(np.arange(N_POINTS), missing)
    axes.scatter(X[observed, 0], X[observed, 1], s=12, color="#999999", label="observed")
    axes.scatter(
        trusted[missing, 0],
        trusted[missing, 1],
        s=70,
        facecolors="none",
        edgecolors=TRUSTED_COLOUR,
        label="scikit-learn's imputation",
    )
    axes.scatter(
        imputed[missing, 0],
        imputed[missing, 1],
        s=18,
        marker="x",
        color=CANDIDATE_COLOUR,
        label="candidate's imputation",
    )
    axes.set_xlabel("feature 0 (observed)")
    axes.set_ylabel("feature 1 (imputed where missing)")
    axes.legend(loc="lower left", fontsize=8)
    gap = largest_gap(imputed[missing, 1:], trusted[missing, 1:])
    caption = (
        f"{N_MISSING} points lost their second coordinate (5 of them the third too); each is imputed from "
        f"its {N_NEIGHBORS} nearest donors in scikit-learn's NaN-Euclidean distance. "
        + verdict(
            gap >= 1e-6,
            "The candidate's imputed values match scikit-learn's.",
            f"The candidate's imputed values differ from scikit-learn's by up to {gap:.3g}.",
            lost,
            "scikit-learn",
        )
    )
    return Picture(TITLE, caption, png(drawn))
