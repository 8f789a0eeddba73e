"""Bad input raises ``ValueError`` with a message (category ``input_validation``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.linear_model import Ridge

from grader.testing import FloatArray, points, raises, raises_not_fitted

X = np.array([[1.0, 2.0, 3.0], [4.0, 0.5, 6.0], [7.0, 8.0, -9.0], [0.0, 1.5, 2.5]])
NON_FINITE = "nan|finite|infinit"
SCALERS = ("StandardScaler", "MinMaxScaler")


def with_value(value: float) -> FloatArray:
    bad = X.copy()
    bad[1, 2] = value
    return bad


@points(1, category="input_validation")
def test_nan_is_rejected_by_fit_transform_and_fit_transform(candidate: Any) -> None:
    for label in SCALERS:
        with raises(ValueError, what=f"{label}().fit(X with a NaN)", match=NON_FINITE):
            getattr(candidate, label)().fit(with_value(np.nan))
        with raises(ValueError, what=f"{label}().fit_transform(X with a NaN)", match=NON_FINITE):
            getattr(candidate, label)().fit_transform(with_value(np.nan))
        fitted = getattr(candidate, label)()
        fitted.fit(X)
        with raises(ValueError, what=f"{label}().fit(X).transform(X with a NaN)", match=NON_FINITE):
            fitted.transform(with_value(np.nan))


@points(1, category="input_validation")
def test_infinity_is_rejected_by_the_scalers_and_by_scaled_cross_val_score(candidate: Any) -> None:
    for label in SCALERS:
        with raises(ValueError, what=f"{label}().fit(X with an infinity)", match=NON_FINITE):
            getattr(candidate, label)().fit(with_value(np.inf))
        fitted = getattr(candidate, label)()
        fitted.fit(X)
        with raises(ValueError, what=f"{label}().fit(X).transform(X with -infinity)", match=NON_FINITE):
            fitted.transform(with_value(-np.inf))
    with raises(ValueError, what="scaled_cross_val_score(..., X with an infinity, ...)"):
        candidate.scaled_cross_val_score(
            candidate.StandardScaler(), Ridge(), with_value(np.inf), np.arange(4.0), n_splits=2
        )


@points(1, category="input_validation")
def test_a_feature_range_whose_minimum_is_not_below_its_maximum_is_rejected(candidate: Any) -> None:
    for feature_range in ((1, 0), (2, 2), (0.5, -0.5)):
        with raises(ValueError, what=f"MinMaxScaler(feature_range={feature_range}).fit(X)", match="range|min|max"):
            candidate.MinMaxScaler(feature_range=feature_range).fit(X)


@points(1, category="input_validation")
def test_transform_with_a_different_number_of_features_is_rejected(candidate: Any) -> None:
    # Shapes that NumPy would broadcast silently: one feature against three, both ways.
    one_feature, three_features = X[:, :1], X
    for label in SCALERS:
        for fitted_on, given_to, method in (
            (one_feature, three_features, "transform"),
            (three_features, one_feature, "transform"),
            (one_feature, three_features, "inverse_transform"),
        ):
            scaler = getattr(candidate, label)()
            scaler.fit(fitted_on)
            with raises(
                ValueError,
                match="feature|column|shape",
                what=f"{label}().fit(X with {fitted_on.shape[1]} feature(s)).{method}(X "
                f"with {given_to.shape[1]} features)",
            ):
                getattr(scaler, method)(given_to)


@points(1, category="input_validation")
def test_transform_before_fit_says_the_scaler_is_not_fitted(candidate: Any) -> None:
    for label in SCALERS:
        for method in ("transform", "inverse_transform"):
            with raises_not_fitted(what=f"{label}().{method}(X) before fit"):
                getattr(getattr(candidate, label)(), method)(X)


@points(1, category="input_validation")
def test_n_splits_outside_two_to_n_samples_is_rejected(candidate: Any) -> None:
    for n_splits in (1, 0, 5):
        with raises(
            ValueError,
            match="n_splits|split|fold",
            what=f"scaled_cross_val_score(..., X with 4 samples, n_splits={n_splits})",
        ):
            candidate.scaled_cross_val_score(candidate.StandardScaler(), Ridge(), X, np.arange(4.0), n_splits=n_splits)


@points(1, category="input_validation")
def test_x_that_is_not_two_dimensional_is_rejected(candidate: Any) -> None:
    for label in SCALERS:
        with raises(ValueError, what=f"{label}().fit(a 1-D array)"):
            getattr(candidate, label)().fit(np.array([1.0, 2.0, 3.0]))


@points(1, category="input_validation")
def test_fit_transform_and_inverse_transform_validate_their_input_too(candidate: Any) -> None:
    # However fit_transform is written, it rejects what fit rejects.
    with raises(ValueError, what="MinMaxScaler(feature_range=(1, 0)).fit_transform(X)", match="range|min|max"):
        candidate.MinMaxScaler(feature_range=(1, 0)).fit_transform(X)
    for label in SCALERS:
        with raises(ValueError, what=f"{label}().fit_transform(a 1-D array)"):
            getattr(candidate, label)().fit_transform(np.array([1.0, 2.0, 3.0]))
        with raises(ValueError, what=f"{label}().fit_transform(X with an infinity)", match=NON_FINITE):
            getattr(candidate, label)().fit_transform(with_value(np.inf))
        fitted = getattr(candidate, label)()
        fitted.fit(X)
        with raises(ValueError, what=f"{label}().fit(X).inverse_transform(X with a NaN)", match=NON_FINITE):
            fitted.inverse_transform(with_value(np.nan))
    with raises(ValueError, what="scaled_cross_val_score(..., X with a NaN, ...)", match=NON_FINITE):
        candidate.scaled_cross_val_score(
            candidate.StandardScaler(), Ridge(), with_value(np.nan), np.arange(4.0), n_splits=2
        )


@points(1, category="input_validation")
def test_x_without_a_sample_or_a_feature_is_rejected(candidate: Any) -> None:
    for label in SCALERS:
        for shape in ((0, 3), (4, 0)):
            with raises(ValueError, what=f"{label}().fit(X of shape {shape})"):
                getattr(candidate, label)().fit(np.zeros(shape))


@points(1, category="input_validation")
def test_n_splits_that_is_not_a_whole_number_is_rejected(candidate: Any) -> None:
    for n_splits in (2.5, "3"):
        with raises(
            ValueError,
            match="n_splits|split|fold|integer",
            what=f"scaled_cross_val_score(..., X with 4 samples, n_splits={n_splits!r})",
        ):
            candidate.scaled_cross_val_score(candidate.StandardScaler(), Ridge(), X, np.arange(4.0), n_splits=n_splits)


@points(1, category="input_validation")
def test_y_with_another_number_of_entries_than_x_has_rows_is_rejected(candidate: Any) -> None:
    for n_targets in (3, 5):
        with raises(ValueError, what=f"scaled_cross_val_score(..., X with 4 rows, y with {n_targets} entries)"):
            candidate.scaled_cross_val_score(
                candidate.StandardScaler(), Ridge(), X, np.arange(float(n_targets)), n_splits=2
            )
