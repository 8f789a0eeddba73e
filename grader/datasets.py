"""Load the small real datasets shipped in ``datasets/``, checking each file's sha256 first."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

from grader.errors import ConfigurationError

DATASETS_DIR = Path(__file__).resolve().parent.parent / "datasets"

# The same digests are listed in datasets/README.md; tests/test_datasets.py keeps the two in step.
SHA256 = {
    "iris": "1e52d3d96ba49c50fe132731766e8b9b3d456d7b44163a4d62d2a256e19005e5",
    "wine": "47946bdb6b5017961c6e2b5daa8a74b0d98779c1c66f21645d1d737eded7e8cb",
    "breast_cancer": "432ff316e7bfb60b70a275064b4401315cc39f09c9099d031013a23647e98687",
}


def load_dataset(
    name: str,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Return ``(X, y)`` for one of the bundled datasets.

    Parameters
    ----------
    name : str
        One of ``"iris"``, ``"wine"``, ``"breast_cancer"``.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64
    y : ndarray of shape (n_samples,), int64

    Raises
    ------
    ConfigurationError
        When the name is unknown, the file is missing, or its content does not match its digest.
    """
    if name not in SHA256:
        raise ConfigurationError(f"Unknown dataset {name!r}; known: {', '.join(sorted(SHA256))}.")
    path = DATASETS_DIR / f"{name}.csv"
    try:
        content = path.read_bytes()
    except OSError as error:
        raise ConfigurationError(f"Dataset file {path} cannot be read: {error}.") from error
    digest = hashlib.sha256(content).hexdigest()
    if digest != SHA256[name]:
        raise ConfigurationError(f"Dataset file {path} has sha256 {digest}; expected {SHA256[name]}.")
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    return table[:, :-1].copy(), table[:, -1].astype(np.int64)
