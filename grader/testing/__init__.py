"""The suite library: everything an exercise's suite, benchmark and showcase import, from one place.

Exercise code imports only from ``grader.testing``: the engine's modules may move, this API stays.

``checks`` (the ``@points`` marker and comparisons), ``speed`` (efficiency that cannot be gamed),
``presets`` (the Hypothesis profile and settings derived from it), ``strategies`` (generated data with
unambiguous answers), ``readback`` (candidate results read as typed data), ``oracles`` (the trusted
side), ``spying`` (journals of what candidate code did), ``messages`` (compact values, first
differences) and ``arrays`` (type aliases).
"""

from __future__ import annotations

from grader.core.bench import Comparison
from grader.core.datasets import load_dataset
from grader.core.errors import CandidateRaised
from grader.core.exercises import load_reference
from grader.grading.proxy import RemoteObject, same_object
from grader.testing.arrays import Array, BoolArray, FloatArray, IntArray
from grader.testing.checks import (
    CheckFailed,
    expect_close,
    expect_equal,
    expect_shape,
    points,
    raises,
    raises_not_fitted,
    trusted,
)
from grader.testing.expected_values import remembered
from grader.testing.messages import brief, first_difference, listed
from grader.testing.oracles import build, quietly
from grader.testing.presets import few_examples, without_shrinking
from grader.testing.readback import (
    read_array,
    read_attributes,
    read_floats,
    read_labels,
    read_number,
    read_whole_number,
)
from grader.testing.speed import assert_fast_enough
from grader.testing.spying import fit_records, records, row_indices, spy_estimator, spy_transformer
from grader.testing.strategies import (
    label_vectors,
    offset_matrices,
    seeded_matrices,
    separated_blobs,
    well_conditioned_designs,
)

__all__ = [
    "Array",
    "BoolArray",
    "CandidateRaised",
    "CheckFailed",
    "Comparison",
    "FloatArray",
    "IntArray",
    "RemoteObject",
    "assert_fast_enough",
    "brief",
    "build",
    "expect_close",
    "expect_equal",
    "expect_shape",
    "few_examples",
    "first_difference",
    "fit_records",
    "label_vectors",
    "listed",
    "load_dataset",
    "load_reference",
    "offset_matrices",
    "points",
    "quietly",
    "raises",
    "raises_not_fitted",
    "read_array",
    "read_attributes",
    "read_floats",
    "read_labels",
    "read_number",
    "read_whole_number",
    "records",
    "remembered",
    "row_indices",
    "same_object",
    "seeded_matrices",
    "separated_blobs",
    "spy_estimator",
    "spy_transformer",
    "trusted",
    "well_conditioned_designs",
    "without_shrinking",
]
