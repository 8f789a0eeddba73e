"""A multilayer perceptron classifier trained by backpropagation and plain mini-batch SGD (NumPy only).

The network maps ``X`` through hidden layers ``a = act(a @ W + b)`` and an output layer that is one
logistic unit for two classes or a softmax over ``K > 2`` classes. The loss of a batch of ``m`` rows is

    L = mean log-loss + alpha / (2 m) * sum_l ||W_l||^2         (biases are not penalised)

and its gradient is found by backpropagation: the output delta is ``P - Y`` (probabilities minus the
indicator matrix), ``delta_{l-1} = (delta_l @ W_l.T) * act'(z_{l-1})``, and

    dL/dW_l = (a_{l-1}.T @ delta_l + alpha * W_l) / m,     dL/db_l = sum_rows(delta_l) / m.

Training runs exactly ``max_iter`` epochs over the rows in their given order (no shuffling), in
consecutive batches of ``batch_size`` rows (the last one may be smaller), each followed by the step
``W <- W - learning_rate_init * dL/dW``. This is scikit-learn's ``MLPClassifier(solver="sgd",
momentum=0, learning_rate="constant", shuffle=False)`` without early stopping.
"""

from __future__ import annotations

import itertools
import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
ACTIVATIONS = ("relu", "tanh", "logistic")
EPS = float(np.finfo(np.float64).eps)


def _sigmoid(z: FloatArray) -> FloatArray:
    """The logistic function without overflow: ``exp(-logaddexp(0, -z))``."""
    result: FloatArray = np.exp(-np.logaddexp(0.0, -z))
    return result


def _softmax(z: FloatArray) -> FloatArray:
    """Row-wise softmax, shifted by each row's maximum so ``exp`` never overflows."""
    shifted = np.exp(z - z.max(axis=1, keepdims=True))
    result: FloatArray = shifted / shifted.sum(axis=1, keepdims=True)
    return result


def _hidden(z: FloatArray, activation: str) -> FloatArray:
    """The hidden activation of ``z`` (input is assumed valid)."""
    if activation == "relu":
        return np.maximum(z, 0.0)
    if activation == "tanh":
        return np.tanh(z)
    return _sigmoid(z)


def _derivative(a: FloatArray, activation: str) -> FloatArray:
    """The activation's derivative written with its output ``a``; ReLU's is 0 where ``a == 0``."""
    if activation == "relu":
        return (a > 0.0).astype(np.float64)
    if activation == "tanh":
        return 1.0 - a * a
    return a * (1.0 - a)


def _layers(coefs: list[FloatArray], intercepts: list[FloatArray], X: FloatArray, activation: str) -> list[FloatArray]:
    """Every layer's activations, ``[X, a_1, ..., output]`` (input is assumed valid)."""
    activations = [X]
    for index, (W, b) in enumerate(zip(coefs, intercepts, strict=True)):
        z = activations[-1] @ W + b
        if index < len(coefs) - 1:
            activations.append(_hidden(z, activation))
        elif W.shape[1] == 1:
            activations.append(_sigmoid(z))
        else:
            activations.append(_softmax(z))
    return activations


def _loss(output: FloatArray, Y: FloatArray, coefs: list[FloatArray], alpha: float) -> float:
    """Mean log-loss with probabilities clipped to ``[eps, 1 - eps]``, plus the L2 penalty."""
    P = np.clip(output, EPS, 1.0 - EPS)
    if P.shape[1] == 1:
        per_row = Y[:, 0] * np.log(P[:, 0]) + (1.0 - Y[:, 0]) * np.log(1.0 - P[:, 0])
    else:
        per_row = np.sum(np.where(Y > 0, Y * np.log(P), 0.0), axis=1)
    n_samples = Y.shape[0]
    penalty = sum(float(np.sum(W * W)) for W in coefs)
    return float(-np.mean(per_row) + 0.5 * alpha * penalty / n_samples)


def _backprop(
    coefs: list[FloatArray], intercepts: list[FloatArray], X: FloatArray, Y: FloatArray, alpha: float, activation: str
) -> tuple[float, list[FloatArray], list[FloatArray]]:
    """Loss and gradients of one batch (input is assumed valid)."""
    activations = _layers(coefs, intercepts, X, activation)
    n_samples = X.shape[0]
    loss = _loss(activations[-1], Y, coefs, alpha)
    coef_grads: list[FloatArray] = []
    intercept_grads: list[FloatArray] = []
    delta = activations[-1] - Y
    for layer in reversed(range(len(coefs))):
        coef_grads.insert(0, (activations[layer].T @ delta + alpha * coefs[layer]) / n_samples)
        intercept_grads.insert(0, delta.sum(axis=0) / n_samples)
        if layer > 0:
            delta = (delta @ coefs[layer].T) * _derivative(activations[layer], activation)
    return loss, coef_grads, intercept_grads


