"""The statement's corners: huge logits, ReLU's kink at 0, batch sizes that do not divide the rows,
labels of any kind, one row, values binary cannot hold."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from mlp_backprop_compare import expect_same_training, fit_from_the_problem, reference_training
from mlp_backprop_problems import Problem, glorot, make_problem, read_layers, sklearn_fit

from grader.testing import CheckFailed, expect_close, expect_equal, points, read_number


def _finite(value: Any, what: str) -> np.ndarray[Any, Any]:
    array = np.asarray(value, dtype=np.float64)
    if not np.all(np.isfinite(array)):
        raise CheckFailed(f"{what} contains NaN or infinity: overflow in exp (subtract each row's maximum first)")
    return array


@points(3, category="edge_cases")
def test_huge_logits_give_finite_softmax_probabilities(candidate: Any, reference: ModuleType) -> None:
    problem = make_problem(6, 3, 4, (5,), "relu", 17)
    coefs = [problem.coefs[0], 400.0 * problem.coefs[1]]
    X = 10.0 * problem.X
    what = "forward(coefs, intercepts, X, 'relu') with output logits in the thousands"
    proba = _finite(candidate.forward(coefs, problem.intercepts, X, "relu"), what)
    expect_close(proba, reference.forward(coefs, problem.intercepts, X, "relu"), what=what, rtol=1e-9, atol=1e-12)
    args = (coefs, problem.intercepts, X, problem.indicator, 0.01, "relu")
    result = candidate.loss_and_gradients(*args)
    expected = reference.loss_and_gradients(*args)
    loss = read_number(result[0], what="loss_and_gradients(...) with huge logits: loss", finite=False)
    expect_close(
        np.float64(loss),
        np.float64(expected[0]),
        what="loss_and_gradients(...) with huge logits: the loss (log of probabilities clipped to [eps, 1 - eps])",
        rtol=1e-9,
    )
    for index, want in enumerate(expected[1]):
        got = _finite(read_layers(result[1], [W.shape for W in expected[1]], what="coef_grads")[index], "coef_grads")
        expect_close(
            got, want, what=f"loss_and_gradients(...) with huge logits: coef_grads[{index}]", rtol=1e-8, atol=1e-10
        )


@points(3, category="edge_cases")
def test_relu_derivative_is_zero_at_zero(candidate: Any, reference: ModuleType) -> None:
    # Rows (t, t) against the unit weights (1, -1) with bias 0 put the first hidden unit exactly at z = 0.
    X = np.array([[0.5, 0.5], [1.25, 1.25], [-2.0, 1.0], [0.1, 0.1], [0.3, -0.7]])
    rng = np.random.default_rng(3)
    coefs, intercepts = glorot([2, 3, 1], "relu", rng)
    coefs[0][:, 0] = [1.0, -1.0]
    intercepts[0][0] = 0.0
    y = np.array([[1.0], [0.0], [1.0], [0.0], [1.0]])
    what = "loss_and_gradients with hidden pre-activations exactly 0 (ReLU's derivative there is 0, as in scikit-learn)"
    result = candidate.loss_and_gradients(coefs, intercepts, X, y, 0.0, "relu")
    expected = reference.loss_and_gradients(coefs, intercepts, X, y, 0.0, "relu")
    got = read_layers(result[1], [W.shape for W in coefs], what=f"{what}: coef_grads")
    expect_close(got[0], expected[1][0], what=f"{what}: coef_grads[0]", rtol=1e-9, atol=1e-12)
    got_b = read_layers(result[2], [b.shape for b in intercepts], what=f"{what}: intercept_grads")
    expect_close(got_b[0], expected[2][0], what=f"{what}: intercept_grads[0]", rtol=1e-9, atol=1e-12)


@points(3, category="edge_cases")
def test_batch_sizes_that_do_not_divide_the_rows(candidate: Any) -> None:
    for n_samples, batch_size in ((23, 5), (10, 40), (7, 1), (250, "auto")):
        base = make_problem(n_samples, 3, 3, (4,), "tanh", n_samples, max_iter=3)
        problem = Problem(
            base.X,
            base.y,
            base.hidden,
            base.activation,
            base.alpha,
            base.learning_rate,
            batch_size if isinstance(batch_size, int) else 200,
            base.max_iter,
            base.seed,
            base.coefs,
            base.intercepts,
        )
        params = {**problem.params(), "batch_size": batch_size}
        model = candidate.MLPClassifier(**params).fit(problem.X, problem.y, problem.coefs, problem.intercepts)
        expect_same_training(
            model,
            problem,
            sklearn_fit(problem),
            source="scikit-learn",
            what=f"MLPClassifier(batch_size={batch_size!r}) on {n_samples} rows (the last batch is smaller"
            " or batch_size is clipped to n_samples; 'auto' is min(200, n_samples))",
        )


@points(3, category="edge_cases")
def test_labels_of_any_kind_and_decimal_values(candidate: Any, reference: ModuleType) -> None:
    problem = make_problem(20, 2, 3, (3,), "logistic", 8, max_iter=4)
    X = np.round(problem.X, 1) + 0.1  # values like 0.1 that binary cannot hold exactly
    problem = Problem(
        X,
        problem.y,
        problem.hidden,
        problem.activation,
        problem.alpha,
        problem.learning_rate,
        problem.batch_size,
        problem.max_iter,
        problem.seed,
        problem.coefs,
        problem.intercepts,
    )
    for labels in (np.array([0.3, 0.1, 0.2])[problem.y], np.array(["zebra", "ant", "cat"])[problem.y], problem.y + 5):
        classes = np.unique(labels)
        order = np.searchsorted(classes, labels)
        relabelled = Problem(
            X,
            order.astype(np.int64),
            problem.hidden,
            problem.activation,
            problem.alpha,
            problem.learning_rate,
            problem.batch_size,
            problem.max_iter,
            problem.seed,
            problem.coefs,
            problem.intercepts,
        )
        model = fit_from_the_problem(candidate, relabelled, labels)
        what = f"{problem.described()} with labels {classes.tolist()}"
        expect_equal(model.classes_, classes, what=f"{what}: classes_", source="the sorted labels")
        expect_same_training(
            model, relabelled, reference_training(reference, relabelled), what=what, source="the reference"
        )
        expected = classes[np.argmax(reference_training(reference, relabelled)[3], axis=1)]
        expect_equal(model.predict(X), expected, what=f"{what}: predict(X)")
        expect_close(
            model.predict_proba(X.tolist()),
            reference_training(reference, relabelled)[3],
            what=f"{what}: predict_proba(X as a plain list of rows)",
            rtol=1e-6,
            atol=1e-9,
        )


@points(2, category="edge_cases")
def test_one_row_and_large_offsets(candidate: Any, reference: ModuleType) -> None:
    problem = make_problem(4, 2, 2, (3,), "tanh", 21)
    one = (problem.coefs, problem.intercepts, problem.X[:1], problem.indicator[:1], 0.1, "tanh")
    result = candidate.loss_and_gradients(*one)
    expected = reference.loss_and_gradients(*one)
    what = "loss_and_gradients on one row"
    expect_close(
        np.float64(read_number(result[0], what=f"{what}: loss")),
        np.float64(expected[0]),
        what=f"{what}: the loss",
        rtol=1e-9,
    )
    for index, got in enumerate(read_layers(result[1], [W.shape for W in problem.coefs], what=f"{what}: coef_grads")):
        expect_close(got, expected[1][index], what=f"{what}: coef_grads[{index}]", rtol=1e-8, atol=1e-12)
    far = problem.X + 1e4
    what = "forward(coefs, intercepts, X + 1e4, 'tanh') (saturated hidden units)"
    expect_close(
        _finite(candidate.forward(problem.coefs, problem.intercepts, far, "tanh"), what),
        reference.forward(problem.coefs, problem.intercepts, far, "tanh"),
        what=what,
        rtol=1e-9,
        atol=1e-12,
    )


@points(2, category="edge_cases")
def test_a_saturated_logistic_output_gives_a_finite_clipped_loss(candidate: Any, reference: ModuleType) -> None:
    # One input, no hidden unit to speak of: z = 50 * x puts the output at exactly 1.0 in float64 for x = 1.
    coefs = [np.array([[1.0]]), np.array([[50.0]])]
    intercepts = [np.array([0.0]), np.array([0.0])]
    X = np.array([[1.0], [-1.0], [0.5]])
    y = np.array([[0.0], [0.0], [1.0]])
    args = (coefs, intercepts, X, y, 0.0, "relu")
    what = (
        "loss_and_gradients with a logistic output of exactly 1.0 for a row of class 0 (the log-loss of "
        "probabilities clipped to [eps, 1 - eps], eps = np.finfo(np.float64).eps, as scikit-learn)"
    )
    loss = read_number(candidate.loss_and_gradients(*args)[0], what=f"{what}: loss", finite=False)
    expect_close(np.float64(loss), np.float64(reference.loss_and_gradients(*args)[0]), what=what, rtol=1e-9)
    listed = [row.tolist() for row in X]
    result = candidate.loss_and_gradients(coefs, intercepts, listed, y.tolist(), 0.0, "relu")
    expect_close(
        np.float64(read_number(result[0], what="loss_and_gradients with X and y as plain lists: loss", finite=False)),
        np.float64(reference.loss_and_gradients(*args)[0]),
        what="loss_and_gradients with X and y as plain lists (array-likes)",
        rtol=1e-9,
    )
