"""The imbalanced-classification picture of the visual report: F1 and balanced accuracy for every
threshold (scikit-learn's curves), with the thresholds the candidate's ``tune_threshold`` chose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from grader.testing.pictures import CANDIDATE_COLOUR, TRUSTED_COLOUR, Picture, as_array, field, figure, png, verdict

if TYPE_CHECKING:
    from matplotlib.axes import Axes

TITLE = "Tuned decision thresholds on imbalanced scores"
INPUT_VERSION = 1
METRICS = ("f1", "balanced_accuracy")


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """400 samples, 10% positive; scores two decimals wide, positives shifted up by 1.5."""
    rng = np.random.default_rng(21)
    y_true = (rng.random(400) < 0.1).astype(np.int64)
    return y_true, np.round(rng.normal(size=400) + 1.5 * y_true, 2)


def candidate_side(candidate: Any) -> dict[str, Any]:
    y_true, y_score = fixed_input()
    chosen = [candidate.tune_threshold(y_true, y_score, metric=metric) for metric in METRICS]
    array = as_array(chosen, (2,), "tune_threshold(y_true, y_score, metric=...)")
    return {"thresholds": [float(value) for value in array]}


def curves(y_true: np.ndarray[Any, Any], y_score: np.ndarray[Any, Any]) -> dict[str, Any]:
    """Thresholds (increasing) with F1 from ``precision_recall_curve`` and balanced accuracy from ``roc_curve``."""
    from sklearn.metrics import precision_recall_curve, roc_curve

    precision, recall, pr_thresholds = precision_recall_curve(y_true, y_score)
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)[:-1]
    fpr, tpr, roc_thresholds = roc_curve(y_true, y_score, drop_intermediate=False)
    balanced = ((tpr + 1 - fpr) / 2)[1:][::-1]
    return {"f1": (pr_thresholds, f1), "balanced_accuracy": (roc_thresholds[1:][::-1], balanced)}


def _best(thresholds: np.ndarray[Any, Any], values: np.ndarray[Any, Any]) -> float:
    return float(thresholds[np.flatnonzero(values == values.max())[0]])


def _panel(axes: Axes, name: str, thresholds: Any, values: Any, chosen: float) -> None:
    axes.plot(thresholds, values, color=TRUSTED_COLOUR, lw=1.5, label="scikit-learn's curve")
    best = _best(thresholds, values)
    axes.axvline(best, color=TRUSTED_COLOUR, ls="--", lw=1, label=f"best: {best:g}")
    axes.axvline(chosen, color=CANDIDATE_COLOUR, lw=2, alpha=0.7, label=f"candidate: {chosen:g}")
    axes.set_xlabel("threshold (positive when score >= threshold)")
    axes.set_title(name.replace("_", " "))
    axes.legend(loc="lower left", fontsize=8)


def draw(data: dict[str, Any], lost: float) -> Picture:
    y_true, y_score = fixed_input()
    chosen = field(data, "thresholds", (2,), "tune_threshold(y_true, y_score, metric=...)")
    drawn = figure(9.0, 3.6)
    found = curves(y_true, y_score)
    wrong = []
    for axes, name, value in zip(drawn.subplots(1, 2), METRICS, chosen, strict=True):
        thresholds, values = found[name]
        _panel(axes, name, thresholds, values, float(value))
        if float(value) != _best(thresholds, values):
            wrong.append(name.replace("_", " "))
    caption = (
        "400 samples, 10% positive. Each metric for every distinct score used as the threshold, from "
        "scikit-learn's precision_recall_curve and roc_curve; vertical lines: the best threshold and the "
        "candidate's. "
        + verdict(
            bool(wrong),
            "The candidate chose the best thresholds.",
            f"The candidate's threshold for {' and '.join(wrong)} is not the best one.",
            lost,
            "scikit-learn",
        )
    )
    return Picture(TITLE, caption, png(drawn))
