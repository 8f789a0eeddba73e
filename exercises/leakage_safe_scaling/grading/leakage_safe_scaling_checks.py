"""Shared pieces of the ``leakage_safe_scaling`` checks: building scalers, comparing attributes.

A candidate scaler and its trusted counterpart are compared attribute by attribute with
``expect_close``, whose message names the attribute and the first entry that differs.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np
from hypothesis import strategies as st
from sklearn import preprocessing
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline

from grader.testing import Array, FloatArray, expect_close, quietly, read_array, remembered

RTOL, ATOL = 1e-9, 1e-9
SKLEARN = "scikit-learn"
STANDARD_ATTRIBUTES = ("mean_", "scale_")
MIN_MAX_ATTRIBUTES = ("data_min_", "data_max_", "scale_", "min_")

scaler_kinds = st.sampled_from(["StandardScaler", "MinMaxScaler"])


def make_scaler(candidate: Any, kind: str, feature_range: tuple[float, float]) -> tuple[Any, str]:
    """A candidate scaler of ``kind`` (``"StandardScaler"`` or ``"MinMaxScaler"``) and its label."""
    if kind == "MinMaxScaler":
        return candidate.MinMaxScaler(feature_range=feature_range), f"MinMaxScaler({feature_range})"
    return candidate.StandardScaler(), "StandardScaler()"


def sklearn_scaler(kind: str, feature_range: tuple[float, float]) -> Any:
    """scikit-learn's scaler of ``kind``, unfitted."""
    if kind == "MinMaxScaler":
        return preprocessing.MinMaxScaler(feature_range=feature_range)
    return preprocessing.StandardScaler()


def expect_attributes(fitted: Any, expected: Any, names: tuple[str, ...], label: str, *, source: str = SKLEARN) -> None:
    """Each learned attribute of ``fitted`` is close to the same attribute of ``expected``."""
    for name in names:
        expect_close(
            getattr(fitted, name),
            getattr(expected, name),
            rtol=RTOL,
            atol=ATOL,
            what=f"{label}.fit(X).{name}",
            source=source,
        )


def sklearn_scores(scaler: Any, estimator: Any, X: FloatArray, y: Array, n_splits: int) -> FloatArray:
    """scikit-learn's fold scores of ``make_pipeline(scaler, estimator)`` with unshuffled KFold."""
    return _pipeline_scores(_spec(scaler), _spec(estimator), X, y, n_splits)


Spec = tuple[str, dict[str, Any]]


def _spec(estimator: Any) -> Spec:
    """An unfitted scikit-learn estimator as plain data: its import path and its parameters."""
    kind = type(estimator)
    return f"{kind.__module__}.{kind.__qualname__}", estimator.get_params(deep=False)


def _built(spec: Spec) -> Any:
    path, params = spec
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)(**params)


@remembered  # the same folds of the same data give the same scores: computed once per input
def _pipeline_scores(scaler: Spec, estimator: Spec, X: FloatArray, y: Array, n_splits: int) -> FloatArray:
    pipeline = make_pipeline(_built(scaler), _built(estimator))
    scores: FloatArray = quietly(cross_val_score, pipeline, X, y, cv=KFold(n_splits))
    return scores


def ridge_scores(scaler: Any, X: FloatArray, y: FloatArray, n_splits: int, alpha: float = 1.0) -> FloatArray:
    """scikit-learn's fold scores of ``make_pipeline(scaler, Ridge(alpha))``."""
    return sklearn_scores(scaler, Ridge(alpha=alpha), X, y, n_splits)


def read_scaled(value: Any, *, what: str) -> FloatArray:
    """A candidate's scaled matrix as a float64 array (NaN kept, for the comparison to name)."""
    array: FloatArray = read_array(value, what=what, kinds="fiub").astype(np.float64)
    return array
