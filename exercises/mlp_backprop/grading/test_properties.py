"""Invariants of any correct implementation: gradients are derivatives, probabilities are probabilities,
small steps descend, and a model's state is its last fit's."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from mlp_backprop_compare import expect_same_training, fit_from_the_problem, layer_shapes, reference_training
from mlp_backprop_problems import Problem, clear_of_the_kink, make_problem, numerical_gradients, problems, read_layers

from grader.testing import CheckFailed, expect_close, expect_equal, points, read_number, without_shrinking

GRADIENT_RTOL = 1e-5
GRADIENT_ATOL = 1e-7


def _gradients(candidate: Any, problem: Problem, what: str) -> tuple[float, list[Any], list[Any]]:
    result = candidate.loss_and_gradients(
        problem.coefs, problem.intercepts, problem.X, problem.indicator, problem.alpha, problem.activation
    )
    if not isinstance(result, tuple | list) or len(result) != 3:
        raise CheckFailed(f"{what} should return (loss, coef_grads, intercept_grads); got {type(result).__name__}")
    coef_shapes, intercept_shapes = layer_shapes(problem)
    loss = read_number(result[0], what=f"{what}: loss")
    return (
        loss,
        read_layers(result[1], coef_shapes, what=f"{what}: coef_grads"),
        read_layers(result[2], intercept_shapes, what=f"{what}: intercept_grads"),
    )


@points(5, category="properties")
@without_shrinking(20)
@given(problem=problems(max_samples=12))
def test_gradients_are_the_derivatives_of_the_loss(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    assume(clear_of_the_kink(problem))
    what = (
        f"loss_and_gradients(coefs, intercepts, X, y, alpha={problem.alpha:g}, {problem.activation!r}) for {problem!r}"
    )
    loss, coef_grads, intercept_grads = _gradients(candidate, problem, what)

    def true_loss(coefs: list[Any], intercepts: list[Any]) -> float:
        value = reference.loss_and_gradients(
            coefs, intercepts, problem.X, problem.indicator, problem.alpha, problem.activation
        )[0]
        return float(value)

    numeric_coefs, numeric_intercepts = numerical_gradients(
        true_loss, [W.copy() for W in problem.coefs], [b.copy() for b in problem.intercepts]
    )
    source = "central differences (L(p + h) - L(p - h)) / 2h of the loss, h = 1e-6"
    for index, (got, want) in enumerate(zip(coef_grads, numeric_coefs, strict=True)):
        expect_close(
            got, want, what=f"{what}: coef_grads[{index}]", rtol=GRADIENT_RTOL, atol=GRADIENT_ATOL, source=source
        )
    for index, (got, want) in enumerate(zip(intercept_grads, numeric_intercepts, strict=True)):
        expect_close(
            got, want, what=f"{what}: intercept_grads[{index}]", rtol=GRADIENT_RTOL, atol=GRADIENT_ATOL, source=source
        )
    expect_close(
        np.float64(loss),
        np.float64(true_loss(problem.coefs, problem.intercepts)),
        what=f"{what}: the loss",
        rtol=1e-9,
        atol=1e-12,
        source="the mean log-loss plus alpha/(2 n_samples) * sum ||W||^2",
    )


@points(3, category="properties")
@without_shrinking(15)
@given(problem=problems())
def test_probabilities_sum_to_one_and_predict_takes_the_most_probable_class(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    model = fit_from_the_problem(candidate, problem)
    what = f"{problem.described()} for {problem!r}"
    # Valid-looking probabilities are what random values have too: they must be the trained model's.
    expect_same_training(model, problem, reference_training(reference, problem), what=what, source="the reference")
    far = np.vstack([problem.X, 30.0 * problem.X[:3]])
    proba = np.asarray(model.predict_proba(far), dtype=np.float64)
    if proba.shape != (far.shape[0], problem.n_classes) or not np.all((proba >= 0.0) & (proba <= 1.0)):
        raise CheckFailed(f"{what}: predict_proba(X) returned shape {proba.shape} or values outside [0, 1]")
    expect_close(
        proba.sum(axis=1),
        np.ones(far.shape[0]),
        what=f"{what}: predict_proba(X).sum(axis=1)",
        rtol=0.0,
        atol=1e-12,
        source="rows of probabilities summing to 1",
    )
    ordered = np.sort(proba, axis=1)
    clear = ordered[:, -1] - ordered[:, -2] > 1e-9
    expect_equal(
        np.asarray(model.predict(far))[clear],
        np.argmax(proba, axis=1)[clear],
        what=f"{what}: predict(X)",
        source="classes_[argmax(predict_proba(X))]",
    )


@points(3, category="properties")
@without_shrinking(15)
@given(problem=problems(max_samples=20, two_layers=False))
def test_a_small_full_batch_step_never_raises_the_loss(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    n_samples = problem.X.shape[0]
    params = {**problem.params(), "learning_rate_init": 1e-3, "batch_size": n_samples, "max_iter": 8}
    model = candidate.MLPClassifier(**params).fit(
        problem.X, problem.y, [W.copy() for W in problem.coefs], [b.copy() for b in problem.intercepts]
    )
    curve = np.asarray(model.loss_curve_, dtype=np.float64)
    settings = ", ".join(f"{key}={value!r}" for key, value in params.items())
    what = f"MLPClassifier({settings}).fit(X, y, coefs_init, intercepts_init) for {problem!r}: loss_curve_"
    if curve.shape != (8,):
        raise CheckFailed(f"{what} has shape {curve.shape}; expected (8,), one loss per epoch")
    start = reference.loss_and_gradients(
        problem.coefs, problem.intercepts, problem.X, problem.indicator, problem.alpha, problem.activation
    )[0]
    expect_close(
        curve[:1],
        np.array([start]),
        what=f"{what}[0]",
        rtol=1e-9,
        source="the loss at the initial weights (the epoch's only batch is all of X)",
    )
    rises = np.flatnonzero(np.diff(curve) > 1e-12 * np.abs(curve[:-1]))
    if rises.size:
        at = int(rises[0])
        raise CheckFailed(
            f"{what} rises from {curve[at]:.12g} to {curve[at + 1]:.12g} at epoch {at + 1}; a full-batch "
            "gradient step of 1e-3 must not raise the loss (is the step along minus the gradient?)"
        )


@points(3, category="properties")
@without_shrinking(10)
@given(problem=problems(max_samples=20))
def test_fitting_again_gives_the_second_fit_s_model(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    n_features = problem.X.shape[1]
    first = make_problem(
        15,
        n_features % 4 + 1,
        5 - problem.n_classes + 1 if problem.n_classes < 4 else 2,
        (2,),
        problem.activation,
        problem.seed // 2 + 1,
    )
    model = candidate.MLPClassifier(**{**problem.params(), "hidden_layer_sizes": problem.hidden})
    model.fit(first.X, np.where(first.y == 1, "b", "a"), None, None)
    model.fit(problem.X, problem.y, [W.copy() for W in problem.coefs], [b.copy() for b in problem.intercepts])
    what = f"a second fit of one MLPClassifier (first on {first.X.shape[1]} features and labels 'a'/'b'), {problem!r}"
    expect_equal(
        model.classes_, np.arange(problem.n_classes), what=f"{what}: classes_", source="the second fit's labels"
    )
    expect_same_training(
        model, problem, reference_training(reference, problem), what=what, source="the second fit alone"
    )


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems(max_samples=20))
def test_fit_leaves_the_caller_s_initial_weights_alone(
    candidate: Any, reference: ModuleType, sandbox: Any, problem: Problem
) -> None:
    # The lists are held in the worker, so an in-place update by fit is visible when read back.
    coefs = sandbox.hold([W.copy() for W in problem.coefs])
    intercepts = sandbox.hold([b.copy() for b in problem.intercepts])
    model = candidate.MLPClassifier(**problem.params()).fit(problem.X, problem.y, coefs, intercepts)
    what = f"{problem.described()} for {problem!r}"
    expect_same_training(model, problem, reference_training(reference, problem), what=what, source="the reference")
    for name, held, original in (
        ("coefs_init", coefs, problem.coefs),
        ("intercepts_init", intercepts, problem.intercepts),
    ):
        after = getattr(held, "value", held)
        for index, (got, want) in enumerate(zip(after, original, strict=True)):
            if not np.array_equal(np.asarray(got), want):
                raise CheckFailed(
                    f"{what}: fit changed the caller's {name}[{index}] in place; it should train on a copy "
                    "and leave the arrays it was given as they were"
                )


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems(max_samples=20), n_new=st.integers(1, 10))
def test_new_rows_are_classified_by_the_fitted_network(
    candidate: Any, reference: ModuleType, problem: Problem, n_new: int
) -> None:
    rows = np.random.default_rng(problem.seed // 3 + 11).standard_normal((n_new, problem.X.shape[1]))
    model = fit_from_the_problem(candidate, problem)
    expected = fit_from_the_problem(reference, problem)
    what = f"{problem.described()}, then predict_proba on {n_new} new rows, for {problem!r}"
    expect_close(model.predict_proba(rows), expected.predict_proba(rows), what=what, rtol=1e-6, atol=1e-9)
    expect_close(
        candidate.forward(expected.coefs_, expected.intercepts_, rows, problem.activation)[:, -1],
        expected.predict_proba(rows)[:, -1],
        what=f"forward(coefs_, intercepts_, new rows, {problem.activation!r})[:, -1]",
        rtol=1e-9,
        atol=1e-12,
        source="predict_proba(new rows)[:, -1]",
    )
