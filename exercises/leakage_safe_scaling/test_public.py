"""Quick self-checks for your ``leakage_safe_scaling.py``: run ``pytest test_public.py`` next to it.

scikit-learn is the oracle where the statement asks for its answer; elsewhere the checks test the
guarantees the statement gives. The hidden grading suite checks much more.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from leakage_safe_scaling import MinMaxScaler, Pipeline, StandardScaler, scaled_cross_val_score
from sklearn import preprocessing
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline

Data = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]


@pytest.fixture
def data() -> Data:
    rng = np.random.default_rng(7)
    X = rng.normal(loc=[0.0, 5.0, -3.0], scale=[1.0, 10.0, 0.1], size=(23, 3))
    y = X @ np.array([1.0, 0.2, -4.0]) + rng.normal(scale=0.5, size=23)
    return X, y


def test_standard_scaler_matches_sklearn(data: Data) -> None:
    X, _ = data
    ours = StandardScaler().fit(X)
    theirs = preprocessing.StandardScaler().fit(X)
    np.testing.assert_allclose(ours.mean_, theirs.mean_, rtol=1e-10)
    np.testing.assert_allclose(ours.scale_, theirs.scale_, rtol=1e-10)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-9, atol=1e-12)


def test_min_max_scaler_matches_sklearn_with_a_custom_range(data: Data) -> None:
    X, _ = data
    ours = MinMaxScaler(feature_range=(-1, 1)).fit(X)
    theirs = preprocessing.MinMaxScaler(feature_range=(-1, 1)).fit(X)
    for name in ("data_min_", "data_max_", "scale_", "min_"):
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), rtol=1e-10)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-9, atol=1e-12)


def test_a_constant_feature_is_centred_not_divided_by_zero() -> None:
    X = np.array([[1.0, 2.0], [3.0, 2.0], [5.0, 2.0]])
    scaled = StandardScaler().fit_transform(X)
    np.testing.assert_array_equal(scaled[:, 1], [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(MinMaxScaler().fit_transform(X)[:, 1], [0.0, 0.0, 0.0])


@pytest.mark.parametrize("Scaler", [StandardScaler, MinMaxScaler])
def test_round_trip_gives_back_x_and_leaves_it_untouched(
    Scaler: type[StandardScaler | MinMaxScaler], data: Data
) -> None:
    X, _ = data
    before = X.copy()
    scaler = Scaler().fit(X)
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(X)), X, rtol=1e-10)
    np.testing.assert_array_equal(X, before)


def test_pipeline_predicts_like_sklearn(data: Data) -> None:
    X, y = data
    ours = Pipeline([("scale", StandardScaler()), ("ridge", Ridge())]).fit(X[:15], y[:15])
    theirs = make_pipeline(preprocessing.StandardScaler(), Ridge()).fit(X[:15], y[:15])
    np.testing.assert_allclose(ours.predict(X[15:]), theirs.predict(X[15:]), rtol=1e-9)


@pytest.mark.parametrize("n_splits", [2, 3, 5])
def test_fold_scores_equal_sklearns(data: Data, n_splits: int) -> None:
    X, y = data
    ours = scaled_cross_val_score(StandardScaler(), Ridge(), X, y, n_splits=n_splits)
    theirs = cross_val_score(make_pipeline(preprocessing.StandardScaler(), Ridge()), X, y, cv=KFold(n_splits))
    np.testing.assert_allclose(ours, theirs, rtol=1e-9)


def test_bad_input_raises_value_error() -> None:
    with pytest.raises(ValueError):
        StandardScaler().fit([[1.0, np.nan]])
    with pytest.raises(ValueError):
        MinMaxScaler(feature_range=(1, 0)).fit([[1.0], [2.0]])
    with pytest.raises(ValueError):
        StandardScaler().fit([[1.0], [2.0]]).transform([[1.0, 2.0, 3.0]])


def test_transform_before_fit_says_not_fitted() -> None:
    with pytest.raises((ValueError, AttributeError), match="not fitted"):
        StandardScaler().transform([[1.0]])


def test_a_column_of_tenths_is_constant_despite_rounding() -> None:
    X = np.array([[0.1, 1.0], [0.1, 2.0], [0.1, 4.0]])  # the mean of the 0.1s is not exactly 0.1
    scaler = StandardScaler().fit(X)
    assert scaler.scale_[0] == 1.0
    np.testing.assert_allclose(scaler.transform(X)[:, 0], 0.0, atol=1e-12)
