"""Bad input raises ValueError with a message, as the statement lists; "not fitted" may also be an
AttributeError, as long as its message says the model is not fitted (scikit-learn's NotFittedError is both)."""

from __future__ import annotations

from typing import Any

import numpy as np
from pca_strategies import build

from grader.testing import points, raises, raises_not_fitted

X = build(np.random.default_rng(11), 12, 4).X  # 12 x 4: min(n_samples, n_features) = 4


@points(1, category="input_validation")
def test_X_that_is_not_2d_is_rejected(candidate: Any) -> None:
    for bad, shown in ((X[:, 0], "a 1-D X"), (X.reshape(3, 4, 4), "a 3-D X")):
        with raises(ValueError, what=f"PCA().fit({shown})"):
            candidate.PCA().fit(bad)


@points(1, category="input_validation")
def test_nan_or_infinity_is_rejected(candidate: Any) -> None:
    for value, name in ((np.nan, "NaN"), (np.inf, "inf")):
        bad = X.copy()
        bad[3, 2] = value
        with raises(ValueError, what=f"PCA().fit(X with a {name})", match=name if name == "NaN" else "inf|finite"):
            candidate.PCA().fit(bad)
        with raises(ValueError, what=f"PCA().fit(X).transform(rows with a {name})"):
            candidate.PCA().fit(X).transform(bad)


@points(1, category="input_validation")
def test_fewer_than_two_samples_or_no_feature_is_rejected(candidate: Any) -> None:
    for bad, shown in ((X[:1], "one sample"), (X[:0], "no sample"), (X[:, :0], "no feature")):
        with raises(ValueError, what=f"PCA().fit(X with {shown})"):
            candidate.PCA().fit(bad)
    with raises(ValueError, what="PCA().fit(X).transform(X with no row)"):
        candidate.PCA().fit(X).transform(X[:0])
    with raises(ValueError, what="PCA(n_components=2).fit(X).inverse_transform(Z with no row)"):
        candidate.PCA(n_components=2).fit(X).inverse_transform(np.zeros((0, 2)))


@points(2, category="input_validation")
def test_an_int_n_components_out_of_range_is_rejected(candidate: Any) -> None:
    for n_components in (0, -1, 5):
        with raises(ValueError, what=f"PCA(n_components={n_components}).fit(X of shape (12, 4))", match="n_components"):
            candidate.PCA(n_components=n_components).fit(X)
    wide = X[:3]
    with raises(ValueError, what="PCA(n_components=4).fit(X of shape (3, 4))", match="n_components"):
        candidate.PCA(n_components=4).fit(wide)


@points(1, category="input_validation")
def test_a_float_n_components_outside_zero_one_is_rejected(candidate: Any) -> None:
    for n_components in (0.0, 1.0, 1.5, -0.25):
        with raises(ValueError, what=f"PCA(n_components={n_components!r}).fit(X)", match="n_components"):
            candidate.PCA(n_components=n_components).fit(X)


@points(1, category="input_validation")
def test_n_components_of_another_type_is_rejected(candidate: Any) -> None:
    for n_components in (True, "mle", "2"):
        with raises(ValueError, what=f"PCA(n_components={n_components!r}).fit(X)", match="n_components"):
            candidate.PCA(n_components=n_components).fit(X)


@points(1, category="input_validation")
def test_another_number_of_features_or_columns_is_rejected(candidate: Any) -> None:
    model = candidate.PCA(n_components=2).fit(X)
    with raises(ValueError, what="PCA(n_components=2).fit(X with 4 features).transform(rows with 3 features)"):
        model.transform(X[:, :3])
    # One column broadcasts against the mean: only an explicit check rejects it.
    with raises(ValueError, what="PCA(n_components=2).fit(X with 4 features).transform(rows with 1 feature)"):
        model.transform(X[:, :1])
    with raises(ValueError, what="PCA(n_components=2).fit(X).inverse_transform(Z with 3 columns)"):
        model.inverse_transform(np.zeros((2, 3)))
    with raises(ValueError, what="PCA(n_components=2).fit(X).inverse_transform(Z with 4 columns, the feature count)"):
        model.inverse_transform(X[:2])
    whitened = candidate.PCA(n_components=2, whiten=True).fit(X)
    with raises(ValueError, what="PCA(n_components=2, whiten=True).fit(X).inverse_transform(Z with 1 column)"):
        whitened.inverse_transform(np.zeros((2, 1)))


@points(2, category="input_validation")
def test_transform_before_fit_says_the_model_is_not_fitted(candidate: Any) -> None:
    with raises_not_fitted(what="PCA().transform(X) before fit"):
        candidate.PCA().transform(X)
    with raises_not_fitted(what="PCA(n_components=2).inverse_transform(Z) before fit"):
        candidate.PCA(n_components=2).inverse_transform(np.zeros((3, 2)))
