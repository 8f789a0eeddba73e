"""Quick self-checks for your ``ranking_metrics.py``: run ``pytest test_public.py`` next to it.

scikit-learn is the oracle where the statement asks for its answer; elsewhere the checks test the
guarantees the statement gives. The hidden grading suite checks much more.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from ranking_metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve
from sklearn import metrics


def sklearn(name: str, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(metrics, name)(*args, **kwargs)


def _problem(seed: int) -> tuple[Any, Any]:
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, size=60)
    y_true[:2] = [0, 1]
    y_score = np.round(rng.normal(size=60) + y_true, 1)  # rounded: many ties
    return y_true, y_score


@pytest.mark.parametrize("drop_intermediate", [True, False])
def test_roc_curve_agrees_with_sklearn(drop_intermediate: bool) -> None:
    y_true, y_score = _problem(0)
    ours = roc_curve(y_true, y_score, drop_intermediate=drop_intermediate)
    theirs = sklearn("roc_curve", y_true, y_score, drop_intermediate=drop_intermediate)
    for got, expected in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_precision_recall_curve_and_average_precision_agree_with_sklearn() -> None:
    y_true, y_score = _problem(1)
    labels = np.where(y_true == 1, "spam", "ham")
    ours = precision_recall_curve(labels, y_score, pos_label="spam")
    theirs = sklearn("precision_recall_curve", labels, y_score, pos_label="spam")
    for got, expected in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert average_precision_score(labels, y_score, pos_label="spam") == pytest.approx(
        sklearn("average_precision_score", labels, y_score, pos_label="spam"), abs=1e-12
    )


def test_auc_is_the_share_of_pairs_ranked_right() -> None:
    y_true, y_score = _problem(2)
    pos, neg = y_score[y_true == 1][:, None], y_score[y_true == 0][None, :]
    pairs = (np.sum(pos > neg) + 0.5 * np.sum(pos == neg)) / (pos.size * neg.size)
    assert roc_auc_score(y_true, y_score) == pytest.approx(pairs, abs=1e-12)
    assert roc_auc_score(y_true, -y_score) == pytest.approx(1 - pairs, abs=1e-12)


def test_one_vs_rest_auc_agrees_with_sklearn() -> None:
    rng = np.random.default_rng(3)
    y_true = rng.integers(0, 3, size=50)
    y_score = rng.random((50, 3))
    y_score /= y_score.sum(axis=1, keepdims=True)
    for average in ("macro", "weighted", "micro"):
        expected = sklearn("roc_auc_score", y_true, y_score, multi_class="ovr", average=average)
        assert roc_auc_score(y_true, y_score, multi_class="ovr", average=average) == pytest.approx(expected, abs=1e-12)


def test_bad_input_raises_value_error() -> None:
    with pytest.raises(ValueError):
        roc_auc_score([1, 1, 1], [0.1, 0.2, 0.3])  # a single class
    with pytest.raises(ValueError):
        roc_curve(["a", "b"], [0.1, 0.2])  # string labels need pos_label
    with pytest.raises(ValueError):
        roc_auc_score([0, 1, 2], np.eye(3))  # three classes need multi_class="ovr"
