"""Gradient boosting with regression trees, NumPy only: the reference solution.

Both models build an additive raw score

    F_0 = c,    F_m(x) = F_{m-1}(x) + learning_rate * h_m(x),    m = 1, ..., n_estimators,

where ``h_m`` is a regression tree grown on the negative gradient of the loss at ``F_{m-1}``:

- ``GradientBoostingRegressor`` (squared error): ``c`` is the mean of ``y``, each tree is fitted to
  the residuals ``y - F_{m-1}`` and its leaves predict the mean residual of their rows.
- ``GradientBoostingClassifier`` (log-loss, two classes): ``c`` is the log-odds of the share of the
  positive class ``classes_[1]``; each tree is grown on ``y - p`` with ``p = sigmoid(F_{m-1})`` and
  ``y`` in {0, 1}, then each leaf's value is replaced by one Newton step,
  ``sum(y - p) / sum(p * (1 - p))`` over its rows (0 where the denominator is below ``1e-150``), as
  scikit-learn's ``_update_terminal_regions`` does.

The trees are CART regression trees: a node's split is the feature and threshold that most reduce
the sum of squared errors of the targets, thresholds lie halfway between consecutive distinct values
of the node, ``x <= threshold`` goes left, each leaf keeps at least ``min_samples_leaf`` rows, the
root has depth 0 and no node deeper than ``max_depth`` is split, and a node whose targets are all
equal is a leaf. The rows of ``X`` are sorted once per feature at ``fit``; a node's rows, in that
order, are picked out with a mask, so no node sorts again.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["GradientBoostingClassifier", "GradientBoostingRegressor", "NotFittedError"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

# scikit-learn's _safe_divide: a Newton step whose curvature is this small is 0.
_TINY_CURVATURE = 1e-150


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``, like scikit-learn's error of the same name."""


class _Tree:
    """A fitted regression tree: parallel arrays over nodes; ``feature == -1`` marks a leaf."""

    def __init__(
        self, feature: IntArray, threshold: FloatArray, left: IntArray, right: IntArray, value: FloatArray, depth: int
    ) -> None:
        self.feature = feature
        self.threshold = threshold
        self.left = left
        self.right = right
        self.value = value
        self.depth = depth

    def apply(self, X: FloatArray) -> IntArray:
        """The leaf each row of ``X`` falls in (input is assumed valid)."""
        node = np.zeros(X.shape[0], dtype=np.intp)
        rows = np.arange(X.shape[0])
        for _ in range(self.depth):
            feature = self.feature[node]
            internal = feature >= 0
            goes_left = X[rows, np.where(internal, feature, 0)] <= self.threshold[node]
            node = np.where(internal, np.where(goes_left, self.left[node], self.right[node]), node)
        return node


def _best_split(
    X: FloatArray, order: IntArray, in_node: BoolArray, targets: FloatArray, min_samples_leaf: int
) -> tuple[int, float] | None:
    """The ``(feature, threshold)`` that most reduces the node's squared error, or ``None``.

    ``order[:, j]`` sorts all rows by feature ``j``; the node's rows keep that order. Input is
    assumed valid.
    """
    n_features = X.shape[1]
    size = int(in_node.sum())
    by_feature = order.T[in_node[order.T]].reshape(n_features, size).T  # (size, n_features)
    values = X[by_feature, np.arange(n_features)]
    sorted_targets = targets[by_feature]
    left_sum = np.cumsum(sorted_targets, axis=0)[:-1]
    total = left_sum[-1] + sorted_targets[-1]
    n_left = np.arange(1, size, dtype=np.float64)[:, None]
    n_right = size - n_left
    # Minimising the children's squared error = maximising sum_L^2 / n_L + sum_R^2 / n_R.
    score = left_sum**2 / n_left + (total - left_sum) ** 2 / n_right
    valid = (values[1:] > values[:-1]) & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    if not valid.any():
        return None
    position, feature = np.unravel_index(np.argmax(np.where(valid, score, -np.inf)), score.shape)
    threshold = (values[position, feature] + values[position + 1, feature]) / 2.0
    return int(feature), float(threshold)


