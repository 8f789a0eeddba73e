"""Self-checks for the candidate kit: run ``python -m pytest`` beside mlp_backprop.py."""

import numpy as np

from mlp_backprop import column_means


def test_the_worked_example() -> None:
    np.testing.assert_allclose(column_means(np.array([[1.0, 2.0], [3.0, 6.0]])), [2.0, 4.0])
