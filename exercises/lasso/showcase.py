"""The lasso picture of the visual report: the regularisation path on diabetes beside scikit-learn's."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing import load_dataset
from grader.testing.pictures import (
    CANDIDATE_COLOUR,
    TRUSTED_COLOUR,
    Picture,
    as_array,
    field,
    figure,
    numbers,
    png,
    verdict,
)

TITLE = "Lasso regularisation path on diabetes"
INPUT_VERSION = 1
N_ALPHAS = 16
TOL = 1e-8


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Diabetes (442 x 10, as bundled), y as float, and 16 alphas from 1.05 x alpha_max down to alpha_max / 1000."""
    X, y = load_dataset("diabetes")
    y = y.astype(np.float64)
    top = float(np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean())))) / X.shape[0]
    return X, y, top * np.logspace(0.02, -3.0, N_ALPHAS)


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y, alphas = fixed_input()
    path = np.empty((N_ALPHAS, X.shape[1]))
    for row, alpha in enumerate(alphas):
        model = candidate.Lasso(float(alpha), tol=TOL, max_iter=100_000).fit(X, y)
        path[row] = as_array(model.coef_, (X.shape[1],), f"Lasso(alpha={alpha:.4g}).fit(X, y).coef_")
    return {"path": numbers(path)}


def draw(data: dict[str, Any], lost: float) -> Picture:
    from matplotlib.lines import Line2D
    from sklearn.linear_model import Lasso

    X, y, alphas = fixed_input()
    candidate = field(data, "path", (N_ALPHAS, X.shape[1]), "the candidate's path")
    trusted = np.array([Lasso(alpha=float(a), tol=TOL, max_iter=100_000).fit(X, y).coef_ for a in alphas])
    drawn = figure(6.4, 4.6)
    axes = drawn.subplots()
    for j in range(X.shape[1]):
        axes.plot(alphas, np.nan_to_num(candidate[:, j]), color=CANDIDATE_COLOUR, lw=1.8, marker="o", ms=3)
        axes.plot(alphas, trusted[:, j], color=TRUSTED_COLOUR, lw=1.2, ls="--")
    axes.set_xscale("log")
    axes.invert_xaxis()
    axes.set_xlabel("alpha (log scale, decreasing)")
    axes.set_ylabel("coefficient")
    axes.set_title("Each line is one feature's weight as alpha shrinks")
    axes.legend(
        handles=[
            Line2D([], [], color=CANDIDATE_COLOUR, lw=2, marker="o", ms=3, label="candidate"),
            Line2D([], [], color=TRUSTED_COLOUR, lw=1.2, ls="--", label="scikit-learn"),
        ],
        loc="upper left",
        fontsize=8,
    )
    scale = float(np.max(np.abs(trusted)))
    gap = float(np.nanmax(np.abs(candidate - trusted))) if np.isfinite(candidate).all() else float("inf")
    same_zeros = bool(np.array_equal(candidate == 0.0, trusted == 0.0))
    differs = not (gap <= 1e-3 * scale and same_zeros)
    caption = (
        "The lasso path: at the largest alpha every weight is 0; as alpha shrinks, features enter one by one. "
        + verdict(
            differs,
            "The candidate's path lies on scikit-learn's, with the same exact zeros.",
            f"The candidate's path differs from scikit-learn's: the largest gap is {gap:.3g}"
            f"{'' if same_zeros else ', and the exact zeros differ'}.",
            lost,
            "scikit-learn",
        )
    )
    return Picture(TITLE, caption, png(drawn))
