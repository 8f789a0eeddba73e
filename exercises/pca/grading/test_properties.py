"""Invariants every correct PCA has, whatever its algorithm; state across calls; new data after fit."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from pca_checks import (
    SKLEARN,
    all_ratios,
    atol_for,
    expect_fit_matches,
    expect_projection,
    expect_same_fit,
    label,
    read_fitted,
    sklearn_pca,
    trusted_fitted,
)
from pca_strategies import Problem, pca_settings, problems, tall_problems

from grader.testing import CheckFailed, FloatArray, brief, expect_close, expect_equal, points, read_floats, same_object


def _random_rotation(seed: int, size: int) -> FloatArray:
    rotation, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((size, size)))
    return np.asarray(rotation, dtype=np.float64)


def _expect_sign_rule(components: FloatArray, *, what: str) -> None:
    rows = np.arange(components.shape[0])
    largest = components[rows, np.argmax(np.abs(components), axis=1)]
    if bool(np.any(largest <= 0)):
        row = int(np.flatnonzero(largest <= 0)[0])
        raise CheckFailed(
            f"{what} row {row} is {brief(components[row])}: its entry of largest absolute value is negative; "
            "the sign rule makes it positive"
        )


@points(2, category="properties")
@given(problem=tall_problems())
def test_components_are_orthonormal_eigenvectors_of_the_covariance(candidate: Any, problem: Problem) -> None:
    what = "PCA().fit(X)"
    fitted = read_fitted(candidate.PCA().fit(problem.X), what=what, n_features=problem.n_features)
    C, variances = fitted.components, fitted.explained_variance
    if fitted.n_components != problem.n_features:
        raise CheckFailed(f"{what}.n_components_ is {fitted.n_components}; expected all {problem.n_features}")
    expect_close(
        C @ C.T,
        np.eye(C.shape[0]),
        what=f"{what}.components_ @ components_.T",
        atol=1e-9,
        source="the identity: the components should be orthonormal",
    )
    covariance = np.cov(problem.X, rowvar=False).reshape(problem.n_features, problem.n_features)
    expect_close(
        covariance @ C.T,
        C.T * variances,
        what=f"np.cov(X) @ {what}.components_.T",
        rtol=1e-7,
        atol=atol_for(covariance),
        source="components_.T * explained_variance_: each component should be "
        "an eigenvector of the covariance matrix (centred data, n - 1) with its explained variance",
    )
    if bool(np.any(np.diff(variances) > 0)):
        raise CheckFailed(f"{what}.explained_variance_ is {brief(variances)}; expected decreasing order")


@points(1, category="properties")
@given(problem=tall_problems(), whiten=st.booleans())
def test_inverse_transform_undoes_transform_with_every_component(
    candidate: Any, problem: Problem, whiten: bool
) -> None:
    model = candidate.PCA(whiten=whiten).fit(problem.X)
    for rows, which in ((problem.X, "X"), (problem.other, "new rows")):
        expect_close(
            model.inverse_transform(model.transform(rows)),
            rows,
            what=f"{label(None, whiten)}.fit(X): inverse_transform(transform({which}))",
            rtol=1e-7,
            atol=atol_for(rows),
            source=f"{which} itself: with every component kept, inverse_transform undoes transform",
        )


@points(1, category="properties")
@given(problem=problems(), data=st.data())
def test_ratios_are_the_variances_over_the_total_variance(
    candidate: Any, problem: Problem, data: st.DataObject
) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    what = f"{label(n_components, whiten)}.fit(X)"
    fitted = read_fitted(
        candidate.PCA(n_components=n_components, whiten=whiten).fit(problem.X), what=what, n_features=problem.n_features
    )
    total = float(problem.X.var(axis=0, ddof=1).sum())
    expect_close(
        fitted.explained_variance_ratio,
        fitted.explained_variance / total,
        what=f"{what}.explained_variance_ratio_",
        rtol=1e-7,
        atol=1e-12,
        source="explained_variance_ divided by the total variance of X (the sum of its per-feature "
        "variances, n - 1), which counts every component, kept or not",
    )
    expect_close(
        fitted.explained_variance,
        sklearn_pca(problem.X, n_components).explained_variance_,
        what=f"{what}.explained_variance_",
        rtol=1e-7,
        atol=atol_for(fitted.explained_variance),
        source=SKLEARN,
    )
    share = float(fitted.explained_variance_ratio.sum())
    if share > 1.0 + 1e-12:
        raise CheckFailed(f"{what}.explained_variance_ratio_ sums to {share!r}; ratios of one total sum to at most 1")


@points(1, category="properties")
@given(problem=problems(), data=st.data())
def test_projections_are_centred_uncorrelated_with_the_explained_variances(
    candidate: Any, problem: Problem, data: st.DataObject
) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    what = f"{label(n_components, whiten)}.fit_transform(X)"
    expected = sklearn_pca(problem.X, n_components, whiten)
    k = int(expected.n_components_)
    Z = read_floats(
        candidate.PCA(n_components=n_components, whiten=whiten).fit_transform(problem.X),
        what=what,
        shape=(problem.n_samples, k),
    )
    scale = atol_for(expected.explained_variance_[:1])
    expect_close(
        Z.mean(axis=0),
        np.zeros(k),
        what=f"the column means of {what}",
        atol=atol_for(np.sqrt(expected.explained_variance_[:1])),
        source="zeros: projections of the centred training data are centred",
    )
    wanted = np.eye(k) if whiten else np.diag(expected.explained_variance_)
    expect_close(
        np.cov(Z, rowvar=False).reshape(k, k),
        wanted,
        what=f"the covariance of the columns of {what}",
        rtol=1e-7,
        atol=scale,
        source="the identity (whitened)"
        if whiten
        else "diag(explained_variance_): uncorrelated projections with the explained variances",
    )


@points(1, category="properties")
@given(problem=tall_problems(min_features=2), seed=st.integers(0, 2**10))
def test_rotating_the_data_rotates_the_components(candidate: Any, problem: Problem, seed: int) -> None:
    R = _random_rotation(seed, problem.n_features)
    rotated = problem.X @ R.T
    what = "PCA().fit(X @ R.T) for a rotation R"
    first = read_fitted(candidate.PCA().fit(problem.X), what="PCA().fit(X)", n_features=problem.n_features)
    model = candidate.PCA().fit(rotated)
    second = read_fitted(model, what=what, n_features=problem.n_features)
    expect_close(
        second.explained_variance,
        first.explained_variance,
        what=f"{what}.explained_variance_",
        rtol=1e-7,
        atol=atol_for(first.explained_variance),
        source="the variances of PCA().fit(X): a rotation keeps them",
    )
    expect_close(
        np.abs(second.components),
        np.abs(first.components @ R.T),
        what=f"|{what}.components_|",
        atol=1e-8,
        source="|PCA().fit(X).components_ @ R.T|: the components turn with the data",
    )
    _expect_sign_rule(second.components, what=f"{what}.components_")
    expect_close(
        np.abs(read_floats(model.transform(problem.other @ R.T), what=f"{what}.transform(new rows @ R.T)")),
        np.abs(sklearn_pca(problem.X).transform(problem.other)),
        what=f"|{what}.transform(new rows @ R.T)|",
        rtol=1e-7,
        atol=atol_for(problem.other),
        source="the projections of the unrotated rows",
    )
    expect_fit_matches(candidate, problem.X, None, False, sklearn_pca(problem.X), source=SKLEARN)


@points(1, category="properties")
@given(problem=tall_problems(), shift=st.sampled_from([100.0, -2500.0, 1e4]))
def test_shifting_the_data_moves_only_the_mean(candidate: Any, problem: Problem, shift: float) -> None:
    offset = shift * np.linspace(1.0, 2.0, problem.n_features)
    what = "PCA().fit(X + c)"
    moved = candidate.PCA().fit(problem.X + offset)
    expected = sklearn_pca(problem.X)
    expected.mean_ = expected.mean_ + offset
    expect_same_fit(
        read_fitted(moved, what=what, n_features=problem.n_features),
        trusted_fitted(expected),
        what=what,
        source="PCA().fit(X) with mean_ moved by c: a shift changes only the mean",
        n_samples=problem.n_samples,
    )
    expect_projection(
        moved.transform(problem.other + offset),
        expected.transform(problem.other + offset),
        what=f"{what}.transform(new rows + c)",
        source="the projections of the unshifted rows",
    )


@points(1, category="properties")
@given(problem=problems(), data=st.data())
def test_new_rows_are_projected_with_the_training_mean(candidate: Any, problem: Problem, data: st.DataObject) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    expected = sklearn_pca(problem.X, n_components, whiten)
    model = candidate.PCA(n_components=n_components, whiten=whiten).fit(problem.X)
    name = label(n_components, whiten)
    everything = np.vstack([problem.X, problem.other])
    together = expected.transform(everything)
    for start in (problem.n_samples, problem.n_samples + problem.other.shape[0] - 1):
        expect_projection(
            model.transform(everything[start:]),
            together[start:],
            what=f"{name}.fit(X).transform({everything.shape[0] - start} new row(s))",
            source="the projection with the training mean and components (new rows are not centred on their own mean)",
        )
    expect_projection(
        model.transform(everything),
        together,
        what=f"{name}.fit(X).transform(X and new rows), called again",
        source=SKLEARN,
    )


@points(1, category="properties")
@given(first=problems(), second=tall_problems(), whiten=st.booleans())
def test_fitting_again_replaces_everything_the_first_fit_learned(
    candidate: Any, first: Problem, second: Problem, whiten: bool
) -> None:
    model = candidate.PCA(n_components=1, whiten=whiten)
    model.fit(first.X)
    model.transform(first.X)
    model.inverse_transform(np.zeros((2, 1)))
    what = f"{label(1, whiten)} refitted (fit(X1), transform(X1), then fit(X2))"
    expected = sklearn_pca(second.X, 1, whiten)
    model.fit(second.X)
    expect_same_fit(
        read_fitted(model, what=what, n_features=second.n_features),
        trusted_fitted(expected),
        what=what,
        source="a model fitted on X2 alone",
        n_samples=second.n_samples,
    )
    expect_projection(
        model.transform(second.other),
        expected.transform(second.other),
        what=f"{what}.transform(new rows)",
        source="a model fitted on X2 alone",
    )
    expect_projection(
        model.fit_transform(first.X),
        sklearn_pca(first.X, 1, whiten).transform(first.X),
        what=f"{what}, refitted once more with fit_transform(X1)",
        source="a model fitted on X1 alone",
    )


@points(1, category="properties")
@given(problem=tall_problems())
def test_fit_returns_the_fitted_object_itself(candidate: Any, problem: Problem) -> None:
    model = candidate.PCA(n_components=1)
    returned = model.fit(problem.X)
    if not same_object(returned, model):
        shown = "None" if returned is None else "another object"
        raise CheckFailed(f"PCA(n_components=1).fit(X) returned {shown}; expected the object itself (self)")
    expect_fit_matches(candidate, problem.X, 1, False, sklearn_pca(problem.X, 1), source=SKLEARN)


@points(1, category="properties")
@given(problem=tall_problems(), whiten=st.booleans())
def test_fit_transform_and_transform_leave_their_input_unchanged(
    candidate: Any, sandbox: Any, problem: Problem, whiten: bool
) -> None:
    # Arguments are copied into the worker; a held array is the very one the candidate gets, and
    # reading it back afterwards shows it as the candidate left it.
    model = candidate.PCA(whiten=whiten)
    expected = sklearn_pca(problem.X, None, whiten)
    for method, rows in (
        ("fit_transform", problem.X),
        ("transform", problem.other),
        ("inverse_transform", expected.transform(problem.other)),
    ):
        held = sandbox.hold(rows)
        result = getattr(model, method)(held)
        expect_equal(
            np.asarray(sandbox.read(held), dtype=np.float64),
            rows,
            what=f"the argument of {label(None, whiten)}.{method} after the call",
            source="the argument before the call: the input was modified in place",
        )
        wanted = expected.inverse_transform(rows) if method == "inverse_transform" else expected.transform(rows)
        expect_projection(result, wanted, what=f"{label(None, whiten)}.{method}(...)", source=SKLEARN)
