"""The linear-regression picture of the visual report: fitted lines beside scikit-learn's, and the
gradient-descent loss curve beside the statement's."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing import load_reference
from grader.testing.pictures import (
    CANDIDATE_COLOUR,
    TRUSTED_COLOUR,
    Picture,
    ShowcaseError,
    as_array,
    field,
    figure,
    numbers,
    png,
    verdict,
)

TITLE = "Linear regression: fitted lines and the descent's loss"
INPUT_VERSION = 1
GRID = np.linspace(-3.0, 3.0, 25)
RIDGE_ALPHA = 40.0
DESCENT = {"learning_rate": 0.1, "max_iter": 150, "tol": 1e-8}


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """40 points of a noisy line ``y = 2.5 x + 4`` with ``x`` in [-2.5, 2.5] (one feature)."""
    rng = np.random.default_rng(3)
    x = np.sort(rng.uniform(-2.5, 2.5, 40))
    return x[:, None], 2.5 * x + 4.0 + rng.normal(0.0, 1.5, 40)


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y = fixed_input()
    grid = GRID[:, None]
    shape = (GRID.size,)
    ols = candidate.LinearRegression().fit(X, y)
    ridge = candidate.Ridge(alpha=RIDGE_ALPHA).fit(X, y)
    descent = candidate.GradientDescentRegressor(**DESCENT).fit(X, y)
    curve = descent.loss_curve_
    if not isinstance(curve, (list, tuple, np.ndarray)) or not 1 <= len(curve) <= DESCENT["max_iter"] + 1:
        raise ShowcaseError("GradientDescentRegressor.loss_curve_ is not a list of at most max_iter + 1 values")
    return {
        "ols": numbers(as_array(ols.predict(grid), shape, "LinearRegression.predict(grid)")),
        "ridge": numbers(as_array(ridge.predict(grid), shape, "Ridge.predict(grid)")),
        "curve": numbers(as_array(curve, (len(curve),), "GradientDescentRegressor.loss_curve_")),
    }


def draw(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.linear_model import LinearRegression, Ridge

    X, y = fixed_input()
    grid = GRID[:, None]
    shape = (GRID.size,)
    ols = field(data, "ols", shape, "LinearRegression.predict(grid)")
    ridge = field(data, "ridge", shape, "Ridge.predict(grid)")
    stored = data.get("curve")
    curve = field(data, "curve", (len(stored) if isinstance(stored, list) else -1,), "loss_curve_")
    trusted_ols = LinearRegression().fit(X, y).predict(grid)
    trusted_ridge = Ridge(alpha=RIDGE_ALPHA).fit(X, y).predict(grid)
    trusted_curve = np.asarray(
        load_reference("linear_regression").GradientDescentRegressor(**DESCENT).fit(X, y).loss_curve_
    )

    drawn = figure(9.0, 4.0)
    left, right = drawn.subplots(1, 2)
    left.scatter(X[:, 0], y, s=14, color="#888888", label="data")
    left.plot(GRID, ols, color=CANDIDATE_COLOUR, lw=2, label="candidate least squares")
    left.plot(GRID, ridge, color=CANDIDATE_COLOUR, lw=2, ls=":", label=f"candidate Ridge(alpha={RIDGE_ALPHA:g})")
    left.plot(GRID, trusted_ols, color=TRUSTED_COLOUR, lw=1.5, ls="--", label="scikit-learn")
    left.plot(GRID, trusted_ridge, color=TRUSTED_COLOUR, lw=1.5, ls="--")
    left.set_title("Fitted lines")
    left.legend(loc="upper left", fontsize=7)
    right.semilogy(
        np.arange(curve.size),
        np.clip(np.nan_to_num(curve, nan=1e300), 1e-300, None),
        color=CANDIDATE_COLOUR,
        lw=2,
        label="candidate loss_curve_",
    )
    right.semilogy(
        np.arange(trusted_curve.size),
        trusted_curve,
        color=TRUSTED_COLOUR,
        lw=1.5,
        ls="--",
        label="the statement's descent",
    )
    right.set_xlabel("updates")
    right.set_title("Gradient descent, L = 1/(2n)||y - Xw - b||²")
    right.legend(loc="upper right", fontsize=7)

    gap = max(
        float(np.nanmax(np.abs(ols - trusted_ols))),
        float(np.nanmax(np.abs(ridge - trusted_ridge))),
        float("inf") if curve.size != trusted_curve.size else float(np.nanmax(np.abs(curve - trusted_curve))),
    )
    differs = not gap <= 1e-4
    caption = (
        "Left: the candidate's lines (solid, dotted) over scikit-learn's (dashed). Right: the loss after each update. "
        + verdict(
            differs,
            "The lines and the loss curve match scikit-learn's and the statement's.",
            f"The candidate's lines or loss curve differ (largest gap {gap:.3g}).",
            lost,
            "scikit-learn",
        )
    )
    return Picture(TITLE, caption, png(drawn))
