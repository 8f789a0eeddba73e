"""The bundled datasets load, match their digests, and agree with datasets/README.md."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import datasets as sk_datasets

from grader.core.datasets import DATASETS_DIR, SHA256, load_dataset

SKLEARN = {
    "iris": sk_datasets.load_iris,
    "wine": sk_datasets.load_wine,
    "breast_cancer": sk_datasets.load_breast_cancer,
    "diabetes": sk_datasets.load_diabetes,
}


@pytest.mark.parametrize("name", sorted(SHA256))
def test_a_dataset_equals_the_copy_scikit_learn_bundles(name: str) -> None:
    X, y = load_dataset(name)
    bunch = SKLEARN[name]()
    np.testing.assert_array_equal(X, bunch.data)
    np.testing.assert_array_equal(y, bunch.target)


def test_the_readme_lists_every_digest() -> None:
    readme = (DATASETS_DIR / "README.md").read_text(encoding="utf-8")
    for name, digest in SHA256.items():
        assert f"`{name}.csv`" in readme and digest in readme
