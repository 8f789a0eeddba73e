"""The corners the statement names: overflow, separable data, odd features, extreme ``C``."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
from logistic_regression_calls import failing_as
from logistic_regression_oracle import (
    MAX_ITER,
    best_optimum,
    expect_optimal_objective,
    expect_stationary,
    fitted_parameters,
    reference_optimum,
)
from logistic_regression_problems import (
    OVERSHOOT_C,
    OVERSHOOT_MAX_ITER,
    OVERSHOOT_X,
    OVERSHOOT_Y,
    Problem,
    make_problem,
    symmetric_problem,
)

from grader.testing import CandidateRaised, CheckFailed, brief, expect_close, expect_equal, points

EXTREME_Z = np.array([-1e308, -1e4, -800.0, -710.0, -40.0, 0.0, 40.0, 710.0, 800.0, 1e4, 1e308])
# The base problem: 150 rows, 3 features, 70% positives, 10% of labels flipped.
BASE = make_problem(150, 3, 0.7, 0.1, 1.0, seed=7)


def _without_warnings(sandbox: Any, call: Callable[..., Any], *args: Any, what: str) -> Any:
    """Run ``call(*args)`` in the worker under numpy.testing.assert_no_warnings; return its result."""
    try:
        return sandbox.worker_call("numpy.testing.assert_no_warnings", call, *args)
    except CandidateRaised as error:
        if not isinstance(error, AssertionError) or "warnings" not in str(error):
            raise
        # NumPy's own message shows only object addresses, which would make reports differ per run.
        raise CheckFailed(
            f"{what} emitted a warning; expected none. NumPy warns when exp overflows: use a form "
            "of the sigmoid that never takes exp of a large positive number"
        ) from None


def _fit(candidate: Any, problem: Problem, C: float, context: str = "") -> tuple[Any, str]:
    """Fit with the suite's larger ``max_iter``; a crash fails the check naming the input (``context``)."""
    what = f"LogisticRegression(C={C:g}, max_iter={MAX_ITER}).fit(X, y){context}"
    with failing_as(what):
        model = candidate.LogisticRegression(C=C, max_iter=MAX_ITER).fit(problem.X, problem.y)
    return model, what


@points(2, category="edge_cases")
def test_sigmoid_of_extreme_inputs_is_exact_and_raises_no_overflow_warning(
    candidate: Any, reference: ModuleType, sandbox: Any
) -> None:
    values = _without_warnings(sandbox, candidate.sigmoid, EXTREME_Z, what=f"sigmoid(z) for z={EXTREME_Z.tolist()}")
    expect_close(values, reference.sigmoid(EXTREME_Z), what=f"sigmoid({EXTREME_Z.tolist()})", rtol=1e-9, atol=1e-15)


@points(2, category="edge_cases")
def test_probabilities_far_from_the_boundary_raise_no_overflow_warning(
    candidate: Any, reference: ModuleType, sandbox: Any
) -> None:
    model = candidate.LogisticRegression().fit(BASE.X, BASE.y)
    far = 1e4 * BASE.X[:6]  # decision values in the thousands, both signs
    what = "predict_proba(X) for rows 10,000 times the training scale"
    # The function from the class, called with the model: a bound method cannot be passed along.
    predict_proba = candidate.LogisticRegression.predict_proba
    proba = _without_warnings(sandbox, predict_proba, model, far, what=what)
    expected = reference.LogisticRegression(tol=1e-10).fit(BASE.X, BASE.y).predict_proba(far)
    expect_close(proba, expected, what=what, rtol=1e-6, atol=1e-12)


@points(2, category="edge_cases")
def test_perfectly_separable_data_gives_finite_coefficients_at_the_optimum(
    candidate: Any, reference: ModuleType
) -> None:
    rng = np.random.default_rng(3)
    X = rng.standard_normal((80, 2))
    direction = np.array([1.0, -2.0]) / np.sqrt(5.0)
    y = (X @ direction > 0).astype(np.int64)
    X += 0.5 * np.where(y == 1, 1.0, -1.0)[:, None] * direction  # a margin of 0.5 either side
    for C in (1.0, 100.0):
        what = f"LogisticRegression(C={C:g}, max_iter={MAX_ITER}).fit(X, y) on separable data"
        model = candidate.LogisticRegression(C=C, max_iter=MAX_ITER).fit(X, y)
        fitted_parameters(model, 2, what=what)
        expect_optimal_objective(model, X, y, C, best_optimum(reference, X, y, C), what=what)
        expect_equal(
            model.predict(X), y, what=f"{what}, predict(X)", source="the training labels (the data are separable)"
        )