def _grow_tree(
    X: FloatArray, order: IntArray, targets: FloatArray, max_depth: int, min_samples_leaf: int
) -> tuple[_Tree, IntArray]:
    """Grow a tree on ``targets``; return it (leaf values unset) and each training row's leaf."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    leaf_of_row = np.zeros(X.shape[0], dtype=np.intp)
    stack = [(np.ones(X.shape[0], dtype=bool), 0, _new_node(feature, threshold, left, right))]
    while stack:
        in_node, depth, node = stack.pop()
        node_targets = targets[in_node]
        split = None
        if depth < max_depth and node_targets.min() < node_targets.max():
            split = _best_split(X, order, in_node, targets, min_samples_leaf)
        if split is None:
            leaf_of_row[in_node] = node
            continue
        feature[node], threshold[node] = split
        goes_left = X[:, split[0]] <= split[1]
        left[node] = _new_node(feature, threshold, left, right)
        right[node] = _new_node(feature, threshold, left, right)
        stack.append((in_node & ~goes_left, depth + 1, right[node]))
        stack.append((in_node & goes_left, depth + 1, left[node]))
    tree = _Tree(
        feature=np.array(feature, dtype=np.intp),
        threshold=np.array(threshold, dtype=np.float64),
        left=np.array(left, dtype=np.intp),
        right=np.array(right, dtype=np.intp),
        value=np.zeros(len(feature), dtype=np.float64),
        depth=max_depth,
    )
    return tree, leaf_of_row


def _new_node(feature: list[int], threshold: list[float], left: list[int], right: list[int]) -> int:
    feature.append(-1)
    threshold.append(0.0)
    left.append(-1)
    right.append(-1)
    return len(feature) - 1


def _sigmoid(z: FloatArray) -> FloatArray:
    """``1 / (1 + exp(-z))`` without overflow."""
    e = np.exp(-np.abs(z))
    result: FloatArray = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return result


def _check_X(X: npt.ArrayLike, name: str = "X") -> FloatArray:
    array = np.asarray(X, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(
            f"{name} should be a 2-D array of shape (n_samples, n_features); got {array.ndim} dimension(s)."
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} should have at least one row and one column; got shape {array.shape}.")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values.")
    return array


def _check_whole(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} should be an integer >= 1; got {value!r}.")


class _Boosting:
    """What the regressor and the classifier share: parameters, the boosting loop, raw scores."""

    def __init__(
        self, n_estimators: int = 100, learning_rate: float = 0.1, max_depth: int = 3, min_samples_leaf: int = 1
    ) -> None:
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf

    def _check_params(self) -> None:
        _check_whole("n_estimators", self.n_estimators)
        _check_whole("max_depth", self.max_depth)
        _check_whole("min_samples_leaf", self.min_samples_leaf)
        rate = self.learning_rate
        if isinstance(rate, bool) or not isinstance(rate, numbers.Real) or not (0.0 < rate < np.inf):
            raise ValueError(f"learning_rate should be a positive finite number; got {rate!r}.")

    def _boost(self, X: FloatArray, y: FloatArray) -> None:
        """Fit ``n_estimators`` trees to ``y`` (floats; 0/1 for the classifier). Input is assumed valid."""
        order = np.argsort(X, axis=0, kind="stable")
        raw = np.full(X.shape[0], self._init_raw(y))
        trees: list[_Tree] = []
        scores = np.empty(self.n_estimators, dtype=np.float64)
        for stage in range(self.n_estimators):
            residual = self._negative_gradient(y, raw)
            tree, leaf = _grow_tree(X, order, residual, int(self.max_depth), int(self.min_samples_leaf))
            tree.value = self._leaf_values(residual, raw, leaf, tree.feature.shape[0])
            raw = raw + self.learning_rate * tree.value[leaf]
            trees.append(tree)
            scores[stage] = self._loss(y, raw)
        self.init_raw_prediction_ = float(self._init_raw(y))
        self.estimators_ = trees
        self.train_score_ = scores
        self.n_features_in_ = X.shape[1]

    def _staged_raw(self, X: npt.ArrayLike) -> Iterator[FloatArray]:
        if not hasattr(self, "estimators_"):
            name = type(self).__name__
            raise NotFittedError(f"This {name} instance is not fitted yet; call fit before using it.")
        rows = _check_X(X)
        if rows.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {rows.shape[1]} features, but the model was fitted with {self.n_features_in_}.")
        raw = np.full(rows.shape[0], self.init_raw_prediction_)
        for tree in self.estimators_:
            raw = raw + self.learning_rate * tree.value[tree.apply(rows)]
            yield raw

    def _raw(self, X: npt.ArrayLike) -> FloatArray:
        *_, last = self._staged_raw(X)  # n_estimators >= 1 stages
        return last

    def _init_raw(self, y: FloatArray) -> float:
        raise NotImplementedError

    def _negative_gradient(self, y: FloatArray, raw: FloatArray) -> FloatArray:
        raise NotImplementedError

    def _leaf_values(self, residual: FloatArray, raw: FloatArray, leaf: IntArray, n_nodes: int) -> FloatArray:
        raise NotImplementedError

    def _loss(self, y: FloatArray, raw: FloatArray) -> float:
        raise NotImplementedError


class GradientBoostingRegressor(_Boosting):
    """Gradient boosting for regression with the squared error.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of boosting stages (trees), at least 1.
    learning_rate : float, default=0.1
        Shrinkage of each tree's contribution, positive and finite.
    max_depth : int, default=3
        Depth of each tree (the root has depth 0), at least 1.
    min_samples_leaf : int, default=1
        Fewest training rows a leaf may hold, at least 1.

    Attributes
    ----------
    init_raw_prediction_ : float
        The mean of ``y``, the prediction before any tree.
    train_score_ : ndarray of shape (n_estimators,)
        Mean squared error on the training data after each stage.
    n_features_in_ : int
        Number of features seen by ``fit``.
    """

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> GradientBoostingRegressor:
        """Fit the ensemble to ``X`` of shape (n_samples, n_features) and ``y`` of shape (n_samples,)."""
        self._check_params()
        rows = _check_X(X)
        target = np.asarray(y, dtype=np.float64)
        if target.ndim != 1 or target.shape[0] != rows.shape[0]:
            raise ValueError(f"y should have shape ({rows.shape[0]},), one value per row of X; got {target.shape}.")
        if not np.all(np.isfinite(target)):
            raise ValueError("y contains NaN or infinite values.")
        self._boost(rows, target)
        return self

    def predict(self, X: npt.ArrayLike) -> FloatArray:
        """Predictions of the whole ensemble, shape (n_samples,)."""
        return self._raw(X)

    def staged_predict(self, X: npt.ArrayLike) -> Iterator[FloatArray]:
        """Predictions after stage 1, 2, ..., ``n_estimators``: one array of shape (n_samples,) each."""
        yield from self._staged_raw(X)

    def _init_raw(self, y: FloatArray) -> float:
        return float(np.mean(y))

    def _negative_gradient(self, y: FloatArray, raw: FloatArray) -> FloatArray:
        residual: FloatArray = y - raw
        return residual

    def _leaf_values(self, residual: FloatArray, raw: FloatArray, leaf: IntArray, n_nodes: int) -> FloatArray:
        counts = np.bincount(leaf, minlength=n_nodes)
        sums = np.bincount(leaf, weights=residual, minlength=n_nodes)
        means: FloatArray = np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)
        return means

    def _loss(self, y: FloatArray, raw: FloatArray) -> float:
        return float(np.mean((y - raw) ** 2))


class GradientBoostingClassifier(_Boosting):
    """Gradient boosting for two classes with the log-loss.

    Parameters
    ----------
    n_estimators, learning_rate, max_depth, min_samples_leaf
        As for :class:`GradientBoostingRegressor`.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels, sorted; ``classes_[1]`` is the positive class.
    init_raw_prediction_ : float
        ``log(q / (1 - q))`` where ``q`` is the share of the positive class in ``y``.
    train_score_ : ndarray of shape (n_estimators,)
        Twice the mean log-loss (the binomial deviance) on the training data after each stage.
    n_features_in_ : int
        Number of features seen by ``fit``.
    """

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> GradientBoostingClassifier:
        """Fit the ensemble to ``X`` of shape (n_samples, n_features) and two-class labels ``y``."""
        self._check_params()
        rows = _check_X(X)
        labels = np.asarray(y)
        if labels.ndim != 1 or labels.shape[0] != rows.shape[0]:
            raise ValueError(f"y should have shape ({rows.shape[0]},), one label per row of X; got {labels.shape}.")
        classes, encoded = np.unique(labels, return_inverse=True)
        if classes.shape[0] != 2:
            raise ValueError(f"y should hold exactly two classes; got {classes.shape[0]}: {classes.tolist()[:5]}.")
        self._boost(rows, encoded.astype(np.float64))
        self.classes_ = classes
        return self

    def decision_function(self, X: npt.ArrayLike) -> FloatArray:
        """Raw scores (log-odds of ``classes_[1]``), shape (n_samples,)."""
        return self._raw(X)

    def staged_decision_function(self, X: npt.ArrayLike) -> Iterator[FloatArray]:
        """Raw scores after stage 1, 2, ..., ``n_estimators``."""
        yield from self._staged_raw(X)

    def predict_proba(self, X: npt.ArrayLike) -> FloatArray:
        """Probabilities of ``classes_[0]`` and ``classes_[1]``, shape (n_samples, 2)."""
        return self._proba(self._raw(X))

    def staged_predict_proba(self, X: npt.ArrayLike) -> Iterator[FloatArray]:
        """Probabilities after stage 1, 2, ..., ``n_estimators``."""
        for raw in self._staged_raw(X):
            yield self._proba(raw)

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[Any]:
        """``classes_[1]`` where the raw score is > 0, ``classes_[0]`` elsewhere."""
        raw = self._raw(X)
        labels: npt.NDArray[Any] = self.classes_[(raw > 0).astype(np.intp)]
        return labels

    def staged_predict(self, X: npt.ArrayLike) -> Iterator[npt.NDArray[Any]]:
        """Predicted labels after stage 1, 2, ..., ``n_estimators``."""
        for raw in self._staged_raw(X):
            labels: npt.NDArray[Any] = self.classes_[(raw > 0).astype(np.intp)]
            yield labels

    @staticmethod
    def _proba(raw: FloatArray) -> FloatArray:
        p = _sigmoid(raw)
        return np.column_stack([1.0 - p, p])

    def _init_raw(self, y: FloatArray) -> float:
        share = float(np.mean(y))
        return float(np.log(share / (1.0 - share)))

    def _negative_gradient(self, y: FloatArray, raw: FloatArray) -> FloatArray:
        residual: FloatArray = y - _sigmoid(raw)
        return residual

    def _leaf_values(self, residual: FloatArray, raw: FloatArray, leaf: IntArray, n_nodes: int) -> FloatArray:
        p = _sigmoid(raw)
        numerator = np.bincount(leaf, weights=residual, minlength=n_nodes)
        denominator = np.bincount(leaf, weights=p * (1.0 - p), minlength=n_nodes)
        safe = np.abs(denominator) >= _TINY_CURVATURE
        steps: FloatArray = np.where(safe, numerator / np.where(safe, denominator, 1.0), 0.0)
        return steps

    def _loss(self, y: FloatArray, raw: FloatArray) -> float:
        return float(2.0 * np.mean(np.logaddexp(0.0, raw) - y * raw))
