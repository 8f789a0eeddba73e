"""Hypothesis settings for grading suites: one profile, and named presets derived from it.

The judge registers the profile with the exercise's example count and seed before any suite is
collected (``register_grading_profile``). Presets are functions, not constants, so that a suite
module imported at collection time derives them from that profile (``settings(parent=...)``), never
from Hypothesis's defaults. Only Hypothesis's public API is used, with one exception: the pool of
"local constants", which has no setting (``keep_examples_independent_of_local_code``).
"""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, Phase, settings

PROFILE = "mlgrade-grading"
DEFAULT_MAX_EXAMPLES = 25
# One failure per check is all a score needs: no hunt for further distinct bugs and no explain phase,
# which would re-run candidate code many times after the verdict is known.
GRADING_PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)


def register_grading_profile(*, max_examples: int = DEFAULT_MAX_EXAMPLES) -> None:
    """Register and load the grading profile: derandomised, no database, no deadline, one bug."""
    settings.register_profile(
        PROFILE,
        database=None,
        deadline=None,
        derandomize=True,
        print_blob=False,
        max_examples=max_examples,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        phases=GRADING_PHASES,
    )
    settings.load_profile(PROFILE)
    keep_examples_independent_of_local_code()


def keep_examples_independent_of_local_code() -> None:
    """Stop Hypothesis drawing examples from the literals of whatever "local" code is loaded.

    Hypothesis (6.1xx) draws, now and then, an integer, float or string found in the source of the
    modules it takes for the user's own: anything loaded that is neither in site-packages nor a test
    file. In a judge that is the grader itself and the exercise's helper modules (in a source checkout,
    not in an installed wheel), and only those loaded by then. So the examples, and with them the
    verdicts, changed with any edit of the engine, with how mlgrade was installed, and with what a run
    had imported: one added import in ``judge.py`` turned a failed check of the sample submission into
    a passed one. Hypothesis has no setting for this, so its local pool is pinned empty; its global
    constants, fixed for a Hypothesis version, stay. ``tests/engine/test_examples_are_fixed.py``
    fails if a Hypothesis release moves the hook.
    """
    with contextlib.suppress(ImportError):
        from hypothesis.internal.conjecture import providers

        constants_type = getattr(providers, "Constants", None)
        if hasattr(providers, "_get_local_constants") and constants_type is not None:
            empty = constants_type()
            setattr(providers, "_get_local_constants", lambda: empty)  # noqa: B010 - no public switch
            # Pools already worked out for a kind of draw would keep the local constants they hold.
            drawn_before = getattr(getattr(providers, "CONSTANTS_CACHE", None), "cache", None)
            if isinstance(drawn_before, dict):
                drawn_before.clear()


def grading_profile() -> settings:
    """The registered grading profile (registered with defaults if the judge has not done it)."""
    try:
        return settings.get_profile(PROFILE)
    except Exception:  # InvalidArgument before registration (a suite imported outside the judge)
        register_grading_profile()
        return settings.get_profile(PROFILE)


def few_examples(max_examples: int) -> settings:
    """The profile with fewer examples: for checks whose every example fits models in both processes."""
    return settings(parent=grading_profile(), max_examples=max_examples)


def without_shrinking(max_examples: int | None = None) -> settings:
    """Report the first failing example as drawn (small by construction), without shrinking it.

    For checks where each shrink step would fit models in both processes hundreds of times.
    """
    parent = grading_profile()
    return settings(
        parent=parent,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        max_examples=parent.max_examples if max_examples is None else max_examples,
    )
