"""Reference for ``imbalanced_classification``: class weights, random resampling, balanced accuracy,
threshold tuning and cross-validation that resamples the training rows of each fold only.

NumPy only. Validation happens in the public functions; private helpers say "input is assumed valid".

- ``compute_class_weight`` / ``compute_sample_weight`` follow ``sklearn.utils.class_weight``:
  ``"balanced"`` gives class ``c`` the weight ``n_samples / (n_classes * n_c)``.
- ``RandomOverSampler`` copies rows of every class drawn with replacement until it has as many rows as
  the largest class; ``RandomUnderSampler`` keeps, without replacement, as many rows of every class as
  the smallest class has. A new generator is made from ``random_state`` on every call.
- ``tune_threshold`` scans the distinct scores as thresholds (positive when ``score >= threshold``) and
  returns the smallest threshold among those with the best metric, computed from integer counts with a
  single division so that equal values compare equal.
- ``resampled_cross_val_score`` splits first (scikit-learn's unshuffled ``StratifiedKFold`` for an
  int), then resamples the training rows of each fold, fits a fresh copy and scores on the test rows.
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
METRICS = ("f1", "balanced_accuracy")


# ----------------------------------------------------------------------------- validation


def _as_1d(values: Any, name: str) -> npt.NDArray[Any]:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{name} should be a 1-D array; got an array of shape {array.shape}.")
    if array.shape[0] == 0:
        raise ValueError(f"{name} should hold at least one sample; got an empty array.")
    return array


def _check_lengths(first: npt.NDArray[Any], second: npt.NDArray[Any], names: str) -> None:
    if first.shape[0] != second.shape[0]:
        raise ValueError(f"{names} should have the same length; got {first.shape[0]} and {second.shape[0]}.")


def _check_X_y(X: Any, y: Any) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X should be a 2-D array of shape (n_samples, n_features); got shape {X.shape}.")
    y = _as_1d(y, "y")
    _check_lengths(X, y, "X and y")
    return X, y


def _check_random_state(random_state: Any) -> None:
    if random_state is None:
        return
    if isinstance(random_state, bool) or not isinstance(random_state, numbers.Integral) or random_state < 0:
        raise ValueError(f"random_state should be None or a non-negative int; got {random_state!r}.")


# ----------------------------------------------------------------------------- class weights


def compute_class_weight(class_weight: Any, *, classes: Any, y: Any) -> FloatArray:
    """Weight of each class of ``classes``: uniform (``None``), ``"balanced"`` or from a dict.

    ``"balanced"``: ``n_samples / (n_classes * np.bincount(y))``, every class of ``classes`` must
    occur in ``y``. A dict maps labels to weights; classes it leaves out weigh 1, unless it also names
    labels that are not in ``classes`` (then it is rejected, as scikit-learn does).
    """
    if not (class_weight is None or isinstance(class_weight, dict) or _is_balanced(class_weight)):
        raise ValueError(f"class_weight should be 'balanced', a dict or None; got {class_weight!r}.")
    classes = _as_1d(classes, "classes")
    y = _as_1d(y, "y")
    unknown = set(np.unique(y).tolist()) - set(classes.tolist())
    if unknown:
        raise ValueError(f"classes should include all valid labels that can be in y; missing {sorted(unknown)}.")
    if class_weight is None or (isinstance(class_weight, dict) and not class_weight):
        return np.ones(classes.shape[0], dtype=np.float64)
    if isinstance(class_weight, dict):
        return _weights_from_dict(class_weight, classes)
    return _balanced_weights(classes, y)


def _is_balanced(class_weight: Any) -> bool:
    return isinstance(class_weight, str) and class_weight == "balanced"


def _balanced_weights(classes: npt.NDArray[Any], y: npt.NDArray[Any]) -> FloatArray:
    """``n_samples / (n_present * count)`` for each class; input is assumed valid."""
    present, counts = np.unique(y, return_counts=True)
    absent = set(classes.tolist()) - set(present.tolist())
    if absent:
        raise ValueError(f"classes should have valid labels that are in y; {sorted(absent)} never occur in y.")
    weights: FloatArray = y.shape[0] / (present.shape[0] * counts.astype(np.float64))
    return weights[np.searchsorted(present, classes)]


def _weights_from_dict(class_weight: dict[Any, Any], classes: npt.NDArray[Any]) -> FloatArray:
    """Dict values for the classes it names, 1 for the others; input is assumed valid."""
    weights = np.ones(classes.shape[0], dtype=np.float64)
    left_out = []
    for i, label in enumerate(classes.tolist()):
        if label in class_weight:
            weights[i] = class_weight[label]
        else:
            left_out.append(label)
    if left_out and classes.shape[0] - len(left_out) != len(class_weight):
        raise ValueError(f"The classes, {left_out}, are not in class_weight")
    return weights


def compute_sample_weight(class_weight: Any, y: Any) -> FloatArray:
    """Each sample's class weight: ``compute_class_weight(class_weight, classes=np.unique(y), y=y)[y]``."""
    y = _as_1d(y, "y")
    classes, codes = np.unique(y, return_inverse=True)
    weights = compute_class_weight(class_weight, classes=classes, y=y)
    return weights[codes.reshape(-1)]


