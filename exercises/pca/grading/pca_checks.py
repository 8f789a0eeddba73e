"""Shared pieces of the ``pca`` checks: reading a fitted model, trusted fits, comparisons.

A candidate's fit is read back attribute by attribute, as data of the promised shape, and compared
with a trusted fit (the reference or scikit-learn's ``PCA(svd_solver="full")``). The comparisons
say what the usual mistakes look like: a component that is the negative of the expected one (the
sign rule), components or variances in ascending order (``eigh``'s order kept), variances divided
by ``n`` instead of ``n - 1``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.decomposition import PCA as SklearnPCA

from grader.testing import (
    CheckFailed,
    FloatArray,
    brief,
    expect_close,
    quietly,
    read_floats,
    read_number,
    read_whole_number,
)

RTOL = 1e-7
SKLEARN = 'scikit-learn\'s PCA(svd_solver="full")'
REFERENCE = "the reference"
NComponents = int | float | None


@dataclass(frozen=True)
class Fitted:
    """The learned attributes of a fitted PCA, as plain data."""

    n_components: int
    mean: FloatArray
    components: FloatArray
    explained_variance: FloatArray
    explained_variance_ratio: FloatArray
    singular_values: FloatArray
    noise_variance: float


def label(n_components: NComponents = None, whiten: bool = False) -> str:
    """How a call reads in a message: ``PCA(n_components=2, whiten=True)``."""
    return f"PCA(n_components={n_components!r}, whiten={whiten})"


def _attribute(model: Any, name: str, what: str) -> Any:
    try:
        return getattr(model, name)
    except AttributeError:
        raise CheckFailed(f"{what} has no attribute {name!r} after fit") from None


def read_fitted(model: Any, *, what: str, n_features: int) -> Fitted:
    """A candidate's fitted attributes, each checked for type and shape."""
    k = read_whole_number(_attribute(model, "n_components_", what), what=f"{what}.n_components_", low=1)
    vector = (k,)
    return Fitted(
        n_components=k,
        mean=read_floats(_attribute(model, "mean_", what), what=f"{what}.mean_", shape=(n_features,)),
        components=read_floats(
            _attribute(model, "components_", what), what=f"{what}.components_", shape=(k, n_features)
        ),
        explained_variance=read_floats(
            _attribute(model, "explained_variance_", what), what=f"{what}.explained_variance_", shape=vector
        ),
        explained_variance_ratio=read_floats(
            _attribute(model, "explained_variance_ratio_", what), what=f"{what}.explained_variance_ratio_", shape=vector
        ),
        singular_values=read_floats(
            _attribute(model, "singular_values_", what), what=f"{what}.singular_values_", shape=vector
        ),
        noise_variance=read_number(_attribute(model, "noise_variance_", what), what=f"{what}.noise_variance_"),
    )


def trusted_fitted(model: Any) -> Fitted:
    """The attributes of a fitted reference or scikit-learn model."""
    return Fitted(
        n_components=int(model.n_components_),
        mean=np.asarray(model.mean_, dtype=np.float64),
        components=np.asarray(model.components_, dtype=np.float64),
        explained_variance=np.asarray(model.explained_variance_, dtype=np.float64),
        explained_variance_ratio=np.asarray(model.explained_variance_ratio_, dtype=np.float64),
        singular_values=np.asarray(model.singular_values_, dtype=np.float64),
        noise_variance=float(model.noise_variance_),
    )


def sklearn_pca(X: Any, n_components: NComponents = None, whiten: bool = False) -> Any:
    """scikit-learn's ``PCA(svd_solver="full")`` fitted on ``X``."""
    model = SklearnPCA(n_components=n_components, whiten=whiten, svd_solver="full")
    return quietly(model.fit, np.asarray(X, dtype=np.float64))


def all_ratios(X: FloatArray) -> FloatArray:
    """The explained variance ratios of all ``min(n_samples, n_features)`` components."""
    ratios: FloatArray = sklearn_pca(X).explained_variance_ratio_
    return ratios


def atol_for(values: Any) -> float:
    """An absolute tolerance at rounding level for values of this size."""
    array = np.abs(np.asarray(values, dtype=np.float64))
    return 1e-9 * max(1.0, float(array.max()) if array.size else 1.0)


