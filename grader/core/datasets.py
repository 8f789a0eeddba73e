"""Load the small real datasets shipped in ``datasets/``, checking each file's sha256 first.

A private bank (see ``grader.banks``) may ship its own in ``BANK/datasets/<name>.csv``, each listed
with its digest in ``BANK/datasets/SHA256SUMS`` (the format ``sha256sum`` writes); an unlisted file is
never read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

from grader.core import banks
from grader.core.errors import ConfigurationError

DATASETS_DIR = banks.bundled().datasets

# The same digests are listed in datasets/README.md; tests/test_datasets.py keeps the two in step.
SHA256 = {
    "iris": "1e52d3d96ba49c50fe132731766e8b9b3d456d7b44163a4d62d2a256e19005e5",
    "wine": "47946bdb6b5017961c6e2b5daa8a74b0d98779c1c66f21645d1d737eded7e8cb",
    "breast_cancer": "432ff316e7bfb60b70a275064b4401315cc39f09c9099d031013a23647e98687",
    "diabetes": "08779b698e32fc83ab9ac1f20196760b3347fc986927f652310d1a8b865219e8",
}


def load_dataset(
    name: str,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Return ``(X, y)`` for a bundled dataset or one of a private bank.

    Parameters
    ----------
    name : str
        One of ``"iris"``, ``"wine"``, ``"breast_cancer"``, ``"diabetes"`` (a regression target, whole
        numbers), or a dataset of a private bank.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64
    y : ndarray of shape (n_samples,), int64

    Raises
    ------
    ConfigurationError
        When the name is unknown, the file is missing, or its content does not match its digest.
    """
    path, expected = locate(name)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise ConfigurationError(f"Dataset file {path} cannot be read: {error}.") from error
    digest = hashlib.sha256(content).hexdigest()
    if digest != expected:
        raise ConfigurationError(f"Dataset file {path} has sha256 {digest}; expected {expected}.")
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    return table[:, :-1].copy(), table[:, -1].astype(np.int64)


def locate(name: str) -> tuple[Path, str]:
    """The file of dataset ``name`` and the sha256 it must have: bundled first, then private banks."""
    if name in SHA256:
        return DATASETS_DIR / f"{name}.csv", SHA256[name]
    known = dict.fromkeys(SHA256)
    for bank in banks.private():
        listed = _listed_digests(bank.datasets / "SHA256SUMS")
        if f"{name}.csv" in listed:
            return bank.datasets / f"{name}.csv", listed[f"{name}.csv"]
        known.update(dict.fromkeys(file.removesuffix(".csv") for file in listed))
    raise ConfigurationError(f"Unknown dataset {name!r}; known: {', '.join(sorted(known))}.")


def _listed_digests(path: Path) -> dict[str, str]:
    """``{file name: sha256}`` from a ``sha256sum`` listing; no listing means no datasets."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigurationError(f"Cannot read {path}: {error.strerror or error}.") from None
    listed = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        digest, _, file = line.partition(" ")
        file = file.strip().lstrip("*")
        if len(digest) != 64 or not file or "/" in file:
            raise ConfigurationError(f"Line {number} of {path} should read '<sha256>  <name>.csv'; got {line!r}.")
        listed[file] = digest.lower()
    return listed