# ----------------------------------------------------------------------------- samplers


class RandomOverSampler:
    """Copies random rows of every class (with replacement) until each class is as large as the largest.

    ``fit_resample`` returns every original row in its order, then the copies, class by class in
    sorted order of the labels. ``sample_indices_`` are the rows of ``X`` that make up the output.
    """

    def __init__(self, random_state: int | None = None) -> None:
        self.random_state = random_state

    def fit_resample(self, X: Any, y: Any) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        X, y = _check_X_y(X, y)
        _check_random_state(self.random_state)
        rng = np.random.default_rng(self.random_state)
        _, codes, counts = np.unique(y, return_inverse=True, return_counts=True)
        codes = codes.reshape(-1)
        target = counts.max()
        members = _members_by_class(codes, counts.shape[0])
        copies = [rng.choice(rows, size=target - rows.shape[0], replace=True) for rows in members]
        self.sample_indices_: IntArray = np.concatenate([np.arange(y.shape[0]), *copies]).astype(np.int64)
        return X[self.sample_indices_], y[self.sample_indices_]


class RandomUnderSampler:
    """Keeps, of every class, as many random rows (without replacement) as the smallest class has.

    ``fit_resample`` returns the kept rows class by class in sorted order of the labels, each class's
    rows in their original order. ``sample_indices_`` are the rows of ``X`` that make up the output.
    """

    def __init__(self, random_state: int | None = None) -> None:
        self.random_state = random_state

    def fit_resample(self, X: Any, y: Any) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        X, y = _check_X_y(X, y)
        _check_random_state(self.random_state)
        rng = np.random.default_rng(self.random_state)
        _, codes, counts = np.unique(y, return_inverse=True, return_counts=True)
        codes = codes.reshape(-1)
        target = counts.min()
        members = _members_by_class(codes, counts.shape[0])
        kept = [np.sort(rng.choice(rows, size=target, replace=False)) for rows in members]
        self.sample_indices_: IntArray = np.concatenate(kept).astype(np.int64)
        return X[self.sample_indices_], y[self.sample_indices_]


def _members_by_class(codes: IntArray, n_classes: int) -> list[IntArray]:
    """The row numbers of each class code, each in increasing order; input is assumed valid."""
    order = np.argsort(codes, kind="stable")
    bounds = np.cumsum(np.bincount(codes, minlength=n_classes))[:-1]
    return list(np.split(order.astype(np.int64), bounds))


# ----------------------------------------------------------------------------- metrics and thresholds


def balanced_accuracy_score(y_true: Any, y_pred: Any) -> float:
    """The mean, over the classes present in ``y_true``, of the recall of each class."""
    y_true = _as_1d(y_true, "y_true")
    y_pred = _as_1d(y_pred, "y_pred")
    _check_lengths(y_true, y_pred, "y_true and y_pred")
    classes, codes, support = np.unique(y_true, return_inverse=True, return_counts=True)
    codes = codes.reshape(-1)
    hits = np.bincount(codes, weights=(y_pred == y_true).astype(np.float64), minlength=classes.shape[0])
    return float(np.mean(hits / support))


