"""Shared pieces of the ``imputation`` checks: scikit-learn oracles and reading candidate results.

The oracles take and return plain data (``remembered``: computed once per input for every
submission). Candidate outputs are read as float64 arrays and compared with ``expect_close``,
whose message names the call and the first entry that differs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn import impute
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline

from grader.testing import FloatArray, expect_close, quietly, read_array, remembered

SKLEARN = "scikit-learn"
RTOL, ATOL = 1e-9, 1e-9


def read_matrix(value: Any, *, what: str) -> FloatArray:
    """A candidate's 2-D output as float64 (NaN kept, for the comparison to name)."""
    array: FloatArray = read_array(value, what=what, kinds="fiub", ndim=2).astype(np.float64)
    return array


def simple_label(
    strategy: str, *, fill_value: float | None = None, add_indicator: bool = False, keep: bool = False
) -> str:
    """How a SimpleImputer is written in messages."""
    parts = [f"strategy={strategy!r}"]
    if fill_value is not None:
        parts.append(f"fill_value={fill_value!r}")
    if add_indicator:
        parts.append("add_indicator=True")
    if keep:
        parts.append("keep_empty_features=True")
    return f"SimpleImputer({', '.join(parts)})"


@remembered
def sklearn_simple(
    X: FloatArray, new: FloatArray, strategy: str, fill_value: float | None, add_indicator: bool, keep: bool
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """scikit-learn's ``statistics_`` (float64), ``transform(X)`` and ``transform(new)``."""
    model = impute.SimpleImputer(
        strategy=strategy, fill_value=fill_value, add_indicator=add_indicator, keep_empty_features=keep
    )
    quietly(model.fit, X)
    return (
        np.asarray(model.statistics_, dtype=np.float64),
        np.asarray(quietly(model.transform, X), dtype=np.float64),
        np.asarray(quietly(model.transform, new), dtype=np.float64),
    )


@remembered
def sklearn_indicator(X: FloatArray, new: FloatArray, features: str) -> tuple[Any, Any, Any]:
    """scikit-learn's ``features_`` (int64), ``transform(X)`` and ``transform(new)`` (bool),
    without the error on new missing features (the statement's rule)."""
    model = impute.MissingIndicator(features=features, error_on_new=False).fit(X)
    return model.features_.astype(np.int64), model.transform(X), model.transform(new)


@remembered
def sklearn_knn(X: FloatArray, new: FloatArray, n_neighbors: int, weights: str) -> tuple[FloatArray, FloatArray]:
    """scikit-learn's ``KNNImputer`` ``transform(X)`` and ``transform(new)``."""
    model = impute.KNNImputer(n_neighbors=n_neighbors, weights=weights).fit(X)
    return model.transform(X), model.transform(new)


@remembered
def sklearn_cv_scores(X: FloatArray, y: FloatArray, cv: int, strategy: str, alpha: float) -> FloatArray:
    """scikit-learn's ``cross_val_score(make_pipeline(SimpleImputer, Ridge), cv=KFold(cv))``."""
    pipeline = make_pipeline(impute.SimpleImputer(strategy=strategy), Ridge(alpha=alpha))
    scores: FloatArray = quietly(cross_val_score, pipeline, X, y, cv=KFold(cv))
    return scores


@remembered
def sklearn_fold_imputation(X_train: FloatArray, X_test: FloatArray) -> tuple[FloatArray, FloatArray]:
    """A mean ``SimpleImputer`` fitted on ``X_train``: its transform of the training and test rows."""
    model = quietly(impute.SimpleImputer().fit, X_train)
    return quietly(model.transform, X_train), quietly(model.transform, X_test)


def expect_matrix(actual: Any, expected: FloatArray, *, what: str, source: str = SKLEARN, rtol: float = RTOL) -> None:
    """``actual`` read as a float64 matrix equals ``expected`` up to rounding (shape first)."""
    result = read_matrix(actual, what=what)
    expect_close(result, expected, rtol=rtol, atol=ATOL, what=what, source=source)


def nan_safe_key(row: Any) -> tuple[float | None, ...]:
    """A hashable key for a row that may hold NaN (NaN becomes None, so equal rows have equal keys)."""
    return tuple(None if np.isnan(value) else float(value) for value in np.asarray(row, dtype=np.float64))
