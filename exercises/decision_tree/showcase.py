"""The decision-tree picture of the visual report: the candidate's regions beside the reference's."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing import load_reference
from grader.testing.pictures import WRONG_COLOUR, Picture, ShowcaseError, as_array, field, figure, numbers, png, verdict

TITLE = "Decision tree regions (max_depth=4)"
INPUT_VERSION = 1
GRID_SIDE = 48
CLASS_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f")
REGION_COLOURS = ("#d6e2f0", "#fde3c9", "#d8ecd5")


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Three classes in the plane, 120 points on a grid of eighths (no tied candidates at max_depth=4)."""
    rng = np.random.default_rng(15)
    centres = np.array([[-2.0, -1.0], [2.0, -1.5], [0.0, 2.0]])
    y = rng.integers(0, 3, size=120)
    X = np.round((centres[y] + rng.normal(scale=1.3, size=(120, 2))) * 8.0) / 8.0
    return X, y


def grid_points(X: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    low, high = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    xs, ys = np.linspace(low[0], high[0], GRID_SIDE), np.linspace(low[1], high[1], GRID_SIDE)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y = fixed_input()
    model = candidate.DecisionTreeClassifier(max_depth=4)
    model.fit(X, y)
    _, _, grid = grid_points(X)
    predicted = as_array(model.predict(grid), (len(grid),), "DecisionTreeClassifier.predict(grid)", "i")
    return {"predicted": numbers(predicted, "i")}


def _trusted(X: np.ndarray[Any, Any], y: np.ndarray[Any, Any], grid: np.ndarray[Any, Any]) -> tuple[str, Any]:
    try:
        model = load_reference("decision_tree").DecisionTreeClassifier(max_depth=4).fit(X, y)
        return "reference", np.asarray(model.predict(grid))
    except Exception:  # a missing or broken reference falls back to scikit-learn
        from sklearn.tree import DecisionTreeClassifier

        return "scikit-learn", DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y).predict(grid)


def _panel(axes: Any, xs: Any, ys: Any, regions: Any, X: Any, y: Any, title: str) -> None:
    from matplotlib.colors import ListedColormap

    axes.pcolormesh(xs, ys, regions, cmap=ListedColormap(REGION_COLOURS), vmin=-0.5, vmax=2.5, shading="nearest")
    axes.scatter(X[:, 0], X[:, 1], c=[CLASS_COLOURS[label] for label in y], s=14, edgecolors="white", linewidths=0.4)
    axes.set_title(title)
    axes.set_aspect("equal")


def draw(data: dict[str, Any], lost: float) -> Picture:
    X, y = fixed_input()
    xs, ys, grid = grid_points(X)
    side = len(xs)
    predicted = field(data, "predicted", (side * side,), "predict(grid)", "i").astype(int)
    if predicted.min() < 0 or predicted.max() > 2:
        raise ShowcaseError("predict(grid) holds labels outside 0..2")
    source, trusted = _trusted(X, y, grid)
    wrong = predicted != trusted
    drawn = figure(9.0, 4.4)
    axes = drawn.subplots(1, 2)
    _panel(axes[0], xs, ys, predicted.reshape(side, side), X, y, "candidate")
    if wrong.any():
        axes[0].scatter(grid[wrong, 0], grid[wrong, 1], marker="s", s=10, facecolors="none", edgecolors=WRONG_COLOUR)
    _panel(axes[1], xs, ys, trusted.reshape(side, side), X, y, source)
    share = f"{100 * float(np.mean(~wrong)):.1f}"
    caption = (
        "Shading: the class predicted over the plane by a tree of depth 4 grown on the 120 points; "
        "every boundary is a threshold halfway between two training values. "
        + verdict(
            bool(wrong.any()),
            f"The candidate predicts the {source}'s class on 100.0% of a {side} x {side} grid.",
            f"The candidate predicts the {source}'s class on {share}% of a {side} x {side} grid "
            "(cells that differ are outlined in red).",
            lost,
            source,
        )
    )
    return Picture(TITLE, caption, png(drawn))
