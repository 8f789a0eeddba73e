"""The logistic-regression picture of the visual report: the decision boundary beside scikit-learn's."""

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
    numbers,
    png,
    verdict,
)

TITLE = "Logistic regression decision boundary"
INPUT_VERSION = 2
GRID_SIDE = 30


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Two overlapping 2-D Gaussian classes (labels 0 and 1), 120 points."""
    rng = np.random.default_rng(7)
    X = np.concatenate([rng.normal([-1.0, -0.5], 1.1, size=(60, 2)), rng.normal([1.2, 0.8], 1.1, size=(60, 2))])
    y = np.repeat([0, 1], 60)
    order = rng.permutation(len(X))
    return X[order], y[order]


def boundary_grid(X: np.ndarray[Any, Any], side: int = GRID_SIDE) -> tuple[np.ndarray[Any, Any], ...]:
    """A ``side`` x ``side`` grid over ``X``'s range plus a margin: ``(xs, ys, points)``."""
    low, high = X.min(axis=0) - 1.0, X.max(axis=0) + 1.0
    xs, ys = np.linspace(low[0], high[0], side), np.linspace(low[1], high[1], side)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y = fixed_input()
    model = candidate.LogisticRegression(C=1.0)
    model.fit(X, y)
    _, _, grid = boundary_grid(X)
    decision = as_array(model.decision_function(grid), (len(grid),), "LogisticRegression.decision_function(grid)")
    return {"decision": numbers(decision)}


def draw(data: dict[str, Any], lost: float) -> Picture:
    from matplotlib.lines import Line2D
    from sklearn.linear_model import LogisticRegression

    X, y = fixed_input()
    xs, ys, grid = boundary_grid(X)
    side = len(xs)
    candidate = field(data, "decision", (side * side,), "decision_function(grid)").reshape(side, side)
    trusted = LogisticRegression(C=1.0).fit(X, y).decision_function(grid).reshape(side, side)
    drawn = figure(6.4, 5.0)
    axes = drawn.subplots()
    finite = np.where(np.isfinite(candidate), candidate, 0.0)
    axes.contourf(xs, ys, np.sign(finite), levels=[-1.5, 0.0, 1.5], colors=["#fbe3d6", "#d9e6f5"], alpha=0.8)
    for values, colour, style in ((finite, CANDIDATE_COLOUR, "solid"), (trusted, TRUSTED_COLOUR, "dashed")):
        if values.min() < 0 < values.max():
            axes.contour(xs, ys, values, levels=[0.0], colors=[colour], linestyles=[style], linewidths=2)
    axes.scatter(
        X[:, 0], X[:, 1], c=np.where(y == 1, CANDIDATE_COLOUR, TRUSTED_COLOUR), s=18, edgecolors="white", linewidths=0.5
    )
    axes.legend(
        handles=[
            Line2D([], [], color=CANDIDATE_COLOUR, lw=2, label="candidate boundary"),
            Line2D([], [], color=TRUSTED_COLOUR, lw=2, ls="--", label="scikit-learn boundary"),
        ],
        loc="upper left",
        fontsize=8,
    )
    axes.set_title("Decision boundary, C=1.0")
    agree = float(np.mean(np.sign(finite) == np.sign(trusted)))
    same_class = f"The candidate and scikit-learn predict the same class on {{}}% of a {side} x {side} grid."
    caption = (
        "Shading: the candidate's predicted class over the plane; lines: where each decision function "
        "is zero. "
        + verdict(
            agree < 1.0, same_class.format("100.0"), same_class.format(f"{100 * agree:.1f}"), lost, "scikit-learn"
        )
    )
    return Picture(TITLE, caption, png(drawn))