def expect_same_fit(
    actual: Fitted,
    expected: Fitted,
    *,
    what: str,
    source: str,
    n_samples: int,
    unique_rows: int | None = None,
    rtol: float = RTOL,
) -> None:
    """Every attribute of ``actual`` equals ``expected``'s; ``components_`` only in its first
    ``unique_rows`` rows (those whose direction is unique; all rows when None)."""
    if actual.n_components != expected.n_components:
        raise CheckFailed(f"{what}.n_components_ is {actual.n_components}; expected {expected.n_components} ({source})")
    scale = atol_for(expected.explained_variance[:1])
    expect_close(
        actual.mean,
        expected.mean,
        what=f"{what}.mean_",
        rtol=min(rtol, 1e-9),
        atol=atol_for(expected.mean),
        source=source,
    )
    expect_variances(
        actual.explained_variance,
        expected.explained_variance,
        what=f"{what}.explained_variance_",
        source=source,
        n_samples=n_samples,
        atol=scale,
        rtol=rtol,
    )
    expect_close(
        actual.singular_values,
        expected.singular_values,
        what=f"{what}.singular_values_",
        rtol=rtol,
        # A singular value of 0 comes out as sqrt(rounding of the variance): about 1e-8 of the largest.
        atol=1e-7 * max(1e-2, float(expected.singular_values[:1].max(initial=0.0))),
        source=source,
    )
    expect_close(
        actual.explained_variance_ratio,
        expected.explained_variance_ratio,
        what=f"{what}.explained_variance_ratio_",
        rtol=rtol,
        atol=1e-9,
        source=source,
    )
    rows = expected.n_components if unique_rows is None else unique_rows
    expect_components(
        actual.components[:rows], expected.components[:rows], what=f"{what}.components_", source=source, rtol=rtol
    )
    expect_close(
        actual.noise_variance,
        expected.noise_variance,
        what=f"{what}.noise_variance_",
        rtol=rtol,
        atol=scale,
        source=source,
    )


def expect_variances(
    actual: FloatArray, expected: FloatArray, *, what: str, source: str, n_samples: int, atol: float, rtol: float = RTOL
) -> None:
    """Variances equal; the message names the order or the ``n`` divisor when that is the mistake."""
    same = np.isclose(actual, expected, rtol=rtol, atol=atol)
    if bool(np.all(same)):
        return
    if actual.size >= 2 and bool(np.all(np.diff(actual) > 0)):
        raise CheckFailed(
            f"{what} is {brief(actual)}, in increasing order; expected {brief(expected)} ({source}): "
            "components come by decreasing explained variance (np.linalg.eigh returns ascending order)"
        )
    if np.allclose(actual * n_samples / (n_samples - 1), expected, rtol=rtol, atol=atol):
        raise CheckFailed(
            f"{what} is {brief(actual)}; expected {brief(expected)} ({source}): the variances were "
            f"divided by n = {n_samples} instead of n - 1 = {n_samples - 1}"
        )
    expect_close(actual, expected, what=what, rtol=rtol, atol=atol, source=source)


def expect_components(actual: FloatArray, expected: FloatArray, *, what: str, source: str, rtol: float = RTOL) -> None:
    """Rows equal; the message names a flipped sign or a reversed order when that is the mistake."""
    atol = 1e-9 if rtol <= RTOL else rtol
    if actual.shape == expected.shape and actual.size:
        rows_same = np.all(np.isclose(actual, expected, rtol=rtol, atol=atol), axis=1)
        if bool(np.all(rows_same)):
            return
        row = int(np.flatnonzero(~rows_same)[0])
        if np.allclose(actual[row], -expected[row], rtol=rtol, atol=atol):
            raise CheckFailed(
                f"{what} row {row} is {brief(actual[row])}, the negative of the expected "
                f"{brief(expected[row])} ({source}): fix the sign of each component so that its entry "
                "of largest absolute value is positive (the sign rule of the statement)"
            )
        if actual.shape[0] >= 2 and np.allclose(np.abs(actual[::-1]), np.abs(expected), rtol=rtol, atol=atol):
            raise CheckFailed(
                f"{what} holds the expected rows in reverse order ({source}): components come by "
                "decreasing explained variance (np.linalg.eigh returns ascending order)"
            )
    expect_close(actual, expected, what=what, rtol=rtol, atol=atol, source=source)


def expect_projection(
    actual: Any, expected: FloatArray, *, what: str, source: str, columns: int | None = None, rtol: float = RTOL
) -> None:
    """Projections equal (in the first ``columns`` columns); a column of opposite sign is named."""
    values = read_floats(actual, what=what, shape=expected.shape)
    atol = atol_for(expected) if rtol <= RTOL else rtol * max(1.0, float(np.abs(expected).max()))
    kept = expected.shape[1] if columns is None else columns
    values, wanted = values[:, :kept], expected[:, :kept]
    same = np.all(np.isclose(values, wanted, rtol=rtol, atol=atol), axis=0)
    if bool(np.all(same)):
        return
    column = int(np.flatnonzero(~same)[0])
    if np.allclose(values[:, column], -wanted[:, column], rtol=rtol, atol=atol):
        raise CheckFailed(
            f"{what} column {column} has the opposite sign of the expected one ({source}): the sign of "
            "each component must follow the sign rule (largest absolute entry positive)"
        )
    expect_close(values, wanted, what=what, rtol=rtol, atol=atol, source=source)


def expect_fit_matches(
    candidate: Any,
    X: Any,
    n_components: NComponents,
    whiten: bool,
    expected: Any,
    *,
    source: str,
    unique_rows: int | None = None,
) -> Any:
    """Fit the candidate's PCA on ``X``, compare every attribute with the fitted ``expected``,
    and return the candidate's model."""
    data = np.asarray(X, dtype=np.float64)
    what = f"{label(n_components, whiten)}.fit(X of shape {data.shape})"
    model = candidate.PCA(n_components=n_components, whiten=whiten).fit(X)
    actual = read_fitted(model, what=what, n_features=data.shape[1])
    expect_same_fit(
        actual, trusted_fitted(expected), what=what, source=source, n_samples=data.shape[0], unique_rows=unique_rows
    )
    return model