def _as_matrix(X: Any, name: str = "X") -> FloatArray:
    array = np.asarray(X, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(f"{name} should be a 2-D array; got {array.ndim} dimension(s).")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} should have at least one row and one column; got shape {array.shape}.")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity.")
    return array


def _check_activation(activation: Any) -> str:
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation should be one of {ACTIVATIONS}; got {activation!r}.")
    return str(activation)


def _check_network(coefs: Any, intercepts: Any, n_features: int) -> tuple[list[FloatArray], list[FloatArray]]:
    """The weights as float64 copies, checked to chain from ``n_features`` inputs."""
    if not isinstance(coefs, list | tuple) or not isinstance(intercepts, list | tuple):
        raise ValueError("coefs and intercepts should be lists of arrays.")
    if len(coefs) == 0 or len(coefs) != len(intercepts):
        raise ValueError(
            f"coefs and intercepts should be non-empty lists of the same length; "
            f"got {len(coefs)} and {len(intercepts)}."
        )
    weights = [np.array(W, dtype=np.float64) for W in coefs]
    biases = [np.array(b, dtype=np.float64) for b in intercepts]
    fan_in = n_features
    for index, (W, b) in enumerate(zip(weights, biases, strict=True)):
        if W.ndim != 2 or W.shape[0] != fan_in or b.shape != (W.shape[1],):
            raise ValueError(
                f"coefs[{index}] should have shape ({fan_in}, n_units) and intercepts[{index}] shape (n_units,); "
                f"got {W.shape} and {b.shape}."
            )
        if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
            raise ValueError(f"coefs[{index}] or intercepts[{index}] contains NaN or infinity.")
        fan_in = W.shape[1]
    return weights, biases


def forward(coefs: list[Any], intercepts: list[Any], X: Any, activation: str) -> FloatArray:
    """The network's output probabilities for the rows of ``X``.

    Parameters
    ----------
    coefs : list of ndarray, ``coefs[l]`` of shape (fan_in, fan_out)
    intercepts : list of ndarray, ``intercepts[l]`` of shape (fan_out,)
    X : array-like of shape (n_samples, n_features)
    activation : {"relu", "tanh", "logistic"}, the hidden layers' activation.

    Returns
    -------
    ndarray of shape (n_samples, n_outputs): the logistic of the last layer when it has one unit,
    its row-wise softmax otherwise.
    """
    X = _as_matrix(X)
    activation = _check_activation(activation)
    weights, biases = _check_network(coefs, intercepts, X.shape[1])
    return _layers(weights, biases, X, activation)[-1]


def loss_and_gradients(
    coefs: list[Any], intercepts: list[Any], X: Any, y: Any, alpha: float, activation: str
) -> tuple[float, list[FloatArray], list[FloatArray]]:
    """The penalised log-loss of the batch ``(X, y)`` and its gradient for every parameter.

    ``y`` is the indicator matrix of shape (n_samples, n_outputs): one column of 0/1 for a logistic
    output, one-hot rows for a softmax output. Returns ``(loss, coef_grads, intercept_grads)`` with
    the gradients shaped like ``coefs`` and ``intercepts``.
    """
    X = _as_matrix(X)
    activation = _check_activation(activation)
    weights, biases = _check_network(coefs, intercepts, X.shape[1])
    Y = np.asarray(y, dtype=np.float64)
    if Y.shape != (X.shape[0], weights[-1].shape[1]):
        raise ValueError(f"y should have shape {(X.shape[0], weights[-1].shape[1])}; got {Y.shape}.")
    if not isinstance(alpha, numbers.Real) or not alpha >= 0.0:
        raise ValueError(f"alpha should be a number >= 0; got {alpha!r}.")
    return _backprop(weights, biases, X, Y, float(alpha), activation)