@points(2, category="edge_cases")
def test_a_constant_feature_gets_a_zero_coefficient(candidate: Any, reference: ModuleType) -> None:
    # With an intercept, a constant column only duplicates it; the penalty then zeroes its weight. A column
    # of 0.1s is constant too, though 0.1 has no exact binary form: its variance computes as about 1e-34.
    for value in (1.0, 0.1):
        X = np.column_stack([BASE.X[:, 0], np.full(BASE.X.shape[0], value), BASE.X[:, 1]])
        problem = Problem(X=X, y=BASE.y, C=1.0, seed=BASE.seed)
        model, what = _fit(candidate, problem, 1.0, f" with a constant column of {value:g}s")
        coef, _ = fitted_parameters(model, 3, what=what)
        if not abs(coef[1]) <= 1e-3:
            raise CheckFailed(
                f"{what}: coef_[0, 1], the constant column's weight, is {coef[1]:.6g}; "
                "expected 0 (the intercept already does its job and the weight is "
                f"penalised). coef_={brief(coef)}"
            )
        expect_optimal_objective(model, X, BASE.y, 1.0, best_optimum(reference, X, BASE.y, 1.0), what=what)


@points(2, category="edge_cases")
def test_a_single_feature_is_fitted_to_the_optimum(candidate: Any, reference: ModuleType) -> None:
    X = BASE.X[:, :1].copy()
    model = candidate.LogisticRegression().fit(X, BASE.y)
    what = "LogisticRegression().fit(X, y) with one feature"
    expect_optimal_objective(model, X, BASE.y, 1.0, best_optimum(reference, X, BASE.y, 1.0), what=what)
    expect_close(
        model.predict_proba(X[:4]),
        reference.LogisticRegression(tol=1e-10).fit(X, BASE.y).predict_proba(X[:4]),
        what=f"{what}, predict_proba(X[:4])",
        rtol=0.0,
        atol=1e-4,
    )


@points(2, category="edge_cases")
def test_large_feature_values_are_fitted_without_overflow(candidate: Any, reference: ModuleType) -> None:
    problem = symmetric_problem(60, 3, 1e4, 1.0, seed=11)
    model, what = _fit(candidate, problem, 1.0, " with feature values around 10,000")
    expect_optimal_objective(
        model, problem.X, problem.y, 1.0, best_optimum(reference, problem.X, problem.y, 1.0), what=what
    )
    proba = np.asarray(model.predict_proba(problem.X), dtype=float)
    if not np.all(np.isfinite(proba)):
        raise CheckFailed(f"{what}, predict_proba(X) returned non-finite values: {brief(proba)}")


@points(2, category="edge_cases")
def test_very_small_C_shrinks_the_coefficients_and_keeps_the_base_rate(candidate: Any, reference: ModuleType) -> None:
    C = 1e-4
    model, what = _fit(candidate, BASE, C)
    coef, intercept = fitted_parameters(model, 3, what=what)
    share = float(BASE.y.mean())
    expected_intercept = float(np.log(share / (1.0 - share)))
    # At the optimum w = C * X^T (y - p), so |w| is at most C * sum(|x|): about 0.01 here.
    bound = C * float(np.abs(BASE.X).sum(axis=0).max())
    if not np.all(np.abs(coef) <= bound):
        raise CheckFailed(
            f"{what}: coef_={brief(coef)}; with C={C:g} (strong regularisation: C is "
            f"the inverse of the penalty's strength) every entry should be at most "
            f"{bound:.3g} in size"
        )
    if not abs(intercept - expected_intercept) <= 1e-2:
        raise CheckFailed(
            f"{what}: intercept_ is {intercept:.6g}; with the weights shrunk to "
            f"nearly 0 it should be close to log(share / (1 - share)) = "
            f"{expected_intercept:.6g} (is the intercept penalised?)"
        )
    expect_stationary(model, BASE.X, BASE.y, C, fit_intercept=True, what=what)


