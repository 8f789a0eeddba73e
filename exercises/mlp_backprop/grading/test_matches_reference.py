"""The module functions and the default initialisation give the reference's numbers."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from mlp_backprop_compare import expect_same_training, layer_shapes
from mlp_backprop_problems import Problem, make_problem, problems, read_layers

from grader.testing import expect_close, points, read_number, without_shrinking


@points(3, category="matches_reference")
@without_shrinking(20)
@given(problem=problems())
def test_forward_matches_the_reference(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    expected = reference.forward(problem.coefs, problem.intercepts, problem.X, problem.activation)
    expect_close(
        candidate.forward(problem.coefs, problem.intercepts, problem.X, problem.activation),
        expected,
        what=f"forward(coefs, intercepts, X, {problem.activation!r}) for {problem!r}",
        rtol=1e-9,
        atol=1e-12,
    )


@points(4, category="matches_reference")
@without_shrinking(20)
@given(problem=problems())
def test_loss_and_gradients_match_the_reference(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    args = (problem.coefs, problem.intercepts, problem.X, problem.indicator, problem.alpha, problem.activation)
    loss, coef_grads, intercept_grads = reference.loss_and_gradients(*args)
    what = (
        f"loss_and_gradients(coefs, intercepts, X, y, alpha={problem.alpha:g}, {problem.activation!r}) for {problem!r}"
    )
    result = candidate.loss_and_gradients(*args)
    if not isinstance(result, tuple | list) or len(result) != 3:
        read_layers(result, [(), (), ()], what=what)  # fails with the shape of what came back
    got_loss = read_number(result[0], what=f"{what}: loss")
    expect_close(np.float64(got_loss), np.float64(loss), what=f"{what}: the loss", rtol=1e-9, atol=1e-12)
    coef_shapes, intercept_shapes = layer_shapes(problem)
    got_coefs = read_layers(result[1], coef_shapes, what=f"{what}: coef_grads")
    got_intercepts = read_layers(result[2], intercept_shapes, what=f"{what}: intercept_grads")
    for index, (got, want) in enumerate(zip(got_coefs, coef_grads, strict=True)):
        expect_close(got, want, what=f"{what}: coef_grads[{index}]", rtol=1e-8, atol=1e-12)
    for index, (got, want) in enumerate(zip(got_intercepts, intercept_grads, strict=True)):
        expect_close(got, want, what=f"{what}: intercept_grads[{index}]", rtol=1e-8, atol=1e-12)


@points(3, category="matches_reference")
@without_shrinking(10)
@given(problem=problems(max_samples=20), random_state=st.integers(0, 2**31 - 1))
def test_default_initialisation_follows_the_statement(
    candidate: Any, reference: ModuleType, problem: Problem, random_state: int
) -> None:
    params = {**problem.params(), "random_state": random_state}
    expected = reference.MLPClassifier(**params).fit(problem.X, problem.y)
    model = candidate.MLPClassifier(**params).fit(problem.X, problem.y)
    settings = ", ".join(f"{key}={value!r}" for key, value in params.items())
    expect_same_training(
        model,
        problem,
        (expected.coefs_, expected.intercepts_, np.asarray(expected.loss_curve_), expected.predict_proba(problem.X)),
        what=f"MLPClassifier({settings}).fit(X, y) (Glorot-uniform weights from default_rng(random_state)) "
        f"for {problem!r}",
        source="the reference",
    )


@points(2, category="matches_reference")
def test_a_hand_computed_network(candidate: Any) -> None:
    # One input, one ReLU unit (w=2, b=-1), one logistic output (v=3, c=0.5); x = 1 gives z = 1,
    # a = 1, output sigmoid(3.5); y = 1: loss = log(1 + exp(-3.5)) + alpha/2 * (4 + 9) with alpha = 0.2.
    coefs = [np.array([[2.0]]), np.array([[3.0]])]
    intercepts = [np.array([-1.0]), np.array([0.5])]
    X, y = np.array([[1.0]]), np.array([[1.0]])
    p = 1.0 / (1.0 + np.exp(-3.5))
    loss, coef_grads, intercept_grads = candidate.loss_and_gradients(coefs, intercepts, X, y, 0.2, "relu")
    what = "loss_and_gradients for x=1, y=1, W1=[[2]], b1=[-1], W2=[[3]], b2=[0.5], alpha=0.2, 'relu'"
    expect_close(
        np.float64(read_number(loss, what=f"{what}: loss")),
        np.float64(np.log1p(np.exp(-3.5)) + 0.1 * 13.0),
        what=f"{what}: loss",
        rtol=1e-12,
        source="log(1 + exp(-3.5)) + 0.2/2 * (2**2 + 3**2)",
    )
    delta = p - 1.0
    expected_coefs = [np.array([[delta * 3.0 + 0.2 * 2.0]]), np.array([[delta + 0.2 * 3.0]])]
    expected_intercepts = [np.array([delta * 3.0]), np.array([delta])]
    shapes = [(1, 1), (1, 1)]
    for index, (got, want) in enumerate(
        zip(read_layers(coef_grads, shapes, what=f"{what}: coef_grads"), expected_coefs, strict=True)
    ):
        expect_close(got, want, what=f"{what}: coef_grads[{index}]", rtol=1e-12, source="the hand computation")
    for index, (got, want) in enumerate(
        zip(
            read_layers(intercept_grads, [(1,), (1,)], what=f"{what}: intercept_grads"),
            expected_intercepts,
            strict=True,
        )
    ):
        expect_close(got, want, what=f"{what}: intercept_grads[{index}]", rtol=1e-12, source="the hand computation")


@points(2, category="matches_reference")
def test_the_default_parameters_and_a_network_without_hidden_layers(candidate: Any, reference: ModuleType) -> None:
    problem = make_problem(260, 3, 3, (4,), "relu", 31)
    expected = reference.MLPClassifier(max_iter=2, random_state=5).fit(problem.X, problem.y)
    model = candidate.MLPClassifier(max_iter=2, random_state=5).fit(problem.X, problem.y)
    defaults = Problem(problem.X, problem.y, (100,), "relu", 1e-4, 1e-3, 200, 2, 31, problem.coefs, problem.intercepts)
    expect_same_training(
        model,
        defaults,
        (expected.coefs_, expected.intercepts_, np.asarray(expected.loss_curve_), expected.predict_proba(problem.X)),
        what="MLPClassifier(max_iter=2, random_state=5).fit(X, y) on 260 rows (the defaults: "
        "hidden_layer_sizes=(100,), activation='relu', alpha=1e-4, learning_rate_init=1e-3, batch_size='auto')",
        source="the reference",
    )
    small = make_problem(10, 2, 2, (2,), "relu", 32)
    expected = reference.MLPClassifier(hidden_layer_sizes=(2,), random_state=1).fit(small.X, small.y)
    model = candidate.MLPClassifier(hidden_layer_sizes=(2,), random_state=1).fit(small.X, small.y)
    expect_close(
        np.asarray(model.loss_curve_, dtype=np.float64),
        np.asarray(expected.loss_curve_),
        what="MLPClassifier(hidden_layer_sizes=(2,), random_state=1).fit(X, y) on 10 rows: loss_curve_ "
        "(the default max_iter=200 epochs)",
        rtol=1e-6,
        atol=1e-9,
    )
    coefs, intercepts = [problem.coefs[0][:, :3]], [problem.intercepts[0][:3]]
    expect_close(
        candidate.forward(coefs, intercepts, problem.X, "tanh"),
        reference.forward(coefs, intercepts, problem.X, "tanh"),
        what="forward([W of shape (3, 3)], [b of shape (3,)], X, 'tanh') (no hidden layer: a softmax regression)",
        rtol=1e-9,
        atol=1e-12,
    )
