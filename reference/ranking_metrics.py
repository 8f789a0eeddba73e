"""Reference solution of ``ranking_metrics``: ROC and precision-recall curves from scores (NumPy only).

Every function starts from the same table. Sort the samples by decreasing score; each distinct score
value is one threshold (tied scores collapse into one), and at the threshold ``t`` the classifier
predicts "positive" for every sample with ``score >= t``. Cumulative sums over the sorted labels,
read at the last sample of each group of tied scores, give for every threshold

- ``tps``: the number of positive samples with ``score >= t``;
- ``fps``: the number of negative samples with ``score >= t``.

The ROC curve is ``(fps / N, tps / P)``, the precision-recall curve is
``(tps / (tps + fps), tps / P)``; the area under the ROC curve is the trapezoidal sum over its points
(equal to the Mann-Whitney statistic with mid-ranks for ties), and the average precision the step sum
``sum_k (R_k - R_{k-1}) P_k``.

Validation happens in the public functions; the private helpers assume valid input.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

AVERAGES = ("macro", "weighted", "micro", None)
MULTI_CLASS = ("raise", "ovr")


# ----------------------------------------------------------------------------- validation


def _labels(y_true: npt.ArrayLike) -> npt.NDArray[Any]:
    labels = np.asarray(y_true)
    if labels.ndim != 1:
        raise ValueError(f"y_true should be a 1-D array of labels; got shape {labels.shape}.")
    return labels


def _scores(y_score: npt.ArrayLike, *, ndim: int = 1) -> FloatArray:
    try:
        scores = np.asarray(y_score, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("y_score should hold numbers.") from None
    if scores.ndim != ndim:
        raise ValueError(f"y_score should be {ndim}-D; got shape {scores.shape}.")
    if not np.isfinite(scores).all():
        raise ValueError("y_score contains NaN or infinity.")
    return scores


def _same_length(labels: npt.NDArray[Any], scores: FloatArray) -> None:
    if labels.shape[0] != scores.shape[0]:
        raise ValueError(
            f"y_true and y_score have different numbers of samples: {labels.shape[0]} != {scores.shape[0]}."
        )


def _positive_mask(labels: npt.NDArray[Any], pos_label: Any) -> npt.NDArray[np.bool_]:
    """Which samples are positive; both kinds must occur."""
    if pos_label is None:
        present = set(np.unique(labels).tolist())
        if labels.dtype.kind in "OUS" or not (present <= {0, 1} or present <= {-1, 1}):
            raise ValueError(
                f"y_true takes values in {sorted(present, key=str)} and pos_label is not specified: "
                "either make y_true take values in {0, 1} or {-1, 1}, or pass pos_label."
            )
        pos_label = 1
    positive = np.asarray(labels == pos_label, dtype=bool)
    if positive.shape != labels.shape or not positive.any():
        raise ValueError(f"y_true has no positive sample (pos_label={pos_label!r}): a single class is not enough.")
    if positive.all():
        raise ValueError(f"y_true has no negative sample (every label is pos_label={pos_label!r}).")
    return positive


def _binary_input(
    y_true: npt.ArrayLike, y_score: npt.ArrayLike, pos_label: Any
) -> tuple[npt.NDArray[np.bool_], FloatArray]:
    labels = _labels(y_true)
    scores = _scores(y_score)
    _same_length(labels, scores)
    return _positive_mask(labels, pos_label), scores


# ----------------------------------------------------------------------------- the table


def _counts_at_thresholds(positive: npt.NDArray[np.bool_], scores: FloatArray) -> tuple[IntArray, IntArray, FloatArray]:
    """``(fps, tps, thresholds)`` for every distinct score, thresholds decreasing. Input is assumed valid."""
    order = np.argsort(scores, kind="stable")[::-1]
    sorted_scores = scores[order]
    # The last sample of each run of tied scores (the runs are contiguous once sorted).
    last = np.append(np.flatnonzero(np.diff(sorted_scores)), sorted_scores.shape[0] - 1)
    tps = np.cumsum(positive[order], dtype=np.int64)[last]
    fps = (last + 1) - tps
    return fps, tps, sorted_scores[last]


def _drop_intermediate(fps: IntArray, tps: IntArray, thresholds: FloatArray) -> tuple[IntArray, IntArray, FloatArray]:
    """Drop the points whose second differences of ``fps`` and ``tps`` are both zero (first and last kept)."""
    if fps.shape[0] <= 2:
        return fps, tps, thresholds
    corner = (np.diff(fps, 2) != 0) | (np.diff(tps, 2) != 0)
    keep = np.concatenate(([True], corner, [True]))
    return fps[keep], tps[keep], thresholds[keep]


def _binary_auc(positive: npt.NDArray[np.bool_], scores: FloatArray) -> float:
    """Trapezoidal area under the ROC curve of every threshold. Input is assumed valid (both classes)."""
    fps, tps, _ = _counts_at_thresholds(positive, scores)
    fps = np.concatenate(([0], fps))
    tps = np.concatenate(([0], tps))
    # Twice the area in units of one negative x one positive: an exact integer.
    twice_area = np.sum(np.diff(fps) * (tps[1:] + tps[:-1]))
    return float(twice_area / (2.0 * fps[-1] * tps[-1]))


# ----------------------------------------------------------------------------- public API


def roc_curve(
    y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, pos_label: Any = None, drop_intermediate: bool = True
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Receiver operating characteristic: ``(fpr, tpr, thresholds)``, see the statement."""
    positive, scores = _binary_input(y_true, y_score, pos_label)
    fps, tps, thresholds = _counts_at_thresholds(positive, scores)
    if drop_intermediate:
        fps, tps, thresholds = _drop_intermediate(fps, tps, thresholds)
    fpr = np.concatenate(([0.0], fps / fps[-1]))
    tpr = np.concatenate(([0.0], tps / tps[-1]))
    return fpr, tpr, np.concatenate(([np.inf], thresholds))


