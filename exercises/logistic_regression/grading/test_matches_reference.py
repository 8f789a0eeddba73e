"""Outputs the statement pins down: the worked example, the API's shapes, no intercept, sigmoid."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from logistic_regression_oracle import (
    expect_fitted_to_the_optimum,
    expect_optimal_objective,
    expect_stationary,
    reference_optimum,
)
from logistic_regression_problems import Problem, problems

from grader.testing import (
    CheckFailed,
    FloatArray,
    brief,
    expect_close,
    expect_equal,
    expect_shape,
    listed,
    points,
    same_object,
    without_shrinking,
)

# The statement's worked example: hours of study and the exam's outcome.
EXAMPLE_X = np.array([[0.5], [1.0], [1.5], [2.0], [2.5], [3.0], [3.5], [4.0]])
EXAMPLE_Y = np.array(["fail", "fail", "pass", "fail", "fail", "pass", "pass", "pass"])
EXAMPLE_QUERIES = np.array([[1.0], [2.5], [4.0]])
SIGMOID_INPUTS = hnp.arrays(
    np.float64, st.integers(1, 40), elements=st.floats(-745.0, 745.0, allow_nan=False, allow_subnormal=False)
)


@points(2, category="matches_reference")
def test_worked_example_from_the_statement(candidate: Any, reference: ModuleType) -> None:
    what = "LogisticRegression(C=1.0).fit(X, y) on the statement's example"
    model = candidate.LogisticRegression(C=1.0).fit(EXAMPLE_X, EXAMPLE_Y)
    expected = reference.LogisticRegression(C=1.0, tol=1e-10).fit(EXAMPLE_X, EXAMPLE_Y)
    expect_equal(model.classes_, expected.classes_, what=f"{what}, classes_")
    expect_close(model.coef_, expected.coef_, what=f"{what}, coef_", rtol=1e-4, atol=1e-6)
    expect_close(model.intercept_, expected.intercept_, what=f"{what}, intercept_", rtol=1e-4, atol=1e-6)
    expect_close(
        model.predict_proba(EXAMPLE_QUERIES),
        expected.predict_proba(EXAMPLE_QUERIES),
        what=f"{what}, predict_proba([[1.0], [2.5], [4.0]])",
        rtol=0.0,
        atol=1e-5,
    )
    expect_equal(
        model.predict(EXAMPLE_QUERIES),
        expected.predict(EXAMPLE_QUERIES),
        what=f"{what}, predict([[1.0], [2.5], [4.0]])",
    )


@points(1, category="matches_reference")
def test_fit_returns_the_model_itself(candidate: Any, reference: ModuleType) -> None:
    model = candidate.LogisticRegression()
    returned = model.fit(EXAMPLE_X, EXAMPLE_Y)
    what = "LogisticRegression().fit(X, y) on the statement's example"
    if not same_object(returned, model):
        raise CheckFailed(
            f"{what} returned {brief(returned)}; expected the model itself (fit returns self, so that calls chain)"
        )
    # Returning self earns the point only for a model that was fitted: random parameters earn nothing.
    expect_fitted_to_the_optimum(reference, model, EXAMPLE_X, EXAMPLE_Y, 1.0, what=what)


@points(2, category="matches_reference")
@without_shrinking(10)
@given(problem=problems(C_values=(1.0,)))
def test_default_arguments_fit_C_1_with_an_intercept(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    what = "LogisticRegression() with its default arguments (C=1.0, fit_intercept=True), fit(X, y)"
    model = candidate.LogisticRegression().fit(problem.X, problem.y)
    expect_fitted_to_the_optimum(reference, model, problem.X, problem.y, 1.0, what=what)
    expect_stationary(model, problem.X, problem.y, 1.0, fit_intercept=True, what=what)


@points(2, category="matches_reference")
@without_shrinking()
@given(problem=problems(max_samples=120))
def test_learned_attributes_and_outputs_have_the_stated_shapes(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    n_samples, n_features = problem.X.shape
    labels = np.where(problem.y == 1, "yes", "no")
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, labels)
    what = f"LogisticRegression(C={problem.C:g}).fit(X, y)"
    expect_equal(model.classes_, np.array(["no", "yes"]), what=f"{what}, classes_")
    expect_shape(model.coef_, (1, n_features), what=f"{what}, coef_")
    expect_shape(model.intercept_, (1,), what=f"{what}, intercept_")
    expect_shape(model.decision_function(problem.X), (n_samples,), what=f"{what}, decision_function(X)")
    expect_shape(model.predict_proba(problem.X), (n_samples, 2), what=f"{what}, predict_proba(X)")
    predicted = model.predict(problem.X)
    expect_shape(predicted, (n_samples,), what=f"{what}, predict(X)")
    unexpected = sorted(set(np.asarray(predicted).tolist()) - {"no", "yes"})
    if unexpected:
        raise CheckFailed(
            f"{what}, predict(X) returned labels {listed(unexpected, most=3)} that are not in classes_ "
            "['no', 'yes']; predict must return the training labels"
        )
    # Shapes alone are what random values have too: the point is for a model that was fitted.
    expect_fitted_to_the_optimum(reference, model, problem.X, labels, problem.C, what=what)


@points(3, category="matches_reference")
@without_shrinking()
@given(problem=problems())
def test_without_an_intercept_the_fit_matches_the_reference(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    # Without an intercept the labels' share is not absorbed by b: shift X so that w must do it.
    X = problem.X + 0.5
    what = f"LogisticRegression(C={problem.C:g}, fit_intercept=False).fit(X, y)"
    model = candidate.LogisticRegression(C=problem.C, fit_intercept=False).fit(X, problem.y)
    expect_equal(model.intercept_, np.array([0.0]), what=f"{what}, intercept_")
    optimum = reference_optimum(reference, X, problem.y, problem.C, fit_intercept=False)
    expect_optimal_objective(model, X, problem.y, problem.C, optimum, what=what)
    expect_stationary(model, X, problem.y, problem.C, fit_intercept=False, what=what)


@points(2, category="matches_reference")
@without_shrinking()
@given(z=SIGMOID_INPUTS)
def test_sigmoid_matches_the_reference(candidate: Any, reference: ModuleType, z: FloatArray) -> None:
    expect_close(candidate.sigmoid(z), reference.sigmoid(z), what=f"sigmoid(z) for z={brief(z)}", rtol=1e-9, atol=1e-15)
