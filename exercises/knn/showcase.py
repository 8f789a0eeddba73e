"""The k-nearest-neighbours picture of the visual report: decision regions beside the reference's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from grader.testing import load_reference
from grader.testing.pictures import WRONG_COLOUR, Picture, ShowcaseError, as_array, field, figure, numbers, png, verdict

if TYPE_CHECKING:
    from matplotlib.axes import Axes

TITLE = "k-nearest-neighbours decision regions"
INPUT_VERSION = 1
CLASS_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f")
GRID = 50
N_NEIGHBORS = 5


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Three overlapping 2-D blobs (90 points) and a 50 x 50 grid of queries over them."""
    rng = np.random.default_rng(20261205)
    centres = np.array([[0.0, 0.0], [3.0, 0.5], [1.5, 2.8]])
    X = np.concatenate([rng.normal(centre, 1.0, size=(30, 2)) for centre in centres])
    y = np.repeat(np.arange(3), 30)
    order = rng.permutation(len(X))
    xs = np.linspace(-2.5, 5.5, GRID)
    ys = np.linspace(-2.5, 5.3, GRID)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(xs, ys)])
    return X[order], y[order], grid


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y, grid = fixed_input()
    model = candidate.KNeighborsClassifier(N_NEIGHBORS).fit(X, y)
    labels = as_array(model.predict(grid), (len(grid),), "KNeighborsClassifier.predict(grid)", "i")
    return {"labels": numbers(labels, "i")}


def _trusted_side(X: np.ndarray[Any, Any], y: np.ndarray[Any, Any], grid: np.ndarray[Any, Any]) -> tuple[str, Any]:
    """The reference's labels on the grid; scikit-learn's brute force if it cannot load."""
    try:
        model = load_reference("knn").KNeighborsClassifier(N_NEIGHBORS).fit(X, y)
        return "reference", np.asarray(model.predict(grid))
    except Exception:  # a missing or broken reference falls back to scikit-learn
        from sklearn.neighbors import KNeighborsClassifier

        fitted = KNeighborsClassifier(n_neighbors=N_NEIGHBORS, algorithm="brute").fit(X, y)
        return "scikit-learn", np.asarray(fitted.predict(grid))


def _regions(axes: Axes, X: Any, y: Any, grid: Any, labels: Any, title: str) -> None:
    colours = np.array(CLASS_COLOURS)
    axes.scatter(grid[:, 0], grid[:, 1], c=colours[labels], s=16, marker="s", alpha=0.35, linewidths=0)
    axes.scatter(X[:, 0], X[:, 1], c=colours[y], s=22, edgecolors="black", linewidths=0.6)
    axes.set_title(title)
    axes.set_aspect("equal")


def draw(data: dict[str, Any], lost: float) -> Picture:
    X, y, grid = fixed_input()
    labels = field(data, "labels", (len(grid),), "predict(grid)", "i").astype(int)
    if labels.min() < 0 or labels.max() > 2:
        raise ShowcaseError("predict(grid) holds labels outside 0..2 for 3 classes")
    source, expected = _trusted_side(X, y, grid)
    wrong = labels != expected
    drawn = figure(9.0, 4.4)
    axes = drawn.subplots(1, 2)
    _regions(axes[0], X, y, grid, labels, "candidate")
    if wrong.any():
        axes[0].scatter(
            grid[wrong, 0],
            grid[wrong, 1],
            s=30,
            facecolors="none",
            edgecolors=WRONG_COLOUR,
            linewidths=1.2,
            label=f"unlike the {source}",
        )
        axes[0].legend(loc="upper left", fontsize=8)
    _regions(axes[1], X, y, grid, expected.astype(int), source)
    caption = f"{N_NEIGHBORS} neighbours, uniform votes, on a {GRID} x {GRID} grid around 90 points. " + verdict(
        bool(wrong.any()),
        f"All {len(grid):,} grid points get the {source}'s label.",
        f"{int(wrong.sum())} of {len(grid):,} grid points get another label than the {source}'s (circled).",
        lost,
        source,
    )
    return Picture(TITLE, caption, png(drawn))
