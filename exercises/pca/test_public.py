"""Quick self-checks for your ``pca.py``: run ``pytest test_public.py`` next to it.

scikit-learn's ``PCA(svd_solver="full")`` is the oracle; the data has well-separated variances, so
every component is unique up to its sign, and the sign rule of the statement fixes that. The hidden
grading suite checks much more.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from pca import PCA
from sklearn import decomposition

ATTRIBUTES = (
    "components_",
    "explained_variance_",
    "explained_variance_ratio_",
    "singular_values_",
    "mean_",
    "n_components_",
    "noise_variance_",
)


@pytest.fixture
def X() -> npt.NDArray[np.float64]:
    rng = np.random.default_rng(3)
    # Variances 16, 4, 1, 0.25 along a random rotation, shifted away from zero.
    axes, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    X: npt.NDArray[np.float64] = rng.normal(size=(40, 4)) * np.array([4.0, 2.0, 1.0, 0.5]) @ axes.T
    shifted: npt.NDArray[np.float64] = X + np.array([5.0, -3.0, 0.0, 10.0])
    return shifted


@pytest.mark.parametrize("n_components", [None, 2, 0.8])
@pytest.mark.parametrize("whiten", [False, True])
def test_attributes_and_projections_match_sklearn(
    X: npt.NDArray[np.float64], n_components: int | float | None, whiten: bool
) -> None:
    ours = PCA(n_components=n_components, whiten=whiten).fit(X)
    theirs = decomposition.PCA(n_components=n_components, whiten=whiten, svd_solver="full").fit(X)
    for name in ATTRIBUTES:
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), rtol=1e-7, atol=1e-10, err_msg=name)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-7, atol=1e-9)
    Z = ours.transform(X[:5])
    np.testing.assert_allclose(ours.inverse_transform(Z), theirs.inverse_transform(Z), rtol=1e-7, atol=1e-9)


def test_the_worked_example() -> None:
    X = np.array([[2.0, 0.0], [0.0, 1.0], [4.0, 5.0], [6.0, 2.0]])
    pca = PCA(n_components=1).fit(X)
    np.testing.assert_allclose(pca.components_, [[0.82192562, 0.56959484]], rtol=1e-7)
    np.testing.assert_allclose(pca.explained_variance_, [8.51466792], rtol=1e-7)
    assert pca.n_components_ == 1
    assert PCA(n_components=0.9).fit(X).n_components_ == 2


def test_round_trip_with_every_component_gives_x_back(X: npt.NDArray[np.float64]) -> None:
    for whiten in (False, True):
        pca = PCA(whiten=whiten).fit(X)
        np.testing.assert_allclose(pca.inverse_transform(pca.transform(X)), X, rtol=1e-9, atol=1e-9)


def test_bad_input_raises_value_error(X: npt.NDArray[np.float64]) -> None:
    with pytest.raises(ValueError):
        PCA(n_components=5).fit(X)
    with pytest.raises(ValueError):
        PCA(n_components=1.0).fit(X)
    with pytest.raises(ValueError):
        PCA().fit(X).transform(X[:, :3])


def test_transform_before_fit_says_not_fitted(X: npt.NDArray[np.float64]) -> None:
    with pytest.raises((ValueError, AttributeError), match="not fitted"):
        PCA().transform(X)