def precision_recall_curve(
    y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, pos_label: Any = None
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(precision, recall, thresholds)`` with thresholds increasing, see the statement."""
    positive, scores = _binary_input(y_true, y_score, pos_label)
    fps, tps, thresholds = _counts_at_thresholds(positive, scores)
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    return (
        np.concatenate((precision[::-1], [1.0])),
        np.concatenate((recall[::-1], [0.0])),
        thresholds[::-1].copy(),
    )


def average_precision_score(y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, pos_label: Any = 1) -> float:
    """Average precision: the step sum ``sum_k (R_k - R_{k-1}) P_k`` over decreasing thresholds."""
    labels = _labels(y_true)
    present = np.unique(labels)
    if present.shape[0] != 2:
        raise ValueError(f"y_true should hold exactly two labels; got {present.shape[0]}: {present.tolist()[:5]}.")
    if pos_label not in present.tolist():
        raise ValueError(f"pos_label={pos_label!r} is not a valid label: it should be one of {present.tolist()}.")
    precision, recall, _ = precision_recall_curve(labels, y_score, pos_label=pos_label)
    return max(0.0, float(-np.sum(np.diff(recall) * precision[:-1])))


def roc_auc_score(
    y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, average: str | None = "macro", multi_class: str = "raise"
) -> float | FloatArray:
    """Area under the ROC curve; binary, or one-vs-rest over three or more classes (see the statement)."""
    if average not in AVERAGES:
        raise ValueError(f"average should be one of {AVERAGES}; got {average!r}.")
    if multi_class not in MULTI_CLASS:
        raise ValueError(f"multi_class should be one of {MULTI_CLASS}; got {multi_class!r}.")
    labels = _labels(y_true)
    classes = np.unique(labels)
    if classes.shape[0] < 2:
        raise ValueError(f"y_true holds {classes.shape[0]} class(es): ROC AUC needs at least two.")
    if classes.shape[0] == 2:
        scores = _scores(y_score)
        _same_length(labels, scores)
        return _binary_auc(labels == classes[1], scores)
    if multi_class == "raise":
        raise ValueError(f"y_true holds {classes.shape[0]} classes: pass multi_class='ovr'.")
    return _one_vs_rest_auc(labels, classes, _scores(y_score, ndim=2), average)


def _one_vs_rest_auc(
    labels: npt.NDArray[Any], classes: npt.NDArray[Any], scores: FloatArray, average: str | None
) -> float | FloatArray:
    _same_length(labels, scores)
    if scores.shape[1] != classes.shape[0]:
        raise ValueError(f"y_score has {scores.shape[1]} columns but y_true holds {classes.shape[0]} classes.")
    if not np.allclose(1.0, scores.sum(axis=1)):
        raise ValueError("y_score rows should be probabilities summing to 1 over the classes.")
    onehot = labels[:, None] == classes[None, :]
    if average == "micro":
        return _binary_auc(onehot.ravel(), scores.ravel())
    per_class = np.array([_binary_auc(onehot[:, j], scores[:, j]) for j in range(classes.shape[0])])
    if average is None:
        return per_class
    weights = onehot.sum(axis=0) if average == "weighted" else None
    return float(np.average(per_class, weights=weights))
