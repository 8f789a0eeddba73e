"""CART decision trees, NumPy only: the reference solution of the ``decision_tree`` exercise.

A tree is grown greedily from the root. At a node holding the samples ``S`` (``N_t`` of them), every
feature ``f`` and every threshold ``t`` halfway between two consecutive distinct values of ``f`` in
``S`` is a candidate split: samples with ``x_f <= t`` go left (``N_L`` of them), the others right
(``N_R``). The split chosen minimises the weighted impurity of the children

    W = N_L * impurity(left) + N_R * impurity(right),

that is, maximises the impurity decrease ``N_t * impurity(S) - W``. Ties go to the lowest feature
index, then to the lowest threshold. Impurities:

- gini: ``1 - sum_k p_k^2``; entropy: ``-sum_k p_k log2 p_k`` (``0 log 0 = 0``), where ``p_k`` is
  the share of class ``k`` in the node;
- squared_error: the mean squared deviation from the node's mean.

A node becomes a leaf when its depth is ``max_depth``, it holds fewer than ``min_samples_split``
samples, it is pure (one class, or one target value), no candidate leaves at least
``min_samples_leaf`` samples on each side, or the best split's weighted decrease
``(N_t / N) * (impurity(S) - W / N_t)`` is below ``min_impurity_decrease`` (``N``: the training
samples). A leaf predicts the class shares of its samples (classifier) or their mean (regressor).

The search is vectorised per node: each feature's sample order is sorted once, at the root, and
kept sorted while the samples are partitioned; at a node, cumulative class counts (or cumulative
sums of the centred targets) give every candidate's children in one pass over the sorted values.

Validation happens at the public edge (``fit``, ``predict``, ``predict_proba``); the private
helpers assume valid input.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["DecisionTreeClassifier", "DecisionTreeRegressor", "NotFittedError"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

_LEAF = -1


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``, like scikit-learn's error of the same name."""


# --------------------------------------------------------------------------------------------------
# Impurities of nodes, from class counts or from sums of centred targets (input is assumed valid)
# --------------------------------------------------------------------------------------------------


def _gini(counts: FloatArray, n: FloatArray) -> FloatArray:
    """Gini impurity ``1 - sum_k (c_k / n)^2`` over the last axis of ``counts``."""
    shares = counts / n[..., None]
    impurity: FloatArray = 1.0 - np.sum(shares * shares, axis=-1)
    return impurity


