"""The PCA picture of the visual report: iris on its first two principal components, beside scikit-learn's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from grader.testing import load_dataset
from grader.testing.pictures import Picture, as_array, field, figure, numbers, png, verdict

if TYPE_CHECKING:
    from matplotlib.axes import Axes

TITLE = "Iris on its first two principal components"
INPUT_VERSION = 1
CLASS_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f")


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, _ = load_dataset("iris")
    projected = candidate.PCA(n_components=2).fit_transform(np.asarray(X, dtype=np.float64))
    return {"projected": numbers(as_array(projected, (len(X), 2), "PCA(n_components=2).fit_transform(iris)"))}


def _scatter(axes: Axes, Z: np.ndarray[Any, Any], y: np.ndarray[Any, Any], title: str) -> None:
    finite = np.isfinite(Z).all(axis=1)
    colours = [CLASS_COLOURS[int(label) % len(CLASS_COLOURS)] for label in y[finite]]
    axes.scatter(Z[finite, 0], Z[finite, 1], c=colours, s=14, alpha=0.85)
    axes.axhline(0.0, color="#999999", linewidth=0.6)
    axes.axvline(0.0, color="#999999", linewidth=0.6)
    axes.set_xlabel("component 1")
    axes.set_ylabel("component 2")
    axes.set_title(title)


def draw(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.decomposition import PCA

    X, y = load_dataset("iris")
    X = np.asarray(X, dtype=np.float64)
    projected = field(data, "projected", (len(X), 2), "PCA(n_components=2).fit_transform(iris)")
    trusted = PCA(n_components=2, svd_solver="full").fit_transform(X)
    drawn = figure(9.0, 4.2)
    axes = drawn.subplots(1, 2, sharex=True, sharey=True)
    _scatter(axes[0], projected, np.asarray(y), "candidate")
    _scatter(axes[1], trusted, np.asarray(y), 'scikit-learn PCA(svd_solver="full")')
    gap = float(np.nanmax(np.abs(projected - trusted))) if np.isfinite(projected).any() else float("inf")
    flipped = [
        column + 1
        for column in range(2)
        if np.allclose(projected[:, column], -trusted[:, column], rtol=1e-4, atol=1e-4)
    ]
    detail = (
        f"component(s) {', '.join(map(str, flipped))} point the other way (the sign rule)"
        if flipped
        else f"the projections differ by up to {gap:.3g}"
    )
    # Stored to six significant digits: closer than 1e-4 is the same picture.
    caption = (
        "The 150 iris flowers, centred (not scaled), on the first two components; colours are the species. "
        + verdict(
            gap >= 1e-4,
            "The candidate's projections match scikit-learn's, signs included.",
            f"The candidate's projections differ from scikit-learn's: {detail}.",
            lost,
            "scikit-learn",
        )
    )
    return Picture(TITLE, caption, png(drawn))
