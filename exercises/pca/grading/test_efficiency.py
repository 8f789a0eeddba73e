"""A vectorised PCA is expected: within a generous multiple of the reference's time.

Each repeat fits a fresh 15,000 x 60 problem; the time runs until every learned attribute, the
projections of 2,000 new rows and their inverse transform are read back, and all of it must equal
the reference's (so a shortcut such as fitting a subsample earns nothing).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from pca_checks import REFERENCE, Fitted, expect_projection, expect_same_fit, read_fitted, trusted_fitted
from pca_strategies import Problem, efficiency_problem

from grader.testing import FloatArray, assert_fast_enough, points

WHAT = "PCA().fit(X of shape (15000, 60)), then transform and inverse_transform of 2,000 new rows"
# The reference's thin SVD takes about 0.1 s; an eigendecomposition of the 60 x 60 covariance is
# faster still. An n_samples x n_samples matrix (full_matrices=True, the covariance of the rows)
# takes far longer than this.
WITHIN = 10.0
Outputs = tuple[Fitted, FloatArray, FloatArray]


@points(2, category="efficiency")
def test_fit_transform_and_inverse_transform_on_15000_rows_are_fast_enough(
    candidate: Any, reference: ModuleType, sandbox: Any
) -> None:
    def candidate_run(sent: tuple[Any, Any, int]) -> Outputs:
        X, other, n_features = sent
        model = candidate.PCA().fit(X)
        fitted = read_fitted(model, what=WHAT, n_features=n_features)
        projected = np.asarray(model.transform(other), dtype=np.float64)
        return fitted, projected, np.asarray(model.inverse_transform(projected), dtype=np.float64)

    def reference_run(problem: Problem) -> Outputs:
        model = reference.PCA().fit(problem.X)
        projected = model.transform(problem.other)
        return trusted_fitted(model), projected, model.inverse_transform(projected)

    def same(actual: Outputs, expected: Outputs, problem: Problem) -> None:
        expect_same_fit(actual[0], expected[0], what=WHAT, source=REFERENCE, n_samples=problem.n_samples)
        expect_projection(actual[1], expected[1], what=f"{WHAT}: transform", source=REFERENCE)
        expect_projection(actual[2], expected[2], what=f"{WHAT}: inverse_transform", source=REFERENCE)

    assert_fast_enough(
        candidate_run,
        reference_run,
        inputs=efficiency_problem,
        prepare=lambda problem: (sandbox.hold(problem.X), sandbox.hold(problem.other), problem.n_features),
        compare=same,
        within=WITHIN,
        what=WHAT,
    )
