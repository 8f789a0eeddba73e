"""Small networks and data for the MLP suite, unambiguous by construction, and the trusted oracles.

A problem is a few standardised rows, labels drawn from the data so every class is present, a network
(one or two hidden layers of a few units) with Glorot-uniform weights drawn from a seed, and training
settings (step, batch size, epochs) small enough that a handful of SGD epochs stay far from any
instability: two correct implementations then agree to rounding, step by step.

Hypothesis draws the few numbers that describe a problem; NumPy builds the arrays from the seed, so a
failing example is small and reproducible from its ``repr``.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from hypothesis import strategies as st
from sklearn.neural_network import MLPClassifier as SklearnMLP

from grader.testing import CheckFailed, FloatArray, IntArray, remembered

ACTIVATIONS = ("relu", "tanh", "logistic")
SEEDS = st.integers(0, 2**32 - 1)
# Hidden pre-activations closer to 0 than this are avoided where ReLU's kink would make a central
# difference meaningless (the step is 1e-6).
KINK_MARGIN = 1e-3


@dataclass(frozen=True)
class Problem:
    """Rows, labels (0..K-1), initial weights and the training settings of one check."""

    X: FloatArray
    y: IntArray
    hidden: tuple[int, ...]
    activation: str
    alpha: float
    learning_rate: float
    batch_size: int
    max_iter: int
    seed: int
    coefs: list[FloatArray] = field(repr=False)
    intercepts: list[FloatArray] = field(repr=False)

    @property
    def n_classes(self) -> int:
        return int(self.y.max()) + 1

    @property
    def indicator(self) -> FloatArray:
        """The statement's ``y`` of ``loss_and_gradients``: a 0/1 column for two classes, else one-hot."""
        if self.n_classes == 2:
            return self.y.reshape(-1, 1).astype(np.float64)
        one_hot: FloatArray = np.eye(self.n_classes)[self.y]
        return one_hot

    def params(self) -> dict[str, object]:
        return {
            "hidden_layer_sizes": self.hidden,
            "activation": self.activation,
            "alpha": self.alpha,
            "learning_rate_init": self.learning_rate,
            "batch_size": self.batch_size,
            "max_iter": self.max_iter,
        }

    def described(self) -> str:
        settings = ", ".join(f"{key}={value!r}" for key, value in self.params().items())
        return f"MLPClassifier({settings}).fit(X, y, coefs_init, intercepts_init)"

    def __repr__(self) -> str:
        n_samples, n_features = self.X.shape
        return (
            f"Problem(n_samples={n_samples}, n_features={n_features}, n_classes={self.n_classes}, "
            f"hidden={self.hidden}, activation={self.activation!r}, alpha={self.alpha:g}, "
            f"learning_rate={self.learning_rate:g}, batch_size={self.batch_size}, max_iter={self.max_iter}, "
            f"seed={self.seed})"
        )


def glorot(units: list[int], activation: str, rng: np.random.Generator) -> tuple[list[FloatArray], list[FloatArray]]:
    """Glorot-uniform weights and biases for layers of ``units`` (the statement's rule)."""
    factor = 2.0 if activation == "logistic" else 6.0
    coefs, intercepts = [], []
    for fan_in, fan_out in itertools.pairwise(units):
        bound = np.sqrt(factor / (fan_in + fan_out))
        coefs.append(rng.uniform(-bound, bound, size=(fan_in, fan_out)))
        intercepts.append(rng.uniform(-bound, bound, size=fan_out))
    return coefs, intercepts


