"""mlgrade: a fair, sandboxed grader for hands-on machine-learning coding exercises."""

__version__ = "0.1.0"
