"""Comparisons of a fitted candidate model with expected weights, curve and probabilities."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from mlp_backprop_problems import Problem, read_layers

from grader.testing import FloatArray, expect_close

RTOL = 1e-6
ATOL = 1e-9


def layer_shapes(problem: Problem) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    units = [problem.X.shape[1], *problem.hidden, 1 if problem.n_classes == 2 else problem.n_classes]
    coef_shapes: list[tuple[int, ...]] = list(itertools.pairwise(units))
    return coef_shapes, [(b,) for b in units[1:]]


def fit_from_the_problem(candidate: Any, problem: Problem, y: Any = None) -> Any:
    """The candidate's model trained from the problem's weights (copies: the problem keeps its own)."""
    model = candidate.MLPClassifier(**problem.params())
    return model.fit(
        problem.X,
        problem.y if y is None else y,
        [W.copy() for W in problem.coefs],
        [b.copy() for b in problem.intercepts],
    )


def expect_same_training(
    model: Any,
    problem: Problem,
    expected: tuple[list[FloatArray], list[FloatArray], FloatArray, FloatArray],
    *,
    what: str,
    source: str,
) -> None:
    """coefs_, intercepts_, loss_curve_ and predict_proba(X) agree with the expected ones."""
    coefs, intercepts, curve, proba = expected
    coef_shapes, intercept_shapes = layer_shapes(problem)
    got_coefs = read_layers(model.coefs_, coef_shapes, what=f"{what}: coefs_")
    got_intercepts = read_layers(model.intercepts_, intercept_shapes, what=f"{what}: intercepts_")
    got_curve = np.asarray(model.loss_curve_, dtype=np.float64)
    expect_close(got_curve, curve, what=f"{what}: loss_curve_", rtol=RTOL, atol=ATOL, source=source)
    for index, (got, want) in enumerate(zip(got_coefs, coefs, strict=True)):
        expect_close(got, want, what=f"{what}: coefs_[{index}]", rtol=RTOL, atol=ATOL, source=source)
    for index, (got, want) in enumerate(zip(got_intercepts, intercepts, strict=True)):
        expect_close(got, want, what=f"{what}: intercepts_[{index}]", rtol=RTOL, atol=ATOL, source=source)
    expect_close(
        model.predict_proba(problem.X), proba, what=f"{what}: predict_proba(X)", rtol=RTOL, atol=ATOL, source=source
    )


def reference_training(
    reference: Any, problem: Problem
) -> tuple[list[FloatArray], list[FloatArray], FloatArray, FloatArray]:
    model = fit_from_the_problem(reference, problem)
    return model.coefs_, model.intercepts_, np.asarray(model.loss_curve_), model.predict_proba(problem.X)
