"""Binary logistic regression with an L2 penalty, fitted by Newton's method."""

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def _log1pexp(a):
    """log(1 + exp(a)) without overflow."""
    return np.maximum(a, 0.0) + np.log1p(np.exp(-np.abs(a)))


class LogisticRegression:
    def __init__(self, *, C=1.0, fit_intercept=True, max_iter=1000, tol=1e-6):
        self.C = C
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def _validate_X(self, X):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"X should be 2-dimensional, got ndim={X.ndim}")
        if not np.all(np.isfinite(X)):
            raise ValueError("Input X contains NaN or infinite values")
        return X

    def _objective(self, theta, X1, y01, reg):
        z = X1 @ theta
        # -log-likelihood for 0/1 targets: log(1 + e^z) - y z
        return 0.5 * np.sum(reg * theta**2) + self.C * np.sum(_log1pexp(z) - y01 * z)

    def fit(self, X, y):
        if not np.isscalar(self.C) or not self.C > 0:
            raise ValueError(f"Invalid C={self.C!r}: C must be strictly positive")
        X = self._validate_X(X)
        y = np.asarray(y)
        if y.shape[0] != X.shape[0]:
            raise ValueError(
                f"Found input variables with inconsistent numbers of samples: [{X.shape[0]}, {y.shape[0]}]"
            )
        classes, y_idx = np.unique(y, return_inverse=True)
        if len(classes) < 2:
            raise ValueError(f"Need samples of two classes, but the data contains only one: {classes[0]!r}")
        if len(classes) > 2:
            raise ValueError(f"This is a binary classifier; y has {len(classes)} classes")
        y01 = y_idx.astype(np.float64)

        n, d = X.shape
        if self.fit_intercept:
            X1 = np.column_stack([X, np.ones(n)])
            reg = np.ones(d + 1)
        else:
            X1 = X
            reg = np.ones(d)
        C = float(self.C)
        theta = np.zeros(X1.shape[1])
        f = self._objective(theta, X1, y01, reg)
        for it in range(self.max_iter):
            p = sigmoid(X1 @ theta)
            grad = reg * theta + C * (X1.T @ (p - y01))
            if np.max(np.abs(grad)) < self.tol * C * n:
                break
            W = p * (1 - p)
            H = np.diag(reg) + C * (X1.T @ (X1 * W[:, None]))
            delta = np.linalg.solve(H, -grad)
            step = 1.0
            while step > 1e-10:
                new_theta = theta + step * delta
                new_f = self._objective(new_theta, X1, y01, reg)
                if new_f <= f:
                    break
                step /= 2
            theta, f = new_theta, new_f
        self.n_iter_ = it
        self.classes_ = classes
        self.coef_ = theta[:d].reshape(1, -1)
        self.intercept_ = theta[d:] if self.fit_intercept else np.zeros(1)
        return self

    def decision_function(self, X):
        if not hasattr(self, "classes_"):
            raise ValueError("Model not fitted: call fit before decision_function/predict")
        return self._validate_X(X) @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X):
        p1 = sigmoid(self.decision_function(X))
        return np.column_stack([1 - p1, p1])

    def predict(self, X):
        return np.where(self.decision_function(X) > 0, self.classes_[1], self.classes_[0])
