"""Training takes scikit-learn's steps from the same weights: weights, loss curve and probabilities.

scikit-learn's ``MLPClassifier(solver="sgd", momentum=0, learning_rate="constant", shuffle=False)``
with early stopping switched off computes the statement's training, step by step; the oracle starts it
from the check's weights (see ``mlp_backprop_problems._sklearn_fit``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from mlp_backprop_compare import expect_same_training, fit_from_the_problem
from mlp_backprop_problems import Problem, glorot, problems, sklearn_fit

from grader.testing import expect_equal, load_dataset, points, without_shrinking


@points(5, category="matches_sklearn")
@without_shrinking(20)
@given(problem=problems())
def test_training_takes_sklearn_s_steps(candidate: Any, problem: Problem) -> None:
    model = fit_from_the_problem(candidate, problem)
    what = f"{problem.described()} for {problem!r}"
    expect_same_training(model, problem, sklearn_fit(problem), what=what, source="scikit-learn")
    expected = "logistic" if problem.n_classes == 2 else "softmax"
    expect_equal(model.out_activation_, expected, what=f"{what}: out_activation_", source="scikit-learn")


@points(3, category="matches_sklearn")
@without_shrinking(10)
@given(problem=problems(max_classes=2))
def test_binary_problems_have_one_logistic_output_as_in_sklearn(candidate: Any, problem: Problem) -> None:
    labels = np.where(problem.y == 1, "yes", "no")
    model = fit_from_the_problem(candidate, problem, labels)
    what = f"{problem.described()} with labels 'no'/'yes' for {problem!r}"
    expect_equal(model.classes_, np.array(["no", "yes"]), what=f"{what}: classes_", source="scikit-learn")
    expect_same_training(model, problem, sklearn_fit(problem), what=what, source="scikit-learn")
    expect_equal(
        model.predict(problem.X),
        np.where(sklearn_fit(problem)[3][:, 1] > 0.5, "yes", "no"),
        what=f"{what}: predict(X)",
        source="scikit-learn",
    )


def _dataset_problem(name: str, hidden: int, activation: str, batch_size: int, max_iter: int) -> Problem:
    X, y = load_dataset(name)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = np.unique(y, return_inverse=True)[1].astype(np.int64)
    n_classes = int(y.max()) + 1
    rng = np.random.default_rng(2026)
    coefs, intercepts = glorot([X.shape[1], hidden, 1 if n_classes == 2 else n_classes], activation, rng)
    return Problem(X, y, (hidden,), activation, 1e-4, 0.01, batch_size, max_iter, 2026, coefs, intercepts)


@points(4, category="matches_sklearn")
def test_real_datasets_train_as_in_sklearn(candidate: Any) -> None:
    for name, hidden, activation, batch_size in (
        ("iris", 8, "relu", 16),
        ("wine", 6, "tanh", 32),
        ("breast_cancer", 10, "logistic", 64),
    ):
        problem = _dataset_problem(name, hidden, activation, batch_size, 10)
        model = fit_from_the_problem(candidate, problem)
        expect_same_training(
            model, problem, sklearn_fit(problem), what=f"{problem.described()} on {name}", source="scikit-learn"
        )
        proba = sklearn_fit(problem)[3]
        expect_equal(
            model.predict(problem.X),
            np.argmax(proba, axis=1).astype(np.int64),
            what=f"{problem.described()} on {name}: predict(X)",
            source="scikit-learn",
        )
