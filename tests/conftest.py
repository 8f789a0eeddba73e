"""Test settings: the grading profile is the judge's business; these tests keep Hypothesis quiet."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "tests", database=None, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
settings.load_profile("tests")
