"""``input_validation``: bad input raises ``ValueError`` with a message, as the statement says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge

from grader.testing import CandidateRaised, CheckFailed, points, raises, raises_not_fitted, read_array

nan = np.nan
X = np.array([[1.0, nan], [2.0, 3.0], [nan, 5.0], [4.0, 6.0]])


def _objects(candidate: Any) -> list[tuple[str, Any]]:
    return [
        ("SimpleImputer()", candidate.SimpleImputer()),
        ("MissingIndicator()", candidate.MissingIndicator()),
        ("KNNImputer()", candidate.KNNImputer()),
    ]


@points(2, category="input_validation")
def test_bad_x_is_rejected_by_fit_and_transform(candidate: Any) -> None:
    bad = (
        ("a 1-D X", np.array([1.0, nan, 2.0])),
        ("an X with no row", np.empty((0, 2))),
        ("an X with no feature", np.empty((3, 0))),
        ("an X holding infinity", np.array([[1.0, np.inf], [2.0, 3.0]])),
    )
    for label, model in _objects(candidate):
        for name, data in bad:
            with raises(ValueError, what=f"{label}.fit({name})"):
                model.fit(data)
        fitted = model.fit(X)
        for name, data in (
            *bad,
            ("an X with 3 features (fitted with 2)", np.ones((2, 3))),
            ("an X with 1 feature (fitted with 2)", np.array([[nan], [1.0]])),
        ):
            with raises(ValueError, what=f"{label}.fit(X).transform({name})"):
                fitted.transform(data)


@points(2, category="input_validation")
def test_bad_parameters_are_rejected_in_fit(candidate: Any) -> None:
    cases = (
        ("SimpleImputer(strategy='mode')", lambda: candidate.SimpleImputer(strategy="mode")),
        ("SimpleImputer(missing_values=-1)", lambda: candidate.SimpleImputer(missing_values=-1)),
        ("SimpleImputer(missing_values=-1.0)", lambda: candidate.SimpleImputer(missing_values=-1.0)),
        (
            "SimpleImputer(strategy='constant', fill_value='zero')",
            lambda: candidate.SimpleImputer(strategy="constant", fill_value="zero"),
        ),
        ("MissingIndicator(features='some')", lambda: candidate.MissingIndicator(features="some")),
        ("KNNImputer(n_neighbors=0)", lambda: candidate.KNNImputer(n_neighbors=0)),
        ("KNNImputer(n_neighbors=2.5)", lambda: candidate.KNNImputer(n_neighbors=2.5)),
        ("KNNImputer(weights='gaussian')", lambda: candidate.KNNImputer(weights="gaussian")),
    )
    build: Callable[[], Any]
    for label, build in cases:
        with raises(ValueError, what=f"{label}.fit(X)"):
            build().fit(X)


@points(1, category="input_validation")
def test_transform_before_fit_says_not_fitted(candidate: Any) -> None:
    for label, model in _objects(candidate):
        with raises_not_fitted(what=f"{label}.transform(X) before fit"):
            model.transform(X)


@points(1, category="input_validation")
def test_bad_cross_validation_arguments_are_rejected(candidate: Any) -> None:
    y = np.arange(4.0)
    for cv in (1, 5, 2.0):
        with raises(ValueError, what=f"imputed_cross_val_score(..., X with 4 rows, cv={cv!r})"):
            candidate.imputed_cross_val_score(SimpleImputer(), Ridge(), X, y, cv=cv)
    with raises(ValueError, what="imputed_cross_val_score(..., X with 4 rows, y with 3 entries, cv=2)"):
        candidate.imputed_cross_val_score(SimpleImputer(), Ridge(), X, y[:3], cv=2)
    # The upper bound is allowed: cv=n_samples is leave-one-out, as KFold(n_samples) gives.
    what = "imputed_cross_val_score(..., X with 4 rows, cv=4) (cv may equal n_samples)"
    try:
        scores = candidate.imputed_cross_val_score(SimpleImputer(), Ridge(), X, y, cv=4)
    except CandidateRaised as error:
        raise CheckFailed(f"{what} raised {error.remote_type}({str(error).strip()[:200]!r})") from None
    read_array(scores, what=what, ndim=1, shape=(4,))
