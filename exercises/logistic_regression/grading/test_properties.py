"""Invariants every correct implementation has, whatever its optimiser."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from logistic_regression_oracle import GRADIENT_ATOL
from logistic_regression_problems import Problem, problems

from grader.testing import (
    Array,
    CheckFailed,
    FloatArray,
    IntArray,
    brief,
    expect_close,
    expect_equal,
    points,
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
def test_probabilities_lie_in_the_unit_interval_and_rows_sum_to_one(candidate: Any, problem: Problem) -> None:
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
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
def test_sigmoid_is_symmetric_and_bounded(candidate: Any, z: FloatArray) -> None:
    upper = np.asarray(candidate.sigmoid(z), dtype=float)
    lower = np.asarray(candidate.sigmoid(-z), dtype=float)
    if upper.shape != z.shape or not np.all((upper >= 0.0) & (upper <= 1.0)):
        raise CheckFailed(
            f"sigmoid(z) returned {brief(upper)} for z={brief(z)}; expected values in [0, 1] of the same shape"
        )
    expect_close(lower, 1.0 - upper, what="sigmoid(-z)", rtol=0.0, atol=4 * EPS, source="1 - sigmoid(z)")