def tune_threshold(y_true: Any, y_score: Any, *, metric: str = "f1") -> float:
    """The distinct score that, used as ``score >= threshold``, maximises ``metric``; ties to the smallest.

    Sorting the scores in decreasing order, each distinct score closes a group; the counts of true and
    false positives at that threshold are cumulative sums at the group's last position.
    F1 is ``2 TP / (2 TP + FP + FN)`` and balanced accuracy ``(TP N + TN P) / (2 P N)``: one division of
    integers each, so that equal values are equal floats.
    """
    if not isinstance(metric, str) or metric not in METRICS:
        raise ValueError(f"metric should be one of {METRICS}; got {metric!r}.")
    y_true = _as_1d(y_true, "y_true")
    y_score = _as_1d(y_score, "y_score")
    _check_lengths(y_true, y_score, "y_true and y_score")
    if y_true.dtype.kind not in "biuf" or not np.isin(y_true, (0, 1)).all():
        raise ValueError(f"y_true should hold only 0 and 1; got the labels {np.unique(y_true).tolist()}.")
    positive = y_true.astype(bool)
    if positive.all() or not positive.any():
        raise ValueError("y_true should hold both classes, 0 and 1; got a single class.")
    if y_score.dtype.kind not in "biuf" or not np.isfinite(y_score.astype(np.float64)).all():
        raise ValueError("y_score should hold finite numbers.")
    thresholds, tp, fp = _counts_by_threshold(positive, y_score.astype(np.float64))
    values = _metric_values(metric, tp, fp, int(tp[-1]), int(fp[-1]))
    best = np.flatnonzero(values == values.max())[-1]
    return float(thresholds[best])


def _counts_by_threshold(positive: npt.NDArray[np.bool_], scores: FloatArray) -> tuple[FloatArray, IntArray, IntArray]:
    """Distinct scores in decreasing order, with TP and FP when predicting ``score >= threshold``."""
    order = np.argsort(-scores, kind="stable")
    scores, positive = scores[order], positive[order]
    last = np.flatnonzero(np.r_[scores[1:] != scores[:-1], True])
    tp = np.cumsum(positive, dtype=np.int64)[last]
    fp = (last + 1) - tp
    return scores[last], tp, fp


def _metric_values(metric: str, tp: IntArray, fp: IntArray, n_pos: int, n_neg: int) -> FloatArray:
    if metric == "f1":
        values: FloatArray = (2 * tp) / (2 * tp + fp + (n_pos - tp))
        return values
    tn = n_neg - fp
    values = (tp * n_neg + tn * n_pos) / (2 * n_pos * n_neg)
    return values


# ----------------------------------------------------------------------------- cross-validation


def resampled_cross_val_score(sampler: Any, estimator: Any, X: Any, y: Any, *, cv: Any = 5) -> FloatArray:
    """Score of ``estimator`` on each test fold, fitted on that fold's training rows after resampling.

    The split comes first: ``cv`` (an int: scikit-learn's unshuffled ``StratifiedKFold``; or an object
    with ``split(X, y)``) gives the folds, and only the training rows of a fold are resampled, with
    ``sampler.fit_resample``. Each fold fits a fresh copy of ``estimator`` and scores it with
    ``score(X_test, y_test)``.
    """
    X, y = _check_X_y(X, y)
    splits: Iterable[tuple[Any, Any]]
    splits = _stratified_folds(y, _check_n_splits(cv, y)) if _is_int(cv) else cv.split(X, y)
    scores = []
    for train, test in splits:
        train, test = np.asarray(train), np.asarray(test)
        X_resampled, y_resampled = sampler.fit_resample(X[train], y[train])
        model = copy.deepcopy(estimator)
        model.fit(X_resampled, y_resampled)
        scores.append(model.score(X[test], y[test]))
    return np.asarray(scores, dtype=np.float64)


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _check_n_splits(cv: int, y: npt.NDArray[Any]) -> int:
    if cv < 2:
        raise ValueError(f"cv={cv} should be at least 2 folds.")
    if cv > y.shape[0]:
        raise ValueError(f"cv={cv} should not be greater than n_samples={y.shape[0]}.")
    if np.unique(y, return_counts=True)[1].max() < cv:
        raise ValueError(f"cv={cv} cannot be greater than the number of members in each class.")
    return int(cv)


def _stratified_folds(y: npt.NDArray[Any], n_splits: int) -> list[tuple[IntArray, IntArray]]:
    """scikit-learn's unshuffled ``StratifiedKFold`` folds; input is assumed valid.

    Classes are numbered by first appearance; test fold ``i`` takes from each class as many samples as
    positions ``i, i + n_splits, ...`` of the sorted class numbers hold, in consecutive blocks of each
    class's samples in their order.
    """
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    by_appearance = np.argsort(np.argsort(first))
    codes = by_appearance[inverse.reshape(-1)]
    n_classes = first.shape[0]
    ordered = np.sort(codes)
    allocation = np.array([np.bincount(ordered[i::n_splits], minlength=n_classes) for i in range(n_splits)])
    test_fold = np.empty(y.shape[0], dtype=np.int64)
    for k in range(n_classes):
        test_fold[codes == k] = np.repeat(np.arange(n_splits), allocation[:, k])
    everything = np.arange(y.shape[0], dtype=np.int64)
    return [(everything[test_fold != i], everything[test_fold == i]) for i in range(n_splits)]