def _entropy(counts: FloatArray, n: FloatArray) -> FloatArray:
    """Entropy ``-sum_k p_k log2 p_k`` (in bits) over the last axis of ``counts``."""
    shares = counts / n[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(shares > 0.0, shares * np.log2(shares), 0.0)
    impurity: FloatArray = -np.sum(terms, axis=-1)
    return impurity


_CLASSIFICATION_CRITERIA = {"gini": _gini, "entropy": _entropy}


# --------------------------------------------------------------------------------------------------
# The tree
# --------------------------------------------------------------------------------------------------


class _Tree:
    """Parallel lists of node fields; node 0 is the root, ``left[i] == -1`` marks a leaf."""

    def __init__(self) -> None:
        self.feature: list[int] = []
        self.threshold: list[float] = []
        self.left: list[int] = []
        self.right: list[int] = []
        self.depth: list[int] = []
        self.value: list[FloatArray] = []

    def add(self, depth: int, value: FloatArray) -> int:
        self.feature.append(_LEAF)
        self.threshold.append(0.0)
        self.left.append(_LEAF)
        self.right.append(_LEAF)
        self.depth.append(depth)
        self.value.append(value)
        return len(self.feature) - 1

    def freeze(self) -> None:
        self.feature_ = np.asarray(self.feature, dtype=np.intp)
        self.threshold_ = np.asarray(self.threshold, dtype=np.float64)
        self.left_ = np.asarray(self.left, dtype=np.intp)
        self.right_ = np.asarray(self.right, dtype=np.intp)
        self.value_ = np.asarray(self.value, dtype=np.float64)

    def leaves_of(self, X: FloatArray) -> IntArray:
        """Index of the leaf each row of ``X`` lands in (``x <= threshold`` goes left)."""
        node = np.zeros(X.shape[0], dtype=np.intp)
        rows = np.arange(X.shape[0])
        while True:
            inner = self.left_[node] != _LEAF
            if not inner.any():
                return node
            at, here = rows[inner], node[inner]
            goes_left = X[at, self.feature_[here]] <= self.threshold_[here]
            node[at] = np.where(goes_left, self.left_[here], self.right_[here])


class _BaseTree:
    """What the classifier and the regressor share: parameters, growing, traversal."""

    _criteria: tuple[str, ...] = ()

    def __init__(
        self,
        *,
        criterion: str,
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        min_impurity_decrease: float = 0.0,
    ) -> None:
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_impurity_decrease = min_impurity_decrease

    # -- hooks for the two kinds of tree ------------------------------------------------------------

    def _node_value(self, targets: FloatArray) -> FloatArray:
        raise NotImplementedError

    def _node_impurity(self, targets: FloatArray) -> float:
        raise NotImplementedError

    def _children_impurity(self, sorted_targets: FloatArray) -> FloatArray:
        """``W`` for every split position of every feature: shape ``(n_features, m - 1)``."""
        raise NotImplementedError

    # -- fitting -------------------------------------------------------------------------------------

    def _check_parameters(self) -> None:
        if self.criterion not in self._criteria:
            raise ValueError(f"criterion should be one of {self._criteria}; got criterion={self.criterion!r}.")
        if self.max_depth is not None and not _is_int(self.max_depth, 1):
            raise ValueError(f"max_depth should be None or an integer >= 1; got max_depth={self.max_depth!r}.")
        if not _is_int(self.min_samples_split, 2):
            raise ValueError(f"min_samples_split should be an integer >= 2; got {self.min_samples_split!r}.")
        if not _is_int(self.min_samples_leaf, 1):
            raise ValueError(f"min_samples_leaf should be an integer >= 1; got {self.min_samples_leaf!r}.")
        decrease = self.min_impurity_decrease
        if isinstance(decrease, bool) or not isinstance(decrease, numbers.Real) or not decrease >= 0:
            raise ValueError(f"min_impurity_decrease should be a number >= 0; got {decrease!r}.")

    def _grow(self, X: FloatArray, targets: FloatArray) -> None:
        """Grow the tree on valid ``X`` and ``targets`` (one-hot classes, or one target column)."""
        n_samples, n_features = X.shape
        max_depth = np.inf if self.max_depth is None else self.max_depth
        features = np.arange(n_features)[:, None]
        tree = _Tree()
        importances = np.zeros(n_features)
        in_left = np.zeros(n_samples, dtype=bool)
        # Each entry: the node's samples sorted by every feature, shape (n_features, m); its depth;
        # and (parent, is_left) to link it.
        stack: list[tuple[IntArray, int, int, bool]] = [(np.argsort(X, axis=0).T, 0, _LEAF, True)]
        while stack:
            order, depth, parent, is_left = stack.pop()
            samples = order[0]
            node = tree.add(depth, self._node_value(targets[samples]))
            if parent != _LEAF:
                (tree.left if is_left else tree.right)[parent] = node
            m = samples.shape[0]
            if depth >= max_depth or m < self.min_samples_split or m < 2 * self.min_samples_leaf:
                continue
            impurity = self._node_impurity(targets[samples])
            if impurity <= 0.0:
                continue
            values = X[order, features]  # (n_features, m), each row sorted
            weighted = self._children_impurity(targets[order])
            n_left = np.arange(1, m)
            allowed = (
                (values[:, 1:] > values[:, :-1])
                & (n_left >= self.min_samples_leaf)
                & (m - n_left >= self.min_samples_leaf)
            )
            if not allowed.any():
                continue
            # argmin over the flattened (feature, position) grid: ties go to the lowest feature,
            # then to the lowest position, which is the lowest threshold.
            best = int(np.argmin(np.where(allowed, weighted, np.inf)))
            feature, position = divmod(best, m - 1)
            decrease = m * impurity - float(weighted[feature, position])
            if self.min_impurity_decrease > 0 and decrease / n_samples < self.min_impurity_decrease:
                continue  # (with the default 0, every allowed split is made, a zero decrease included)
            tree.feature[node] = feature
            tree.threshold[node] = (values[feature, position] + values[feature, position + 1]) / 2.0
            importances[feature] += decrease
            in_left[order[feature, : position + 1]] = True
            goes_left = in_left[order]
            in_left[samples] = False
            stack.append((order[~goes_left].reshape(n_features, -1), depth + 1, node, False))
            stack.append((order[goes_left].reshape(n_features, -1), depth + 1, node, True))
        tree.freeze()
        self.tree_ = tree
        self.n_features_in_ = n_features
        total = importances.sum()
        self.feature_importances_ = importances / total if total > 0 else importances

    # -- using a fitted tree -----------------------------------------------------------------------

    def _fitted_tree(self) -> _Tree:
        tree: _Tree | None = getattr(self, "tree_", None)
        if tree is None:
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet; call fit before using this estimator.")
        return tree

    def _leaf_values(self, X: Any) -> FloatArray:
        tree = self._fitted_tree()
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} was fitted with "
                f"{self.n_features_in_} features."
            )
        values: FloatArray = tree.value_[tree.leaves_of(X)]
        return values

    def get_depth(self) -> int:
        """The depth of the tree: the most splits on a path from the root to a leaf (a lone root: 0)."""
        return int(max(self._fitted_tree().depth))

    def get_n_leaves(self) -> int:
        """The number of leaves of the tree."""
        return int(np.count_nonzero(self._fitted_tree().left_ == _LEAF))


