"""Invariants every correct implementation has, whatever its optimiser."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from logistic_regression_oracle import (
    GRADIENT_ATOL,
    PROBA_ATOL,
    TIGHT_TOL,
    expect_fitted_to_the_optimum,
    expect_optimal_objective,
    reference_optimum,
)
from logistic_regression_problems import Problem, make_problem, problems

from grader.testing import (
    Array,
    CheckFailed,
    FloatArray,
    IntArray,
    brief,
    expect_close,
    expect_equal,
    points,
    read_array,
    without_shrinking,
)

# Decision values closer to 0 than this may fall either side between two correct computations.
HAIR = 1e-6
# Two fits of the same problem by the same optimiser agree to about its tolerance; be generous.
SAME_MODEL_RTOL = 1e-3
SAME_MODEL_ATOL = 1e-4
EPS = np.finfo(np.float64).eps

# (label for y == 0, label for y == 1); the sorted order decides which one is positive.
LABEL_PAIRS: list[tuple[object, object]] = [
    (0, 1),
    (-1, 1),
    ("no", "yes"),
    (False, True),
    ("spam", "ham"),  # sorted: "ham" < "spam", so y == 1 becomes the negative class
    (7, 3),
]


SIGMOID_INPUTS = hnp.arrays(
    np.float64, st.integers(1, 40), elements=st.floats(-1e300, 1e300, allow_nan=False, allow_subnormal=False)
)


def _relabel(y01: IntArray, pair: tuple[object, object]) -> Array:
    relabelled: Array = np.where(y01 == 1, np.array([pair[1]]), np.array([pair[0]]))
    return relabelled


@points(2, category="properties")
@without_shrinking()
@given(problem=problems())
def test_probabilities_lie_in_the_unit_interval_and_rows_sum_to_one(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    # Valid-looking probabilities are what random values have too: the point is for a fitted model.
    expect_fitted_to_the_optimum(
        reference, model, problem.X, problem.y, problem.C, what=f"LogisticRegression(C={problem.C:g}).fit(X, y)"
    )
    far = np.vstack([problem.X, 50.0 * problem.X[:5]])  # some rows deep in either class
    proba = np.asarray(model.predict_proba(far), dtype=float)
    what = "predict_proba(X)"
    if proba.shape != (far.shape[0], 2):
        raise CheckFailed(f"{what} has shape {proba.shape}; expected {(far.shape[0], 2)}")
    outside = ~((proba >= 0.0) & (proba <= 1.0))
    if outside.any():
        row = int(np.argwhere(outside)[0][0])
        raise CheckFailed(f"{what} row {row} is {proba[row].tolist()}; probabilities must lie in [0, 1]")
    expect_close(
        proba.sum(axis=1),
        np.ones(far.shape[0]),
        what=f"{what}.sum(axis=1)",
        rtol=0.0,
        atol=1e-12,
        source="rows of probabilities summing to 1",
    )


@points(2, category="properties")
@without_shrinking()
@given(problem=problems(), pair=st.sampled_from(LABEL_PAIRS))
def test_predict_agrees_with_predict_proba_and_decision_function(
    candidate: Any, problem: Problem, pair: tuple[object, object]
) -> None:
    labels = _relabel(problem.y, pair)
    classes = np.unique(labels)
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, labels)
    decision = np.asarray(model.decision_function(problem.X), dtype=float)
    proba = np.asarray(model.predict_proba(problem.X), dtype=float)
    predicted = np.asarray(model.predict(problem.X))
    clear = np.abs(decision) > HAIR
    expect_equal(
        predicted[clear],
        classes[(decision[clear] > 0).astype(int)],
        what=f"predict(X) with labels {classes.tolist()}",
        source="classes_[1] where decision_function(X) > 0, else classes_[0]",
    )
    expect_equal(
        proba[clear, 1] > 0.5,
        decision[clear] > 0,
        what="predict_proba(X)[:, 1] > 0.5",
        source="decision_function(X) > 0 (the positive column is classes_[1])",
    )


@points(4, category="properties")
@without_shrinking()
@given(problem=problems(), pair=st.sampled_from(LABEL_PAIRS[1:]))
def test_relabelling_the_classes_gives_the_same_model_up_to_sign(
    candidate: Any, problem: Problem, pair: tuple[object, object]
) -> None:
    base = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    labels = _relabel(problem.y, pair)
    relabelled = candidate.LogisticRegression(C=problem.C).fit(problem.X, labels)
    sign = 1.0 if np.unique(labels)[1] == pair[1] else -1.0
    what = f"decision_function(X) after fit(X, y) with y relabelled {{0: {pair[0]!r}, 1: {pair[1]!r}}}"
    expected = sign * np.asarray(base.decision_function(problem.X), dtype=float)
    expect_close(
        relabelled.decision_function(problem.X),
        expected,
        what=what,
        rtol=SAME_MODEL_RTOL,
        atol=SAME_MODEL_ATOL,
        source=f"{'' if sign > 0 else '-1 x '}the decision values with labels 0 and 1",
    )
    expect_equal(
        relabelled.classes_,
        np.unique(labels),
        what=f"classes_ for labels {sorted(set(labels.tolist()))}",
        source="the sorted pair of labels",
    )


@points(2, category="properties")
@without_shrinking()
@given(problem=problems(), seed=st.integers(0, 2**32 - 1))
def test_shuffling_the_rows_changes_nothing(candidate: Any, problem: Problem, seed: int) -> None:
    order = np.random.default_rng(seed).permutation(problem.X.shape[0])
    base = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    shuffled = candidate.LogisticRegression(C=problem.C).fit(problem.X[order], problem.y[order])
    expect_close(
        shuffled.decision_function(problem.X),
        base.decision_function(problem.X),
        what="decision_function(X) after fitting on the rows shuffled",
        rtol=SAME_MODEL_RTOL,
        atol=SAME_MODEL_ATOL,
        source="the model fitted on the rows in their original order",
    )


@points(2, category="properties")
@without_shrinking()
@given(problem=problems())
def test_mean_probability_equals_the_share_of_positives_with_an_intercept(candidate: Any, problem: Problem) -> None:
    # The gradient with respect to the unpenalised intercept is C * sum(p - y): zero at the optimum.
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    mean = float(np.mean(np.asarray(model.predict_proba(problem.X), dtype=float)[:, 1]))
    share = float(np.mean(problem.y))
    if not abs(mean - share) <= GRADIENT_ATOL:
        raise CheckFailed(
            f"mean of predict_proba(X)[:, 1] is {mean:.6g}, but the share of positives in y is "
            f"{share:.6g}; with an unpenalised intercept they are equal at the optimum "
            f"(difference {mean - share:.3g}, at most {GRADIENT_ATOL:g} allowed; is the intercept "
            "penalised?)"
        )


@points(2, category="properties")
@without_shrinking()
@given(problem=problems(max_samples=100))
def test_decision_function_is_the_linear_score_of_the_learned_parameters(candidate: Any, problem: Problem) -> None:
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    coef = np.asarray(model.coef_, dtype=float)
    intercept = np.asarray(model.intercept_, dtype=float)
    expected = problem.X @ coef.reshape(-1) + intercept.reshape(-1)[0]
    expect_close(
        model.decision_function(problem.X),
        expected,
        what="decision_function(X)",
        rtol=1e-9,
        atol=1e-9,
        source="X @ coef_[0] + intercept_[0]",
    )


@points(2, category="properties")
@without_shrinking()
@given(z=SIGMOID_INPUTS)
def test_sigmoid_is_symmetric_and_bounded(candidate: Any, reference: ModuleType, z: FloatArray) -> None:
    upper = np.asarray(candidate.sigmoid(z), dtype=float)
    lower = np.asarray(candidate.sigmoid(-z), dtype=float)
    if upper.shape != z.shape or not np.all((upper >= 0.0) & (upper <= 1.0)):
        raise CheckFailed(
            f"sigmoid(z) returned {brief(upper)} for z={brief(z)}; expected values in [0, 1] of the same shape"
        )
    # Symmetric values in [0, 1] are what random values have too: they must be the sigmoid's.
    expect_close(upper, reference.sigmoid(z), what=f"sigmoid(z) for z={brief(z)}", rtol=1e-6, atol=1e-12)
    expect_close(lower, 1.0 - upper, what="sigmoid(-z)", rtol=0.0, atol=4 * EPS, source="1 - sigmoid(z)")


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems(max_samples=120))
def test_fitting_again_on_other_data_gives_the_second_fit_s_model(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    n_features = problem.X.shape[1]
    first = make_problem(80, 3 if n_features != 3 else 2, 0.5, 0.1, problem.C, seed=problem.seed // 2 + 1)
    model = candidate.LogisticRegression(C=problem.C)
    model.fit(first.X, np.where(first.y == 1, "yes", "no"))
    model.fit(problem.X, problem.y)
    what = (
        f"the second fit of one LogisticRegression(C={problem.C:g}): fit(X1, y1) with labels 'no'/'yes' and "
        f"{first.X.shape[1]} features, then fit(X2, y2) with labels 0/1 and {n_features}"
    )
    expect_equal(model.classes_, np.array([0, 1]), what=f"{what}; classes_", source="the labels of the second fit")
    optimum = reference_optimum(reference, problem.X, problem.y, problem.C)
    expect_optimal_objective(model, problem.X, problem.y, problem.C, optimum, what=what)
    expect_close(
        model.predict_proba(problem.X)[:, 1],
        optimum.proba,
        what=f"{what}; predict_proba(X2)[:, 1]",
        rtol=0.0,
        atol=PROBA_ATOL,
        source="the model of the second fit alone",
    )


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems(max_samples=120), n_new=st.integers(1, 30))
def test_predictions_on_new_rows_come_from_the_fitted_model(
    candidate: Any, reference: ModuleType, problem: Problem, n_new: int
) -> None:
    new_rows = np.random.default_rng(problem.seed // 2 + 7).standard_normal((n_new, problem.X.shape[1]))
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    expected = reference.LogisticRegression(C=problem.C, tol=TIGHT_TOL).fit(problem.X, problem.y)
    rows = f"{n_new} new row{'s' if n_new > 1 else ''}"
    what = f"LogisticRegression(C={problem.C:g}).fit(X, y), then called on {rows} (not the rows of fit)"
    expect_close(
        model.predict_proba(new_rows),
        expected.predict_proba(new_rows),
        what=f"{what}: predict_proba",
        rtol=0.0,
        atol=PROBA_ATOL,
    )
    decision = np.asarray(expected.decision_function(new_rows), dtype=float)
    clear = np.abs(decision) > 1e-3
    predicted = read_array(model.predict(new_rows), what=f"{what}: predict", shape=(n_new,), kinds="iu")
    expect_equal(
        predicted[clear],
        expected.predict(new_rows)[clear],
        what=f"{what}: predict (where the decision value is clearly away from 0)",
    )