@points(2, category="edge_cases")
def test_very_large_C_reaches_the_unpenalised_optimum(candidate: Any, reference: ModuleType) -> None:
    C = 1e4
    model, what = _fit(candidate, BASE, C)
    expect_optimal_objective(model, BASE.X, BASE.y, C, best_optimum(reference, BASE.X, BASE.y, C), what=what)
    expect_stationary(model, BASE.X, BASE.y, C, fit_intercept=True, what=what)


@points(2, category="edge_cases")
def test_a_nearly_separable_problem_where_a_full_newton_step_overshoots(candidate: Any, reference: ModuleType) -> None:
    X, y, C = OVERSHOOT_X, OVERSHOOT_Y, OVERSHOOT_C
    what = (
        f"LogisticRegression(C={C:g}, max_iter={OVERSHOOT_MAX_ITER}).fit(X, y) on 11 nearly separable points, "
        "where a full Newton step from 0 overshoots (a line search or another safeguard is needed)"
    )
    with failing_as(what):
        model = candidate.LogisticRegression(C=C, max_iter=OVERSHOOT_MAX_ITER).fit(X, y)
    expect_optimal_objective(model, X, y, C, best_optimum(reference, X, y, C), what=what)
    expect_stationary(model, X, y, C, fit_intercept=True, what=what)


@points(1, category="edge_cases")
def test_plain_python_lists_are_accepted(candidate: Any, reference: ModuleType) -> None:
    labels = np.where(BASE.y == 1, "yes", "no")
    queries = BASE.X[:5]
    what = "LogisticRegression().fit(X, y) with X and y given as Python lists"
    with failing_as(what, hint="; X and y may be any array-likes, lists included"):
        model = candidate.LogisticRegression().fit(BASE.X.tolist(), labels.tolist())
        expected = reference.LogisticRegression(tol=1e-10).fit(BASE.X, labels)
        expect_equal(model.classes_, expected.classes_, what=f"{what}: classes_")
        expect_close(
            model.predict_proba(queries.tolist()),
            expected.predict_proba(queries),
            what=f"{what}: predict_proba(a list of 5 rows)",
            rtol=0.0,
            atol=1e-4,
        )
        expect_equal(
            model.predict(queries.tolist()), expected.predict(queries), what=f"{what}: predict(a list of 5 rows)"
        )
        z = [-800.0, -1.0, 0.0, 2.5, 800.0]
        expect_close(
            candidate.sigmoid(z), reference.sigmoid(z), what=f"sigmoid({z}) given a Python list", rtol=1e-9, atol=1e-15
        )


@points(1, category="edge_cases")
def test_a_decision_value_of_exactly_zero_predicts_the_first_class(candidate: Any, reference: ModuleType) -> None:
    # Without an intercept, a row of zeros has decision value exactly 0 whatever the weights: the
    # statement gives classes_[1] only where the decision value is > 0.
    labels = np.where(BASE.y == 1, "yes", "no")
    zeros = np.zeros((3, BASE.X.shape[1]))
    what = "LogisticRegression(fit_intercept=False).fit(X, y), then rows of zeros (decision value exactly 0)"
    model = candidate.LogisticRegression(fit_intercept=False).fit(BASE.X, labels)
    optimum = reference_optimum(reference, BASE.X, labels, 1.0, fit_intercept=False)
    expect_optimal_objective(model, BASE.X, labels, 1.0, optimum, what=what)
    expect_equal(
        model.predict(zeros), np.array(["no"] * 3), what=f"{what}: predict", source="classes_[0] (a tie is not > 0)"
    )
    expect_close(
        model.predict_proba(zeros),
        np.full((3, 2), 0.5),
        what=f"{what}: predict_proba",
        rtol=0.0,
        atol=1e-15,
        source="sigmoid(0) = 0.5",
    )
