"""A multilayer perceptron classifier trained by backpropagation and plain mini-batch SGD.

Implement the three names below with NumPy only; ``README.md`` is the contract.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def forward(coefs: list[Any], intercepts: list[Any], X: Any, activation: str) -> FloatArray:
    """The network's output probabilities for the rows of ``X``.

    Parameters
    ----------
    coefs : list of ndarray
        ``coefs[l]`` of shape (fan_in, fan_out); ``coefs[0]`` has ``n_features`` rows.
    intercepts : list of ndarray
        ``intercepts[l]`` of shape (fan_out,).
    X : array-like of shape (n_samples, n_features)
    activation : {"relu", "tanh", "logistic"}
        The activation of every hidden layer.

    Returns
    -------
    ndarray of shape (n_samples, n_outputs)
        The logistic of the last layer when it has one unit, its row-wise softmax otherwise.
    """
    raise NotImplementedError


def loss_and_gradients(
    coefs: list[Any], intercepts: list[Any], X: Any, y: Any, alpha: float, activation: str
) -> tuple[float, list[FloatArray], list[FloatArray]]:
    """The penalised log-loss of the batch ``(X, y)`` and its gradient for every parameter.

    Parameters
    ----------
    coefs, intercepts, X, activation
        As in :func:`forward`.
    y : array-like of shape (n_samples, n_outputs)
        The indicator matrix: one 0/1 column for a logistic output, one-hot rows for a softmax output.
    alpha : float
        L2 strength; the penalty is ``alpha / (2 * n_samples) * sum(||W||^2)``, biases excluded.

    Returns
    -------
    loss : float
    coef_grads : list of ndarray, shaped like ``coefs``
    intercept_grads : list of ndarray, shaped like ``intercepts``
    """
    raise NotImplementedError


class MLPClassifier:
    """A multilayer perceptron classifier trained with plain mini-batch SGD, as in scikit-learn.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(100,)
    activation : {"relu", "tanh", "logistic"}, default="relu"
    alpha : float, default=1e-4
    learning_rate_init : float, default=1e-3
    batch_size : int or "auto", default="auto"
    max_iter : int, default=200
    random_state : int or None, default=None

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    coefs_ : list of ndarray
    intercepts_ : list of ndarray
    loss_curve_ : list of float, one per epoch
    n_features_in_ : int
    out_activation_ : {"logistic", "softmax"}
    """

    classes_: npt.NDArray[Any]
    coefs_: list[FloatArray]
    intercepts_: list[FloatArray]
    loss_curve_: list[float]
    n_features_in_: int
    out_activation_: str

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

    def fit(
        self, X: Any, y: Any, coefs_init: list[Any] | None = None, intercepts_init: list[Any] | None = None
    ) -> MLPClassifier:
        """Train for ``max_iter`` epochs of mini-batch SGD; return ``self``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,), any sortable labels, at least two classes
        coefs_init, intercepts_init : list of ndarray or None
            Starting weights (left unchanged); both ``None`` draws them (see the statement).
        """
        raise NotImplementedError

    def predict_proba(self, X: Any) -> FloatArray:
        """Probabilities of shape (n_samples, n_classes), columns in the order of ``classes_``."""
        raise NotImplementedError

    def predict(self, X: Any) -> npt.NDArray[Any]:
        """The class of largest probability, shape (n_samples,)."""
        raise NotImplementedError
