"""The k-means picture of the visual report: clusters and centres beside the reference's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from grader.testing import load_reference
from grader.testing.pictures import (
    WRONG_COLOUR,
    Picture,
    ShowcaseError,
    as_array,
    field,
    figure,
    numbers,
    png,
    verdict,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

TITLE = "K-means clusters and centres"
INPUT_VERSION = 2
CLUSTER_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f")


def fixed_input() -> np.ndarray[Any, Any]:
    """Three separated 2-D blobs, 150 points in shuffled order; the first three rows start Lloyd's."""
    rng = np.random.default_rng(20261121)
    centres = np.array([[0.0, 0.0], [6.0, 1.0], [2.5, 5.5]])
    X = np.concatenate([rng.normal(centre, 1.0, size=(50, 2)) for centre in centres])
    return np.asarray(X[rng.permutation(len(X))], dtype=np.float64)


def candidate_side(candidate: Any) -> dict[str, Any]:
    X = fixed_input()
    model = candidate.KMeans(n_clusters=3, init=X[:3].copy(), random_state=0)
    model.fit(X)
    labels = as_array(model.labels_, (len(X),), "KMeans.labels_", "i")
    centres = as_array(model.cluster_centers_, (3, 2), "KMeans.cluster_centers_")
    return {"labels": numbers(labels, "i"), "centres": numbers(centres)}


def _trusted_side(X: np.ndarray[Any, Any]) -> tuple[str, np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The reference's labels and centres from the same start; scikit-learn's if it cannot load."""
    try:
        model = load_reference("kmeans").KMeans(n_clusters=3, init=X[:3].copy(), random_state=0).fit(X)
        return "reference", np.asarray(model.labels_), np.asarray(model.cluster_centers_)
    except Exception:  # a missing or broken reference falls back to scikit-learn
        from sklearn.cluster import KMeans

        fitted = KMeans(n_clusters=3, init=X[:3].copy(), n_init=1).fit(X)
        return "scikit-learn", np.asarray(fitted.labels_), np.asarray(fitted.cluster_centers_)


def _match_clusters(centres: np.ndarray[Any, Any], reference: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``mapping[i]``: the reference cluster that candidate cluster ``i`` stands for."""
    from scipy.optimize import linear_sum_assignment

    cost = ((centres[:, None, :] - reference[None, :, :]) ** 2).sum(axis=2)
    cost = np.where(np.isfinite(cost), cost, 1e300)  # a NaN centre matches whatever is left
    rows, cols = linear_sum_assignment(cost)
    mapping = np.empty(len(centres), dtype=int)
    mapping[rows] = cols
    return mapping


def _clusters(
    axes: Axes, X: np.ndarray[Any, Any], labels: np.ndarray[Any, Any], centres: np.ndarray[Any, Any], title: str
) -> None:
    axes.scatter(X[:, 0], X[:, 1], c=[CLUSTER_COLOURS[label] for label in labels], s=16, alpha=0.8)
    finite = np.isfinite(centres).all(axis=1)
    axes.scatter(
        centres[finite, 0],
        centres[finite, 1],
        marker="X",
        s=220,
        c="black",
        edgecolors="white",
        linewidths=1.5,
        label="centres",
    )
    axes.set_title(title)
    low, high = X.min(axis=0) - 0.8, X.max(axis=0) + 0.8  # both panels on the same frame
    axes.set_xlim(low[0], high[0])
    axes.set_ylim(low[1], high[1])
    axes.set_aspect("equal")


def draw(data: dict[str, Any], lost: float) -> Picture:
    X = fixed_input()
    labels = field(data, "labels", (len(X),), "labels_", "i").astype(int)
    centres = field(data, "centres", (3, 2), "cluster_centers_")
    if labels.min() < 0 or labels.max() > 2:
        raise ShowcaseError("labels_ holds values outside 0..2 for 3 clusters")
    source, ref_labels, ref_centres = _trusted_side(X)
    mapping = _match_clusters(centres, ref_centres)
    mapped = mapping[labels]
    wrong = mapped != ref_labels
    drawn = figure(9.0, 4.2)
    axes = drawn.subplots(1, 2)
    _clusters(axes[0], X, mapped, centres, "candidate")
    axes[0].scatter(
        X[wrong, 0],
        X[wrong, 1],
        s=90,
        facecolors="none",
        edgecolors=WRONG_COLOUR,
        linewidths=1.5,
        label=f"assigned unlike the {source}",
    )
    if wrong.any():
        axes[0].legend(loc="best", fontsize=8)
    _clusters(axes[1], X, ref_labels, ref_centres, source)
    shift = float(np.max(np.linalg.norm(centres - ref_centres[mapping], axis=1)))
    # The candidate's centres are stored to six significant digits: closer than 1e-3 is the same.
    differs = bool(wrong.any()) or shift >= 1e-3
    centres_text = "the centres agree" if shift < 1e-3 else f"centres differ by up to {shift:.3g}"
    caption = "Same 150 points, same starting centres (the first three rows). " + verdict(
        differs,
        f"0 of {len(X)} points are assigned unlike the {source}; the centres agree.",
        f"{int(wrong.sum())} of {len(X)} points are assigned unlike the {source}; {centres_text}.",
        lost,
        source,
    )
    return Picture(TITLE, caption, png(drawn))
