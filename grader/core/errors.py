"""The grader's exceptions.

Two trees, because they travel differently. ``GraderError`` is raised by the grader's own code and
becomes a one-line message (CLI exit code 2) or an exercise-level status. ``CandidateFault`` is a
``BaseException`` on purpose: when candidate code times out or kills its worker, Hypothesis must not
catch it and shrink (each shrink step would wait for another timeout); it ends the check at once.
``CandidateRaised`` marks an ordinary exception raised by candidate code; the proxy re-raises it as a
class that also derives from the matching built-in (``ValueError`` ...) so suites can use
``pytest.raises``::

    Exception
    ├── GraderError                      the grader could not do its job
    │   ├── UsageError                   a command-line mistake (exit code 2)
    │   ├── ConfigurationError           bad exercise.toml, unknown category, broken dataset file
    │   ├── SubmissionError              missing path, unreadable archive, malformed notebook
    │   └── SuiteError                   the grading suite itself is broken (a check without @points)
    └── CandidateRaised                  candidate code raised (mixed with the built-in it raised)
        └── MissingName                  the candidate module lacks a name (also an AttributeError)

    BaseException
    └── CandidateFault                   the call did not complete; the check fails at once
        ├── CandidateTimeout             a call exceeded its wall-clock limit
        ├── CandidateCrashed             the worker died, exited or ran out of memory
        ├── CandidateImportFailed        the module cannot be imported (every call fails the same way)
        ├── NotImplementedFault          candidate code raised NotImplementedError
        ├── BudgetExceeded               the exercise's total time budget is spent
        ├── ResourceExceeded             too many items or bytes read back, or too much disk written
        └── MalformedReply               the worker sent something that is not data
"""

from __future__ import annotations


class GraderError(Exception):
    """The grader could not do its job; the message is meant for a person."""


class UsageError(GraderError):
    """A command-line mistake: reported in one line, exit code 2."""


class ConfigurationError(GraderError):
    """An exercise's configuration or a bundled file is invalid."""


class SubmissionError(GraderError):
    """A submission (or part of one) cannot be read."""


class SuiteError(GraderError):
    """A grading suite is broken: the fault is the grader's, not the candidate's."""


class CandidateRaised(Exception):
    """Candidate code raised an exception; ``remote_type`` is its class name."""

    remote_type: str = "Exception"
    location: str = ""


class MissingName(CandidateRaised, AttributeError):
    """The candidate module does not define a name the suite asked for."""


class CandidateFault(BaseException):
    """A call into candidate code did not complete; the check that made it fails."""


class CandidateTimeout(CandidateFault):
    """A call exceeded its wall-clock limit; the worker was killed."""


class CandidateCrashed(CandidateFault):
    """The worker died (signal, exit, memory) during a call."""


class CandidateImportFailed(CandidateFault):
    """The candidate module cannot be imported; every call fails with the same reason."""


class NotImplementedFault(CandidateFault):
    """Candidate code raised ``NotImplementedError``: nothing to shrink, the check fails at once."""


class BudgetExceeded(CandidateFault):
    """The exercise's total grading time budget is spent."""


class ResourceExceeded(CandidateFault):
    """Candidate code yielded too many items or bytes, or wrote more to disk than its cap allows."""


class MalformedReply(CandidateFault):
    """The worker sent a reply that is not valid data."""
