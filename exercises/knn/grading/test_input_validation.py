"""Bad input raises ValueError with a message, as the statement lists; "not fitted" may also be an
AttributeError, as long as its message says the model is not fitted (scikit-learn's NotFittedError is both)."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing import points, raises, raises_not_fitted

X = np.arange(12, dtype=np.float64).reshape(6, 2) ** 1.5
Y = np.array([0, 1, 0, 1, 1, 0])
ESTIMATORS = ("KNeighborsClassifier", "KNeighborsRegressor")


@points(2, category="input_validation")
def test_more_neighbours_than_training_points_is_rejected(candidate: Any) -> None:
    for name in ESTIMATORS:
        what = f"{name}(n_neighbors=7).fit(X with 6 rows, y).predict(X)"
        with raises(
            ValueError,
            what=f"{what} (fit or predict must reject n_neighbors > n_samples)",
            match="n_neighbors|neighbo|sample",
        ):
            getattr(candidate, name)(7).fit(X, Y).predict(X)
    model = candidate.KNeighborsClassifier(2).fit(X, Y)
    with raises(
        ValueError, what="kneighbors(X, n_neighbors=7) after fitting 6 rows", match="n_neighbors|neighbo|sample"
    ):
        model.kneighbors(X, n_neighbors=7)
    with raises(
        ValueError,
        what="kneighbors(None, n_neighbors=6) after fitting 6 rows (each point leaves itself out)",
        match="n_neighbors|neighbo|sample",
    ):
        model.kneighbors(None, n_neighbors=6)


@points(1, category="input_validation")
def test_n_neighbors_below_one_or_not_an_integer_is_rejected(candidate: Any) -> None:
    for name in ESTIMATORS:
        for bad in (0, -2, 2.5):
            with raises(ValueError, what=f"{name}(n_neighbors={bad!r}).fit(X, y)", match="n_neighbors"):
                getattr(candidate, name)(bad).fit(X, Y)
        model = getattr(candidate, name)(2).fit(X, Y)
        for bad in (0, -1):
            with raises(ValueError, what=f"{name}(2).fit(X, y).kneighbors(X, n_neighbors={bad})", match="n_neighbors"):
                model.kneighbors(X, n_neighbors=bad)


@points(1, category="input_validation")
def test_unknown_weights_and_p_are_rejected(candidate: Any) -> None:
    for name in ESTIMATORS:
        with raises(ValueError, what=f"{name}(weights='gaussian').fit(X, y)", match="weights"):
            getattr(candidate, name)(3, weights="gaussian").fit(X, Y)
        for p in (3, 0, 1.5):
            with raises(ValueError, what=f"{name}(p={p!r}).fit(X, y) (p must be 1 or 2)", match=r"\bp\b"):
                getattr(candidate, name)(3, p=p).fit(X, Y)


@points(1, category="input_validation")
def test_x_that_is_not_a_finite_2d_array_is_rejected(candidate: Any) -> None:
    with_nan = X.copy()
    with_nan[2, 1] = np.nan
    with_inf = X.copy()
    with_inf[0, 0] = np.inf
    for name in ESTIMATORS:
        with raises(ValueError, what=f"{name}(3).fit(1-D X, y)", match="2-D|2D|dimension|shape"):
            getattr(candidate, name)(3).fit(np.arange(6.0), Y)
        with raises(ValueError, what=f"{name}(3).fit(X with a NaN, y)", match="nan|finite|inf"):
            getattr(candidate, name)(3).fit(with_nan, Y)
        with raises(ValueError, what=f"{name}(3).fit(X with inf, y)", match="nan|finite|inf"):
            getattr(candidate, name)(3).fit(with_inf, Y)
        model = getattr(candidate, name)(3).fit(X, Y)
        with raises(ValueError, what=f"{name}(3).fit(X, y).predict(queries with a NaN)", match="nan|finite|inf"):
            model.predict(with_nan)


@points(1, category="input_validation")
def test_y_of_the_wrong_length_or_not_finite_is_rejected(candidate: Any) -> None:
    for name in ESTIMATORS:
        with raises(ValueError, what=f"{name}(3).fit(X with 6 rows, y with 5 values)"):
            getattr(candidate, name)(3).fit(X, Y[:5])
    with raises(ValueError, what="KNeighborsRegressor(3).fit(X, y with a NaN)", match="nan|finite|inf"):
        candidate.KNeighborsRegressor(3).fit(X, np.array([0.0, 1.0, np.nan, 1.0, 2.0, 3.0]))


@points(1, category="input_validation")
def test_queries_with_another_number_of_features_are_rejected(candidate: Any) -> None:
    for name in ESTIMATORS:
        model = getattr(candidate, name)(3).fit(X, Y)
        for method in ("predict", "kneighbors") + (("predict_proba",) if name == "KNeighborsClassifier" else ()):
            with raises(
                ValueError,
                what=f"{name}(3).fit(X with 2 features, y).{method}(queries with 3 features)",
                match="feature|column|shape",
            ):
                getattr(model, method)(np.ones((4, 3)))


@points(1, category="input_validation")
def test_predicting_before_fit_says_the_model_is_not_fitted(candidate: Any) -> None:
    for name in ESTIMATORS:
        methods = ("predict", "kneighbors") + (("predict_proba",) if name == "KNeighborsClassifier" else ())
        for method in methods:
            with raises_not_fitted(what=f"{name}().{method}(X) before fit"):
                getattr(getattr(candidate, name)(), method)(X)
        with raises_not_fitted(
            what=f"{name}().kneighbors() before fit (X=None: the training points, of which there are none)"
        ):
            getattr(candidate, name)().kneighbors()