def make_problem(
    n_samples: int,
    n_features: int,
    n_classes: int,
    hidden: tuple[int, ...],
    activation: str,
    seed: int,
    *,
    alpha: float = 1e-2,
    learning_rate: float = 0.05,
    batch_size: int = 8,
    max_iter: int = 5,
) -> Problem:
    """Build a problem from a few numbers (see the module docstring)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    centres = 1.5 * rng.standard_normal((n_classes, n_features))
    y = np.argmin(((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2), axis=1)
    y[:n_classes] = np.arange(n_classes)  # every class present
    y = y.astype(np.int64)
    units = [n_features, *hidden, 1 if n_classes == 2 else n_classes]
    coefs, intercepts = glorot(units, activation, rng)
    return Problem(X, y, hidden, activation, alpha, learning_rate, batch_size, max_iter, seed, coefs, intercepts)


@st.composite
def problems(
    draw: st.DrawFn,
    *,
    max_samples: int = 30,
    max_classes: int = 4,
    two_layers: bool = True,
    activations: tuple[str, ...] = ACTIVATIONS,
) -> Problem:
    """Hypothesis strategy for :class:`Problem`: a few rows, 2..max_classes classes, 1-2 small layers."""
    n_classes = draw(st.integers(2, max_classes))
    n_samples = draw(st.integers(max(n_classes, 3), max_samples))
    n_features = draw(st.integers(1, 4))
    n_layers = draw(st.integers(1, 2)) if two_layers else 1
    hidden = tuple(draw(st.integers(1, 6)) for _ in range(n_layers))
    activation = draw(st.sampled_from(activations))
    alpha = draw(st.sampled_from((0.0, 1e-4, 0.01, 0.5)))
    learning_rate = draw(st.sampled_from((1e-3, 0.01, 0.1)))
    batch_size = draw(st.integers(1, n_samples + 3))
    max_iter = draw(st.integers(1, 6))
    seed = draw(SEEDS)
    return make_problem(
        n_samples,
        n_features,
        n_classes,
        hidden,
        activation,
        seed,
        alpha=alpha,
        learning_rate=learning_rate,
        batch_size=batch_size,
        max_iter=max_iter,
    )


def hidden_pre_activations(problem: Problem) -> list[FloatArray]:
    """``z`` of every hidden layer at the initial weights (to keep away from ReLU's kink)."""
    a = problem.X
    found = []
    for W, b in zip(problem.coefs[:-1], problem.intercepts[:-1], strict=True):
        z = a @ W + b
        found.append(z)
        if problem.activation == "relu":
            a = np.maximum(z, 0.0)
        elif problem.activation == "tanh":
            a = np.tanh(z)
        else:
            a = 1.0 / (1.0 + np.exp(-z))
    return found


def clear_of_the_kink(problem: Problem) -> bool:
    return all(np.min(np.abs(z)) > KINK_MARGIN for z in hidden_pre_activations(problem))


def sklearn_fit(
    problem: Problem, y: IntArray | None = None
) -> tuple[list[FloatArray], list[FloatArray], FloatArray, FloatArray]:
    """scikit-learn's SGD from the problem's weights: ``(coefs_, intercepts_, loss_curve_, predict_proba(X))``."""
    labels = problem.y if y is None else y
    return _sklearn_fit(
        problem.X,
        labels,
        problem.coefs,
        problem.intercepts,
        problem.activation,
        problem.alpha,
        problem.learning_rate,
        problem.batch_size,
        problem.max_iter,
    )


@remembered  # computed once per input, for every submission graded with this suite
def _sklearn_fit(
    X: FloatArray,
    y: IntArray,
    coefs: list[FloatArray],
    intercepts: list[FloatArray],
    activation: str,
    alpha: float,
    learning_rate: float,
    batch_size: int,
    max_iter: int,
) -> tuple[list[FloatArray], list[FloatArray], FloatArray, FloatArray]:
    """``solver="sgd"``, no momentum, no shuffling, constant step, no early stop, from given weights.

    scikit-learn draws its own initial weights; a first ``fit`` with ``warm_start=True`` sets up every
    attribute, then the weights are replaced and the second ``fit`` trains from them (``warm_start``
    skips the initialisation, and ``fit`` builds a fresh optimiser over the new arrays).
    """
    model = SklearnMLP(
        hidden_layer_sizes=tuple(W.shape[1] for W in coefs[:-1]),
        activation=activation,
        solver="sgd",
        alpha=alpha,
        batch_size=batch_size,
        learning_rate="constant",
        learning_rate_init=learning_rate,
        max_iter=1,
        shuffle=False,
        momentum=0.0,
        nesterovs_momentum=False,
        warm_start=True,
        n_iter_no_change=max_iter + 1,
        tol=0.0,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and batch-size clipping warnings are no news
        model.fit(X, y)
        model.coefs_ = [np.array(W, dtype=np.float64) for W in coefs]
        model.intercepts_ = [np.array(b, dtype=np.float64) for b in intercepts]
        model.loss_curve_ = []
        model.best_loss_ = np.inf
        model._no_improvement_count = 0
        model.max_iter = max_iter
        model.fit(X, y)
    if len(model.loss_curve_) != max_iter:
        raise RuntimeError(f"scikit-learn stopped after {len(model.loss_curve_)} epochs, not {max_iter}")
    return (
        [np.array(W) for W in model.coefs_],
        [np.array(b) for b in model.intercepts_],
        np.array(model.loss_curve_, dtype=np.float64),
        np.array(model.predict_proba(X), dtype=np.float64),
    )


def numerical_gradients(
    loss: object, coefs: list[FloatArray], intercepts: list[FloatArray], step: float = 1e-6
) -> tuple[list[FloatArray], list[FloatArray]]:
    """Central differences ``(L(p + h) - L(p - h)) / 2h`` of ``loss(coefs, intercepts)`` for every parameter."""
    assert callable(loss)

    def derivative(arrays: list[FloatArray], index: int, position: tuple[int, ...]) -> float:
        original = arrays[index][position]
        arrays[index][position] = original + step
        upper = float(loss(coefs, intercepts))
        arrays[index][position] = original - step
        lower = float(loss(coefs, intercepts))
        arrays[index][position] = original
        return (upper - lower) / (2.0 * step)

    coef_grads = [np.zeros_like(W) for W in coefs]
    intercept_grads = [np.zeros_like(b) for b in intercepts]
    for index, W in enumerate(coefs):
        for position in np.ndindex(W.shape):
            coef_grads[index][position] = derivative(coefs, index, position)
    for index, b in enumerate(intercepts):
        for position in np.ndindex(b.shape):
            intercept_grads[index][position] = derivative(intercepts, index, position)
    return coef_grads, intercept_grads


def read_layers(values: object, shapes: Sequence[tuple[int, ...]], *, what: str) -> list[FloatArray]:
    """A list of float arrays of the given shapes, read from the candidate, or a failed check."""
    if not isinstance(values, list | tuple) or len(values) != len(shapes):
        count = len(values) if isinstance(values, list | tuple) else type(values).__name__
        raise CheckFailed(f"{what} should be a list of {len(shapes)} arrays (one per layer); got {count}")
    arrays = []
    for index, (value, shape) in enumerate(zip(values, shapes, strict=True)):
        if not isinstance(value, np.ndarray):
            raise CheckFailed(f"{what}[{index}] should be an ndarray of shape {shape}; got {type(value).__name__}")
        if value.shape != shape:
            raise CheckFailed(f"{what}[{index}] has shape {value.shape}; expected {shape}")
        arrays.append(np.asarray(value, dtype=np.float64))
    return arrays
