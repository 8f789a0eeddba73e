"""The ranking-metrics picture of the visual report: the candidate's ROC and PR curves over scikit-learn's."""

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

TITLE = "ROC and precision-recall curves"
INPUT_VERSION = 1


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """120 samples, 25% positive, scores rounded to one decimal (many ties)."""
    rng = np.random.default_rng(7)
    y_true = (rng.random(120) < 0.25).astype(np.int64)
    y_score = np.round(rng.normal(size=120) + 1.2 * y_true, 1)
    return y_true, y_score


def _points() -> int:
    return int(np.unique(fixed_input()[1]).shape[0]) + 1


def candidate_side(candidate: Any) -> dict[str, Any]:
    y_true, y_score = fixed_input()
    n = _points()
    fpr, tpr, _ = candidate.roc_curve(y_true, y_score, drop_intermediate=False)
    precision, recall, _ = candidate.precision_recall_curve(y_true, y_score)
    return {
        "fpr": numbers(as_array(fpr, (n,), "fpr from roc_curve")),
        "tpr": numbers(as_array(tpr, (n,), "tpr from roc_curve")),
        "precision": numbers(as_array(precision, (n,), "precision from precision_recall_curve")),
        "recall": numbers(as_array(recall, (n,), "recall from precision_recall_curve")),
    }


def draw(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.metrics import precision_recall_curve, roc_curve

    y_true, y_score = fixed_input()
    n = _points()
    ours = {key: field(data, key, (n,), key) for key in ("fpr", "tpr", "precision", "recall")}
    fpr, tpr, _ = roc_curve(y_true, y_score, drop_intermediate=False)
    precision, recall, _ = precision_recall_curve(y_true, y_score)
    trusted = {"fpr": fpr, "tpr": tpr, "precision": precision, "recall": recall}
    drawn = figure(8.6, 3.9)
    left, right = drawn.subplots(1, 2)
    for axes, (x, y), title in ((left, ("fpr", "tpr"), "ROC curve"), (right, ("recall", "precision"), "PR curve")):
        # The PR curve as the step function the average precision sums (scikit-learn's display draws it so).
        style = "default" if x == "fpr" else "steps-post"
        axes.plot(trusted[x], trusted[y], color=TRUSTED_COLOUR, lw=4, alpha=0.45, drawstyle=style, label="scikit-learn")
        axes.plot(ours[x], ours[y], color=CANDIDATE_COLOUR, lw=1.5, drawstyle=style, label="candidate")
        axes.set_xlabel(x)
        axes.set_ylabel(y)
        axes.set_xlim(-0.02, 1.02)
        axes.set_ylim(-0.02, 1.05)
        axes.set_title(title)
        axes.legend(loc="lower right" if x == "fpr" else "upper right", fontsize=8)
    gap = max(largest_gap(ours[key], trusted[key]) for key in ours)
    caption = f"{len(y_true)} samples, scores rounded to one decimal (ties), every threshold kept. " + verdict(
        gap > 1e-5, "The curves agree.", f"The curves differ by up to {gap:.3g}.", lost, "scikit-learn"
    )
    return Picture(TITLE, caption, png(drawn))