class DecisionTreeClassifier(_BaseTree):
    """A CART classification tree (gini or entropy impurity).

    Parameters
    ----------
    criterion : {"gini", "entropy"}, default="gini"
    max_depth : int or None, default=None
    min_samples_split : int, default=2
    min_samples_leaf : int, default=1
    min_impurity_decrease : float, default=0.0

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted distinct labels seen in ``fit``.
    feature_importances_ : ndarray of shape (n_features,)
        Total weighted impurity decrease per feature, normalised to sum to 1 (all 0 for a lone leaf).
    """

    _criteria = ("gini", "entropy")

    def __init__(
        self,
        criterion: str = "gini",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        min_impurity_decrease: float = 0.0,
    ) -> None:
        super().__init__(
            criterion=criterion,
            max_depth=max_depth,
            min_samples_split=min_samples_split,
            min_samples_leaf=min_samples_leaf,
            min_impurity_decrease=min_impurity_decrease,
        )

    def fit(self, X: Any, y: Any) -> DecisionTreeClassifier:
        """Grow the tree on ``X`` of shape (n_samples, n_features) and labels ``y`` of shape (n_samples,)."""
        self._check_parameters()
        X = _check_X(X)
        y = _check_y(y, X.shape[0])
        self.classes_, encoded = np.unique(y, return_inverse=True)
        one_hot = np.zeros((X.shape[0], self.classes_.shape[0]))
        one_hot[np.arange(X.shape[0]), encoded.reshape(-1)] = 1.0
        self._impurity = _CLASSIFICATION_CRITERIA[self.criterion]
        self._grow(X, one_hot)
        return self

    def _node_value(self, targets: FloatArray) -> FloatArray:
        shares: FloatArray = targets.sum(axis=0) / targets.shape[0]
        return shares

    def _node_impurity(self, targets: FloatArray) -> float:
        counts = targets.sum(axis=0)
        return float(self._impurity(counts, np.array(float(targets.shape[0]))))

    def _children_impurity(self, sorted_targets: FloatArray) -> FloatArray:
        m = sorted_targets.shape[1]
        left = np.cumsum(sorted_targets, axis=1)[:, :-1, :]  # (n_features, m - 1, n_classes)
        right = left[:, -1:, :] + sorted_targets[:, -1:, :] - left
        n_left = np.arange(1, m, dtype=np.float64)
        n_right = m - n_left
        weighted: FloatArray = n_left * self._impurity(left, n_left) + n_right * self._impurity(right, n_right)
        return weighted

    def predict_proba(self, X: Any) -> FloatArray:
        """Class shares of the leaf each row lands in: shape (n_samples, n_classes), in ``classes_`` order."""
        return self._leaf_values(X)

    def predict(self, X: Any) -> npt.NDArray[Any]:
        """The most frequent class of each row's leaf (ties: the first in ``classes_``)."""
        proba = self._leaf_values(X)
        predicted: npt.NDArray[Any] = self.classes_[np.argmax(proba, axis=1)]
        return predicted


