"""The classification-metrics picture of the visual report: the confusion matrix beside scikit-learn's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from grader.testing.pictures import WRONG_COLOUR, Picture, as_array, field, figure, numbers, png, verdict

if TYPE_CHECKING:
    from matplotlib.axes import Axes

TITLE = "Confusion matrices"
INPUT_VERSION = 2


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """True and predicted labels of 90 animals, three classes, about 70% right."""
    rng = np.random.default_rng(11)
    classes = np.array(["cat", "dog", "fox"])
    y_true = classes[rng.integers(0, 3, size=90)]
    wrong = rng.random(90) < 0.3
    y_pred = np.where(wrong, classes[rng.integers(0, 3, size=90)], y_true)
    return y_true, y_pred


def candidate_side(candidate: Any) -> dict[str, Any]:
    y_true, y_pred = fixed_input()
    matrix = as_array(candidate.confusion_matrix(y_true, y_pred), (3, 3), "confusion_matrix(y_true, y_pred)", "i")
    return {"matrix": numbers(matrix, "i")}


def _heatmap(
    axes: Axes, matrix: np.ndarray[Any, Any], labels: np.ndarray[Any, Any], title: str, differs: np.ndarray[Any, Any]
) -> None:
    from matplotlib.patches import Rectangle

    axes.imshow(matrix, cmap="Blues", vmin=0)
    top = float(np.nanmax(matrix)) if np.isfinite(matrix).any() else 0.0
    for (row, col), value in np.ndenumerate(matrix):
        axes.text(col, row, f"{value:g}", ha="center", va="center", color="white" if value > top / 2 else "black")
        if differs[row, col]:
            axes.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=WRONG_COLOUR, lw=2.5))
    axes.set_xticks(range(len(labels)), [str(label) for label in labels])
    axes.set_yticks(range(len(labels)), [str(label) for label in labels])
    axes.set_xlabel("predicted")
    axes.set_ylabel("true")
    axes.set_title(title)


def draw(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.metrics import confusion_matrix

    y_true, y_pred = fixed_input()
    labels = np.unique(np.concatenate([y_true, y_pred]))
    candidate = field(data, "matrix", (len(labels), len(labels)), "confusion_matrix(y_true, y_pred)", "i")
    trusted = confusion_matrix(y_true, y_pred, labels=labels).astype(np.float64)
    drawn = figure(8.6, 3.9)
    axes = drawn.subplots(1, 2)
    for ax, matrix, title in ((axes[0], candidate, "candidate"), (axes[1], trusted, "scikit-learn")):
        _heatmap(ax, matrix, labels, title, differs=candidate != trusted)
    wrong = int((candidate != trusted).sum())
    caption = "Rows: true label; columns: predicted label; 90 samples. " + verdict(
        wrong > 0, "The matrices agree.", f"{wrong} cells differ (outlined in red).", lost, "scikit-learn"
    )
    return Picture(TITLE, caption, png(drawn))
