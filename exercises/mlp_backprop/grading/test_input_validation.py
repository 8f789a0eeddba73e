"""Bad input raises ValueError with a message; predict before fit says the model is not fitted."""

from __future__ import annotations

from typing import Any

import numpy as np
from mlp_backprop_compare import expect_same_training, fit_from_the_problem, reference_training
from mlp_backprop_problems import make_problem

from grader.testing import expect_close, points, raises, raises_not_fitted

PROBLEM = make_problem(12, 3, 3, (4,), "relu", 4)


def _works_on_valid_input(candidate: Any, reference: Any) -> None:
    """The gate of every check here: raising on bad input counts only where valid input works."""
    expect_close(
        candidate.forward(PROBLEM.coefs, PROBLEM.intercepts, PROBLEM.X, "relu"),
        reference.forward(PROBLEM.coefs, PROBLEM.intercepts, PROBLEM.X, "relu"),
        what="forward(coefs, intercepts, X, 'relu') on valid input",
        rtol=1e-9,
        atol=1e-12,
    )
    model = fit_from_the_problem(candidate, PROBLEM)
    expect_same_training(
        model, PROBLEM, reference_training(reference, PROBLEM), what=PROBLEM.described(), source="the reference"
    )


@points(2, category="input_validation")
def test_bad_hyperparameters_are_rejected(candidate: Any, reference: Any) -> None:
    _works_on_valid_input(candidate, reference)
    for name, value, words in (
        ("activation", "sigmoid", "activation"),
        ("hidden_layer_sizes", (0,), "hidden_layer_sizes"),
        ("alpha", -1.0, "alpha"),
        ("learning_rate_init", 0.0, "learning_rate_init"),
        ("batch_size", 0, "batch_size"),
        ("max_iter", 0, "max_iter"),
    ):
        with raises(ValueError, what=f"MLPClassifier({name}={value!r}).fit(X, y)", match=words):
            candidate.MLPClassifier(**{name: value}).fit(PROBLEM.X, PROBLEM.y)


@points(2, category="input_validation")
def test_bad_data_is_rejected(candidate: Any, reference: Any) -> None:
    _works_on_valid_input(candidate, reference)
    nan = PROBLEM.X.copy()
    nan[2, 1] = np.nan
    for what, X, y in (
        ("fit(X with NaN, y)", nan, PROBLEM.y),
        ("fit(X 1-D, y)", PROBLEM.X[:, 0], PROBLEM.y),
        ("fit(X, y one entry short)", PROBLEM.X, PROBLEM.y[:-1]),
        ("fit(X, y one entry too many)", PROBLEM.X, np.append(PROBLEM.y, 0)),
        ("fit(X, y of one class)", PROBLEM.X, np.zeros(12, dtype=np.int64)),
    ):
        with raises(ValueError, what=f"MLPClassifier(hidden_layer_sizes=(4,)).{what}"):
            candidate.MLPClassifier(hidden_layer_sizes=(4,)).fit(X, y)
    with raises(ValueError, what="fit(X, y, coefs_init of the wrong shapes, intercepts_init)", match="coefs"):
        candidate.MLPClassifier(hidden_layer_sizes=(5,)).fit(PROBLEM.X, PROBLEM.y, PROBLEM.coefs, PROBLEM.intercepts)


@points(2, category="input_validation")
def test_module_functions_reject_bad_input(candidate: Any, reference: Any) -> None:
    _works_on_valid_input(candidate, reference)
    with raises(ValueError, what="forward(coefs, intercepts, X, 'sigmoid')", match="activation"):
        candidate.forward(PROBLEM.coefs, PROBLEM.intercepts, PROBLEM.X, "sigmoid")
    with raises(ValueError, what="forward(coefs, intercepts, X with 2 of 3 columns, 'relu')"):
        candidate.forward(PROBLEM.coefs, PROBLEM.intercepts, PROBLEM.X[:, :2], "relu")
    with raises(ValueError, what="loss_and_gradients(..., y of labels (n_samples,) instead of (n_samples, 3), ...)"):
        candidate.loss_and_gradients(PROBLEM.coefs, PROBLEM.intercepts, PROBLEM.X, PROBLEM.y, 0.1, "relu")
    with raises(ValueError, what="loss_and_gradients(..., activation='sigmoid')", match="activation"):
        candidate.loss_and_gradients(PROBLEM.coefs, PROBLEM.intercepts, PROBLEM.X, PROBLEM.indicator, 0.1, "sigmoid")
    nan = PROBLEM.X.copy()
    nan[0, 0] = np.nan
    with raises(ValueError, what="loss_and_gradients(coefs, intercepts, X with NaN, y, 0.1, 'relu')"):
        candidate.loss_and_gradients(PROBLEM.coefs, PROBLEM.intercepts, nan, PROBLEM.indicator, 0.1, "relu")
    with raises(ValueError, what="loss_and_gradients(..., alpha=-1, ...)", match="alpha"):
        candidate.loss_and_gradients(PROBLEM.coefs, PROBLEM.intercepts, PROBLEM.X, PROBLEM.indicator, -1.0, "relu")


@points(2, category="input_validation")
def test_predicting_before_fit_or_with_other_features_is_rejected(candidate: Any, reference: Any) -> None:
    _works_on_valid_input(candidate, reference)
    model = candidate.MLPClassifier(hidden_layer_sizes=(4,))
    with raises_not_fitted(what="MLPClassifier().predict(X) before fit"):
        model.predict(PROBLEM.X)
    with raises_not_fitted(what="MLPClassifier().predict_proba(X) before fit"):
        model.predict_proba(PROBLEM.X)
    model.fit(PROBLEM.X, PROBLEM.y)
    with raises(ValueError, what="predict(X with 2 columns) after fit on 3", match="feature|column|shape"):
        model.predict(PROBLEM.X[:, :2])


@points(1, category="input_validation")
def test_networks_that_do_not_fit_together_are_rejected(candidate: Any, reference: Any) -> None:
    _works_on_valid_input(candidate, reference)
    X = PROBLEM.X
    short_bias = [PROBLEM.intercepts[0][:1], PROBLEM.intercepts[1]]
    cases: tuple[tuple[str, list[Any], list[Any]], ...] = (
        ("forward([], [], X, 'relu') (no layer)", [], []),
        ("forward(coefs, intercepts with intercepts[0] of shape (1,), X, 'relu')", PROBLEM.coefs, short_bias),
        (
            "forward(coefs, intercepts[:1], X, 'relu') (lists of different lengths)",
            PROBLEM.coefs,
            PROBLEM.intercepts[:1],
        ),
        (
            "forward(coefs with coefs[1] of shape (3, 3), intercepts, X, 'relu')",
            [PROBLEM.coefs[0], PROBLEM.coefs[1][:3]],
            PROBLEM.intercepts,
        ),
    )
    for what, coefs, intercepts in cases:
        with raises(ValueError, what=what):
            candidate.forward(coefs, intercepts, X, "relu")
    with raises(ValueError, what="forward(coefs, intercepts, X with 0 rows, 'relu')"):
        candidate.forward(PROBLEM.coefs, PROBLEM.intercepts, X[:0], "relu")
    with raises(ValueError, what="MLPClassifier().fit(X with 0 rows, y with 0 labels)"):
        candidate.MLPClassifier(hidden_layer_sizes=(4,)).fit(X[:0], PROBLEM.y[:0])
    with raises(ValueError, what="MLPClassifier().fit(X with 0 columns, y)"):
        candidate.MLPClassifier(hidden_layer_sizes=(4,)).fit(X[:, :0], PROBLEM.y)
