"""Import helpers for benchmarks and suites: ``load_reference("kmeans")`` returns the reference module."""

from grader.exercises import load_reference

__all__ = ["load_reference"]
