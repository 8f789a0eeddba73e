"""Bad input raises ValueError with a message, as the statement lists."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing import points, raises, raises_not_fitted

X = np.array([[0.0, 1.0], [1.5, 0.5], [3.0, 2.5], [4.5, 4.0], [6.0, 3.5]])
# An explicit start keeps k-means++ sampling (whose own errors could pass for validation) out of the
# way, and the message must say what is wrong with the values.
NOT_FINITE = r"nan|inf|finite"
# A message about the number of clusters names it.
N_CLUSTERS = r"n_clusters|clusters"


@points(1, category="input_validation")
def test_zero_clusters_is_rejected(candidate: Any) -> None:
    with raises(ValueError, what="KMeans(n_clusters=0).fit(X)"):
        candidate.KMeans(n_clusters=0).fit(X)


@points(2, category="input_validation")
def test_more_clusters_than_samples_is_rejected(candidate: Any) -> None:
    with raises(ValueError, what="KMeans(n_clusters=6).fit(X with 5 samples)"):
        candidate.KMeans(n_clusters=6).fit(X)
    with raises(ValueError, what="kmeans_plusplus(X with 5 samples, 6)"):
        candidate.kmeans_plusplus(X, 6)


@points(2, category="input_validation")
def test_x_that_is_not_two_dimensional_is_rejected(candidate: Any) -> None:
    with raises(ValueError, what="KMeans(n_clusters=2).fit(X of shape (5,))"):
        candidate.KMeans(n_clusters=2).fit(X[:, 0])
    with raises(ValueError, what="KMeans(n_clusters=2).fit(X of shape (5, 2, 1))"):
        candidate.KMeans(n_clusters=2).fit(X[:, :, None])


@points(1, category="input_validation")
def test_nan_in_x_is_rejected(candidate: Any) -> None:
    bad = X.copy()
    bad[2, 1] = np.nan
    with raises(ValueError, what="KMeans(n_clusters=2, init=<array>).fit(X with a NaN)", match=NOT_FINITE):
        candidate.KMeans(n_clusters=2, init=X[:2].copy()).fit(bad)


@points(1, category="input_validation")
def test_infinite_value_in_x_is_rejected(candidate: Any) -> None:
    bad = X.copy()
    bad[3, 0] = -np.inf
    with raises(ValueError, what="KMeans(n_clusters=2, init=<array>).fit(X with -inf)", match=NOT_FINITE):
        candidate.KMeans(n_clusters=2, init=X[:2].copy()).fit(bad)


@points(2, category="input_validation")
def test_init_array_of_the_wrong_shape_is_rejected(candidate: Any) -> None:
    with raises(ValueError, what="KMeans(n_clusters=3, init=<array of shape (2, 2)>).fit(X)"):
        candidate.KMeans(n_clusters=3, init=X[:2].copy()).fit(X)
    with raises(ValueError, what="KMeans(n_clusters=2, init=<array of shape (2, 3)>).fit(X)"):
        candidate.KMeans(n_clusters=2, init=np.zeros((2, 3))).fit(X)


@points(1, category="input_validation")
def test_unknown_init_string_is_rejected(candidate: Any) -> None:
    with raises(ValueError, what="KMeans(n_clusters=2, init='kmeans').fit(X)"):
        candidate.KMeans(n_clusters=2, init="kmeans").fit(X)


@points(1, category="input_validation")
def test_predict_before_fit_says_the_model_is_not_fitted(candidate: Any) -> None:
    with raises_not_fitted(what="KMeans(n_clusters=2).predict(X) before fit (should say the model is not fitted)"):
        candidate.KMeans(n_clusters=2).predict(X)


@points(1, category="input_validation")
def test_n_clusters_out_of_range_is_rejected_whatever_the_init(candidate: Any) -> None:
    # Checked in fit itself, not only on the way through k-means++: the message names n_clusters.
    for n_clusters, start in ((6, "random"), (6, np.vstack([X, X[:1] + 1.0])), (0, "random"), (0, np.zeros((0, 2)))):
        shown = repr(start) if isinstance(start, str) else f"<array of shape {start.shape}>"
        what = f"KMeans(n_clusters={n_clusters}, init={shown}).fit(X with 5 samples)"
        with raises(ValueError, what=what, match=N_CLUSTERS):
            candidate.KMeans(n_clusters=n_clusters, init=start).fit(X)
    for n_clusters in (6, 0):
        with raises(ValueError, what=f"kmeans_plusplus(X with 5 samples, {n_clusters})", match=N_CLUSTERS):
            candidate.kmeans_plusplus(X, n_clusters)


@points(1, category="input_validation")
def test_kmeans_plusplus_rejects_x_that_is_not_a_finite_matrix(candidate: Any) -> None:
    bad = X.copy()
    bad[1, 0] = np.nan
    with raises(ValueError, what="kmeans_plusplus(X with a NaN, 2)", match=NOT_FINITE):
        candidate.kmeans_plusplus(bad, 2)
    with raises(ValueError, what="kmeans_plusplus(X of shape (5, 2, 1), 2)"):
        candidate.kmeans_plusplus(X[:, :, None], 2)


@points(1, category="input_validation")
def test_predict_with_a_different_number_of_features_is_rejected(candidate: Any) -> None:
    model = candidate.KMeans(n_clusters=2, init=X[:2].copy()).fit(X)
    with raises(ValueError, what="KMeans(n_clusters=2).fit(X with 2 features).predict(X with 3 features)"):
        model.predict(np.zeros((4, 3)))