class DecisionTreeRegressor(_BaseTree):
    """A CART regression tree (squared-error impurity); leaves predict the mean of their targets.

    Parameters
    ----------
    criterion : {"squared_error"}, default="squared_error"
    max_depth : int or None, default=None
    min_samples_split : int, default=2
    min_samples_leaf : int, default=1
    min_impurity_decrease : float, default=0.0

    Attributes
    ----------
    feature_importances_ : ndarray of shape (n_features,)
    """

    _criteria = ("squared_error",)

    def __init__(
        self,
        criterion: str = "squared_error",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        min_impurity_decrease: float = 0.0,
    ) -> None:
        super().__init__(
            criterion=criterion,
            max_depth=max_depth,
            min_samples_split=min_samples_split,
            min_samples_leaf=min_samples_leaf,
            min_impurity_decrease=min_impurity_decrease,
        )

    def fit(self, X: Any, y: Any) -> DecisionTreeRegressor:
        """Grow the tree on ``X`` of shape (n_samples, n_features) and targets ``y`` of shape (n_samples,)."""
        self._check_parameters()
        X = _check_X(X)
        y = _check_y(y, X.shape[0])
        try:
            targets = y.astype(np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"y should hold numbers for a regressor; got dtype {y.dtype}.") from None
        if not np.all(np.isfinite(targets)):
            raise ValueError("y contains NaN or infinite values; every target must be finite.")
        self._grow(X, targets[:, None])
        return self

    def _node_value(self, targets: FloatArray) -> FloatArray:
        mean: FloatArray = targets.mean(axis=0)
        return mean

    def _node_impurity(self, targets: FloatArray) -> float:
        if np.all(targets == targets[0]):
            return 0.0  # pure: all targets equal (the variance of equal floats may round above 0)
        return float(np.mean((targets - targets.mean()) ** 2))

    def _children_impurity(self, sorted_targets: FloatArray) -> FloatArray:
        # Sums of squared deviations from cumulative sums of targets centred on the node's mean, so
        # that a large offset in y does not swamp the deviations.
        centred = sorted_targets[:, :, 0] - sorted_targets[0, :, 0].mean()
        m = centred.shape[1]
        sums = np.cumsum(centred, axis=1)
        squares = np.cumsum(centred * centred, axis=1)
        n_left = np.arange(1, m, dtype=np.float64)
        n_right = m - n_left
        left_sum, right_sum = sums[:, :-1], sums[:, -1:] - sums[:, :-1]
        left_sse = squares[:, :-1] - left_sum * left_sum / n_left
        right_sse = (squares[:, -1:] - squares[:, :-1]) - right_sum * right_sum / n_right
        weighted: FloatArray = left_sse + right_sse
        return weighted

    def predict(self, X: Any) -> FloatArray:
        """The mean target of the leaf each row lands in: shape (n_samples,)."""
        return self._leaf_values(X)[:, 0]


# --------------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------------


def _is_int(value: Any, low: int) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and int(value) >= low


def _check_X(X: Any) -> FloatArray:
    try:
        array = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("X should hold numbers.") from None
    if array.ndim != 2:
        raise ValueError(f"X should be a 2-D array of shape (n_samples, n_features); got {array.ndim} dimension(s).")
    if array.shape[1] == 0:
        raise ValueError("X should have at least one feature; got 0.")
    if not np.all(np.isfinite(array)):
        raise ValueError("X contains NaN or infinite values; every value must be finite.")
    return array


def _check_y(y: Any, n_samples: int) -> npt.NDArray[Any]:
    labels = np.asarray(y)
    if labels.ndim != 1:
        raise ValueError(f"y should be a 1-D array of shape (n_samples,); got {labels.ndim} dimension(s).")
    if labels.shape[0] != n_samples:
        raise ValueError(f"X and y have different numbers of samples: {n_samples} and {labels.shape[0]}.")
    if n_samples == 0:
        raise ValueError("fit needs at least one sample; got 0.")
    return labels