class MLPClassifier:
    """A multilayer perceptron classifier trained with plain mini-batch SGD, as in scikit-learn."""

    def __init__(
        self,
        hidden_layer_sizes: tuple[int, ...] = (100,),
        activation: str = "relu",
        alpha: float = 1e-4,
        learning_rate_init: float = 1e-3,
        batch_size: int | str = "auto",
        max_iter: int = 200,
        random_state: int | None = None,
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.alpha = alpha
        self.learning_rate_init = learning_rate_init
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.random_state = random_state

    def _check_parameters(self) -> tuple[int, ...]:
        sizes = self.hidden_layer_sizes
        if isinstance(sizes, numbers.Integral):
            sizes = (int(sizes),)
        if not isinstance(sizes, tuple | list) or not all(
            isinstance(h, numbers.Integral) and not isinstance(h, bool) and h >= 1 for h in sizes
        ):
            raise ValueError(f"hidden_layer_sizes should be a tuple of integers >= 1; got {self.hidden_layer_sizes!r}.")
        _check_activation(self.activation)
        if not isinstance(self.alpha, numbers.Real) or not self.alpha >= 0.0:
            raise ValueError(f"alpha should be a number >= 0; got {self.alpha!r}.")
        if not isinstance(self.learning_rate_init, numbers.Real) or not self.learning_rate_init > 0.0:
            raise ValueError(f"learning_rate_init should be a number > 0; got {self.learning_rate_init!r}.")
        if self.batch_size != "auto" and not (
            isinstance(self.batch_size, numbers.Integral)
            and not isinstance(self.batch_size, bool)
            and self.batch_size >= 1
        ):
            raise ValueError(f"batch_size should be 'auto' or an integer >= 1; got {self.batch_size!r}.")
        if not (
            isinstance(self.max_iter, numbers.Integral) and not isinstance(self.max_iter, bool) and self.max_iter >= 1
        ):
            raise ValueError(f"max_iter should be an integer >= 1; got {self.max_iter!r}.")
        return tuple(int(h) for h in sizes)

    def _initial_weights(self, units: list[int]) -> tuple[list[FloatArray], list[FloatArray]]:
        """Glorot-uniform weights and biases, drawn layer by layer from ``default_rng(random_state)``."""
        rng = np.random.default_rng(self.random_state)
        factor = 2.0 if self.activation == "logistic" else 6.0
        coefs, intercepts = [], []
        for fan_in, fan_out in itertools.pairwise(units):
            bound = np.sqrt(factor / (fan_in + fan_out))
            coefs.append(rng.uniform(-bound, bound, size=(fan_in, fan_out)))
            intercepts.append(rng.uniform(-bound, bound, size=fan_out))
        return coefs, intercepts

    def fit(
        self, X: Any, y: Any, coefs_init: list[Any] | None = None, intercepts_init: list[Any] | None = None
    ) -> MLPClassifier:
        """Train for ``max_iter`` epochs of mini-batch SGD from the given or Glorot-drawn weights."""
        sizes = self._check_parameters()
        X = _as_matrix(X)
        labels = np.asarray(y)
        if labels.ndim != 1 or labels.shape[0] != X.shape[0]:
            raise ValueError(f"y should be 1-D with {X.shape[0]} entries (one per row of X); got shape {labels.shape}.")
        classes, codes = np.unique(labels, return_inverse=True)
        if classes.shape[0] < 2:
            raise ValueError(f"y should hold at least two classes; got {classes.shape[0]}.")
        n_outputs = 1 if classes.shape[0] == 2 else classes.shape[0]
        units = [X.shape[1], *sizes, n_outputs]
        if coefs_init is None and intercepts_init is None:
            coefs, intercepts = self._initial_weights(units)
        else:
            coefs, intercepts = _check_network(coefs_init, intercepts_init, X.shape[1])
            shapes = [W.shape for W in coefs]
            if shapes != list(itertools.pairwise(units)):
                raise ValueError(f"coefs_init should have shapes {list(itertools.pairwise(units))}; got {shapes}.")
        Y = codes.reshape(-1, 1).astype(np.float64) if n_outputs == 1 else np.eye(n_outputs)[codes]
        n_samples = X.shape[0]
        batch = min(200, n_samples) if self.batch_size == "auto" else min(int(self.batch_size), n_samples)
        rate = float(self.learning_rate_init)
        curve = []
        for _ in range(int(self.max_iter)):
            total = 0.0
            for start in range(0, n_samples, batch):
                rows = slice(start, start + batch)
                loss, coef_grads, intercept_grads = _backprop(
                    coefs, intercepts, X[rows], Y[rows], float(self.alpha), self.activation
                )
                total += loss * (min(start + batch, n_samples) - start)
                for W, b, dW, db in zip(coefs, intercepts, coef_grads, intercept_grads, strict=True):
                    W -= rate * dW
                    b -= rate * db
            curve.append(total / n_samples)
        self.classes_ = classes
        self.coefs_ = coefs
        self.intercepts_ = intercepts
        self.loss_curve_ = curve
        self.n_features_in_ = X.shape[1]
        self.out_activation_ = "logistic" if n_outputs == 1 else "softmax"
        return self

    def predict_proba(self, X: Any) -> FloatArray:
        """Probabilities of shape (n_samples, n_classes), columns in the order of ``classes_``."""
        if not hasattr(self, "coefs_"):
            raise ValueError("This MLPClassifier is not fitted yet; call fit first.")
        X = _as_matrix(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but MLPClassifier was fitted with {self.n_features_in_}.")
        output = _layers(self.coefs_, self.intercepts_, X, self.activation)[-1]
        if output.shape[1] == 1:
            return np.hstack([1.0 - output, output])
        return output

    def predict(self, X: Any) -> npt.NDArray[Any]:
        """The class of largest probability (the first in ``classes_`` order on a tie)."""
        proba = self.predict_proba(X)
        result: npt.NDArray[Any] = self.classes_[np.argmax(proba, axis=1)]
        return result
