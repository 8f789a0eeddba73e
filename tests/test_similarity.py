"""Similarity flags: copies survive renaming and reformatting; independent work and the stub do not count."""

from __future__ import annotations

from pathlib import Path

from grader.workflows import similarity
from grader.workflows.similarity import find_matches, normalise
from tests.helpers import FIXTURES, ROOT

SAMPLES = FIXTURES / "similarity"
KMEANS_STUB = (ROOT / "exercises" / "kmeans" / "kmeans.py").read_text(encoding="utf-8")


def code(name: str) -> str:
    return (SAMPLES / f"{name}.py").read_text(encoding="utf-8")


def score(first: str, second: str, stub: str = KMEANS_STUB) -> float:
    matches = find_matches("kmeans", {"a": first, "b": second}, stub=stub, threshold=1e-9)
    return matches[0].score if matches else 0.0


def test_a_renamed_and_reformatted_copy_is_flagged() -> None:
    matches = find_matches(
        "kmeans", {"alice": code("kmeans_alice"), "mallory": code("kmeans_disguised")}, stub=KMEANS_STUB
    )
    assert [(m.first, m.second) for m in matches] == [("alice", "mallory")]
    assert matches[0].score > 0.9


def test_the_matching_regions_cover_the_copied_code_in_both_files() -> None:
    [match] = find_matches(
        "kmeans", {"alice": code("kmeans_alice"), "mallory": code("kmeans_disguised")}, stub=KMEANS_STUB
    )
    alice_lines = set().union(*(range(r.first[0], r.first[1] + 1) for r in match.regions))
    mallory_lines = set().union(*(range(r.second[0], r.second[1] + 1) for r in match.regions))
    # alice.py lines 47-94 (class KMeans) were copied to lines 42-89 of the disguised file
    assert set(range(47, 95)) <= alice_lines
    assert set(range(42, 90)) <= mallory_lines


def test_two_independent_correct_solutions_are_not_flagged() -> None:
    sources = {
        "alice": code("kmeans_alice"),
        "bob": code("kmeans_bob"),
        "reference": (ROOT / "reference" / "kmeans.py").read_text(encoding="utf-8"),
    }
    assert find_matches("kmeans", sources, stub=KMEANS_STUB) == []
    assert score(code("kmeans_alice"), code("kmeans_bob")) < 0.25


def test_the_stubs_own_code_does_not_count() -> None:
    helper = '''
def check_matrix(X):
    """Given in the stub: every candidate keeps it."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X should be 2-D; got {X.ndim} dimensions")
    if not np.isfinite(X).all():
        raise ValueError("X holds NaN or infinite values")
    if X.shape[0] == 0:
        raise ValueError("X has no rows")
    return X
'''
    stub = "import numpy as np\n" + helper + "\n\ndef column_means(X):\n    raise NotImplementedError\n"
    first = "import numpy as np\n" + helper + "\n\ndef column_means(X):\n    return check_matrix(X).mean(axis=0)\n"
    second = (
        "import numpy as np\n" + helper + "\n\ndef column_means(X):\n    X = check_matrix(X)\n"
        "    total = np.zeros(X.shape[1])\n    for row in X:\n        total += row\n"
        "    return total / len(X)\n"
    )
    assert score(first, second, stub="") > 0.5  # alike only through the stub's helper ...
    assert score(first, second, stub=stub) == 0.0  # ... which does not count


def test_names_comments_whitespace_and_literal_values_are_normalised_away() -> None:
    one = "def f(values):\n    # the total\n    return sum(values) * 2 + len('abc')\n"
    two = 'def   total_of(xs):  return sum(xs)*3.5+len("other")   # renamed\n'
    assert [t.text for t in normalise(one)] == [t.text for t in normalise(two)]


def test_library_and_api_attribute_names_are_kept() -> None:
    texts = [
        t.text for t in normalise("d = X.argmin(axis=1)\nself.labels_ = d\nself.mine = d\n", api=frozenset({"labels_"}))
    ]
    assert "argmin" in texts and "labels_" in texts
    assert "mine" not in texts and "d" not in texts


def test_docstrings_are_ignored() -> None:
    plain = "def f(x):\n    return x + 1\n"
    documented = 'def f(x):\n    """Add one.\n\n    Long text.\n    """\n    return x + 1\n'
    assert [t.text for t in normalise(plain)] == [t.text for t in normalise(documented)]


def test_code_with_a_syntax_error_is_still_compared() -> None:
    broken = code("kmeans_alice") + "\ndef oops(:\n    return (\n"
    assert normalise(broken)
    assert score(code("kmeans_alice"), broken) > 0.9


def test_the_threshold_is_an_option() -> None:
    sources = {"alice": code("kmeans_alice"), "bob": code("kmeans_bob")}
    assert find_matches("kmeans", sources, stub=KMEANS_STUB, threshold=0.05)
    assert not find_matches("kmeans", sources, stub=KMEANS_STUB, threshold=similarity.DEFAULT_THRESHOLD)


def test_files_too_short_to_judge_are_never_flagged() -> None:
    tiny = "def f(x):\n    return x\n"
    assert find_matches("toy", {"a": tiny, "b": tiny}, threshold=0.01) == []


def test_matches_are_ordered_most_alike_first() -> None:
    sources = {
        "alice": code("kmeans_alice"),
        "bob": code("kmeans_bob"),
        "mallory": code("kmeans_disguised"),
        "trudy": Path(SAMPLES / "kmeans_alice.py").read_text(encoding="utf-8"),
    }
    matches = find_matches("kmeans", sources, stub=KMEANS_STUB)
    assert [(m.first, m.second) for m in matches] == [("alice", "trudy"), ("alice", "mallory"), ("mallory", "trudy")]
    assert matches[0].score == 1.0
