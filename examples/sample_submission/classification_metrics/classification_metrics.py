"""Classification metrics computed from a confusion matrix."""

import numpy as np

AVERAGES = (None, "binary", "micro", "macro", "weighted")


def _check(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape[0] != y_pred.shape[0]:
        raise ValueError(
            f"y_true and y_pred have different lengths: {y_true.shape[0]} != {y_pred.shape[0]}"
        )
    return y_true, y_pred


def _check_labels(labels):
    labels = np.asarray(labels).tolist()
    if not labels:
        raise ValueError("labels must contain at least one label")
    return labels


def _full_matrix(y_true, y_pred):
    """Sorted labels of both arrays, and the matrix of counts (rows: truth) over them."""
    classes = np.unique(np.concatenate([y_true, y_pred]))
    k = len(classes)
    rows = np.searchsorted(classes, y_true)
    cols = np.searchsorted(classes, y_pred)
    full = np.bincount(rows * k + cols, minlength=k * k).reshape(k, k)
    return classes, full


def _positions(classes, labels):
    """Index of each label among the classes, -1 for a label that does not occur."""
    index = {value: i for i, value in enumerate(classes.tolist())}
    return np.array([index.get(label, -1) for label in labels], dtype=np.int64)


def _select(counts, positions):
    return np.append(counts, 0)[positions]  # position -1 reads the appended 0


def confusion_matrix(y_true, y_pred, *, labels=None):
    y_true, y_pred = _check(y_true, y_pred)
    classes, full = _full_matrix(y_true, y_pred)
    if labels is None:
        return full
    positions = _positions(classes, _check_labels(labels))
    padded = np.zeros((len(classes) + 1, len(classes) + 1), dtype=full.dtype)
    padded[:-1, :-1] = full
    return padded[np.ix_(positions, positions)]


def accuracy_score(y_true, y_pred):
    y_true, y_pred = _check(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def _divide(numerator, denominator, zero_division):
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    out = np.full(denominator.shape, float(zero_division))
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def precision_recall_fscore_support(
    y_true, y_pred, *, labels=None, pos_label=1, average=None, zero_division=0.0
):
    if average not in AVERAGES:
        raise ValueError(f"average must be one of {AVERAGES}; got {average!r}")
    y_true, y_pred = _check(y_true, y_pred)
    classes, full = _full_matrix(y_true, y_pred)
    if average == "binary":
        if len(classes) > 2:
            raise ValueError(f"average='binary' needs at most two labels; got {classes.tolist()}")
        if len(classes) == 2 and pos_label not in classes.tolist():
            raise ValueError(f"pos_label={pos_label!r} is not one of {classes.tolist()}")
        labels = [pos_label]
    elif labels is None:
        labels = classes.tolist()
    else:
        labels = _check_labels(labels)
    positions = _positions(classes, labels)
    tp = _select(np.diag(full), positions)
    predicted = _select(full.sum(axis=0), positions)
    actual = _select(full.sum(axis=1), positions)
    if average == "micro":
        tp, predicted, actual = tp.sum(), predicted.sum(), actual.sum()
    precision = _divide(tp, predicted, zero_division)
    recall = _divide(tp, actual, zero_division)
    f1 = _divide(2 * tp, predicted + actual, zero_division)
    if average is None:
        return precision, recall, f1, actual
    if average == "macro":
        seen = actual > 0  # average over the classes that are really there
        if seen.any():
            precision, recall, f1 = precision[seen], recall[seen], f1[seen]
    weights = actual if average == "weighted" and actual.sum() > 0 else None
    return (
        float(np.average(precision, weights=weights)),
        float(np.average(recall, weights=weights)),
        float(np.average(f1, weights=weights)),
        None,
    )


def precision_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", zero_division=0.0
):
    return precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        zero_division=zero_division,
    )[0]


def recall_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary", zero_division=0.0):
    return precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        zero_division=zero_division,
    )[1]


def f1_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary", zero_division=0.0):
    return precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
        zero_division=zero_division,
    )[2]
