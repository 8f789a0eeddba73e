"""The visual report: one self-contained, escaped, deterministic HTML page, with pictures drawn from
trusted code beside the candidate's outputs, checked as a person sees it in headless Chromium."""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.core.exercises import discover, find, load_reference, load_showcase
from grader.core.results import CheckResult, ExerciseResult, GradeReport
from grader.grading import showcase
from grader.grading.submission import ExerciseSource
from grader.reports import FORMATS, render
from grader.reports import pictures as plots
from grader.testing.pictures import folds_input
from tests.helpers import FIXTURES, ROOT

# Every exercise's picture, from its own showcase.py: the report engine names none of them.
SHOWCASE = {exercise.slug: module for exercise in discover() if (module := load_showcase(exercise)) is not None}

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TOY = FIXTURES / "toy"


def sklearn_showcase(slug: str) -> dict[str, Any]:
    """Showcase data as a correct candidate would return it, computed with scikit-learn."""
    from sklearn.cluster import KMeans
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier

    data: dict[str, Any] = {"input": SHOWCASE[slug].INPUT_VERSION}
    if slug == "kmeans":
        X = SHOWCASE["kmeans"].fixed_input()
        model = KMeans(n_clusters=3, init=X[:3], n_init=1).fit(X)
        data.update(labels=model.labels_.tolist(), centres=model.cluster_centers_.tolist())
    elif slug == "logistic_regression":
        X, y = SHOWCASE["logistic_regression"].fixed_input()
        grid = SHOWCASE["logistic_regression"].boundary_grid(X)[2]
        data["decision"] = LogisticRegression().fit(X, y).decision_function(grid).tolist()
    elif slug == "classification_metrics":
        data["matrix"] = confusion_matrix(*SHOWCASE["classification_metrics"].fixed_input()).tolist()
    elif slug == "cross_validation":
        X, y = folds_input()
        tree = DecisionTreeClassifier(max_depth=3, random_state=0)
        data.update(
            kfold=cross_val_score(tree, X, y, cv=KFold(5)).tolist(),
            stratified=cross_val_score(tree, X, y, cv=StratifiedKFold(5)).tolist(),
        )
    elif slug == "leakage_safe_scaling":
        X, y = folds_input()
        pipeline = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=1000))
        data["scores"] = cross_val_score(pipeline, X, y, cv=KFold(5)).tolist()
    else:  # any other exercise: its reference, imported here, answers as a correct candidate would
        data = showcase.run(SHOWCASE[slug], load_reference(slug))
    return data


def exercise(slug: str, *, showcase_data: dict[str, Any] | None = None, passed: bool = False) -> ExerciseResult:
    checks = [
        CheckResult("test_centres_match_the_reference", "matches_reference", 1, 12, 12, True, "passed"),
        CheckResult(
            "test_rejects_nan",
            "input_validation",
            1,
            8,
            8 if passed else 0,
            passed,
            "passed" if passed else "fit(X) did not raise ValueError for X with a NaN",
            "" if passed else "X=array([[nan, 0.]])",
        ),
    ]
    score = sum(check.score for check in checks)
    return ExerciseResult(
        slug=slug,
        title=f"The {slug} exercise",
        status="graded",
        score=score,
        max_score=20,
        checks=checks,
        categories={"matches_reference": {"score": 12, "max_score": 12}},
        showcase=showcase_data or {},
    )


def full_report() -> GradeReport:
    exercises = [exercise(slug, showcase_data=sklearn_showcase(slug)) for slug in SHOWCASE]
    exercises.append(
        ExerciseResult(
            slug="toy",
            title="Toy",
            status="import_error",
            score=0,
            max_score=10,
            message="the module failed to import: SyntaxError: invalid syntax (line 4)",
        )
    )
    return GradeReport(
        submission="alice",
        score=sum(e.score for e in exercises),
        max_score=sum(e.max_score for e in exercises),
        isolation="bubblewrap",
        exercises=exercises,
        version="test",
    )


@pytest.fixture(scope="module")
def page() -> str:
    return render(full_report(), "html")


def test_html_is_a_registered_format() -> None:
    assert "html" in FORMATS


def test_the_page_is_self_contained(page: str) -> None:
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    sources = re.findall(r'(?:src|href)="([^"#][^"]*)"', page)
    assert sources and all(source.startswith("data:image/png;base64,") for source in sources)
    assert "<script" not in page and "<link" not in page


def test_every_exercise_with_a_showcase_gets_its_picture(page: str) -> None:
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,([^"]+)"', page)
    assert [html.unescape(alt) for alt, _ in images] == [SHOWCASE[slug].TITLE for slug in SHOWCASE]
    assert set(SHOWCASE) >= {
        "kmeans",
        "logistic_regression",
        "classification_metrics",
        "cross_validation",
        "leakage_safe_scaling",
    }
    assert all(base64.b64decode(data).startswith(PNG_SIGNATURE) for _, data in images)


def test_a_correct_candidate_agrees_with_the_trusted_side_in_every_caption(page: str) -> None:
    assert "0 of 150 points are assigned unlike the" in page
    assert "the centres agree" in page
    assert "predict the same class on 100.0%" in page
    assert "The matrices agree." in page
    assert page.count("The candidate&#x27;s scores match scikit-learn&#x27;s.") >= 2


def test_the_score_table_and_failed_checks_are_shown(page: str) -> None:
    assert 'id="score-table"' in page
    assert page.count('<tr class="failed-check">') == len(SHOWCASE)  # one failed check per exercise
    assert "fit(X) did not raise ValueError for X with a NaN" in page
    assert "smallest failing input: X=array([[nan, 0.]])" in page
    assert "SyntaxError: invalid syntax (line 4)" in page


def test_the_page_is_byte_identical_across_renders() -> None:
    def page_of_one() -> str:
        result = exercise("classification_metrics", showcase_data=sklearn_showcase("classification_metrics"))
        return render(GradeReport("alice", 12, 20, "process", [result], version="test"), "html")

    first = page_of_one()
    assert "<img" in first and page_of_one() == first


def test_everything_from_the_report_is_escaped() -> None:
    result = exercise("toy")
    result.checks[1].message = '<script>alert("x")</script>'
    result.notes = ["<img src=x onerror=alert(1)>"]
    report = GradeReport(submission="<b>eve</b>", score=0, max_score=20, isolation="process", exercises=[result])
    text = render(report, "html")
    assert "<script>" not in text and "<img src=x" not in text and "<b>eve</b>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text


def test_candidate_data_of_the_wrong_shape_is_reported_not_drawn() -> None:
    data = sklearn_showcase("kmeans")
    data["labels"] = data["labels"][:10]
    [picture] = plots.pictures_for(exercise("kmeans", showcase_data=data))
    assert picture.png == b""
    assert "labels_ has shape (10,); expected (150,)" in picture.caption


def test_a_candidate_error_is_shown_instead_of_its_picture() -> None:
    data = {"input": SHOWCASE["kmeans"].INPUT_VERSION, "error": "not implemented"}
    text = render(GradeReport("bob", 0, 20, "process", [exercise("kmeans", showcase_data=data)]), "html")
    assert "The candidate&#x27;s side could not be computed: not implemented" in text
    assert "<img" not in text


def test_a_wrong_candidate_is_visibly_wrong() -> None:
    data = sklearn_showcase("classification_metrics")
    data["matrix"] = np.asarray(data["matrix"]).T.tolist()  # rows and columns swapped: a classic mistake
    [picture] = plots.pictures_for(exercise("classification_metrics", showcase_data=data))
    assert picture.png.startswith(PNG_SIGNATURE)
    assert re.search(r"\d+ cells differ", picture.caption)


def test_the_showcase_is_collected_from_the_candidate_in_the_sandbox() -> None:
    kmeans = find("kmeans")
    reference = showcase.collect(kmeans, ExerciseSource("kmeans", ROOT / "reference" / "kmeans.py"))
    assert reference["input"] == SHOWCASE["kmeans"].INPUT_VERSION and "error" not in reference, reference
    assert len(reference["labels"]) == 150 and len(reference["centres"]) == 3
    stub = showcase.collect(kmeans, ExerciseSource("kmeans", kmeans.stub_path))
    assert stub == {"input": SHOWCASE["kmeans"].INPUT_VERSION, "error": "not implemented"}


def test_grade_writes_an_html_report(tmp_path: Path) -> None:
    folder = tmp_path / "candidate"
    folder.mkdir()
    shutil.copyfile(TOY / "exercises" / "toy" / "toy.py", folder / "toy.py")
    out = tmp_path / "report.html"
    env = {**os.environ, "MLGRADE_EXERCISES": str(TOY / "exercises"), "MLGRADE_REFERENCE": str(TOY / "reference")}
    run = subprocess.run(
        [sys.executable, "-m", "grader.cli", "grade", str(folder), "--format", "html", "--output", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'id="score-table"' in text
    assert text.count('<tr class="failed-check">') == 5 and "not implemented" in text


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-extensions",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_the_page_renders_in_headless_chromium(page: str, tmp_path: Path) -> None:
    from matplotlib.image import imread

    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    screenshot = tmp_path / "screenshot.png"
    _chromium("--window-size=1100,1400", f"--screenshot={screenshot}", path.as_uri())
    pixels = imread(screenshot)[..., :3]
    assert pixels.shape[:2] == (1400, 1100)
    not_white = (pixels < 0.9).any(axis=2).mean()
    assert not_white > 0.05, f"the page looks blank ({not_white:.1%} of pixels are not white)"
    assert pixels.std() > 0.1
    dom = _chromium("--dump-dom", path.as_uri()).stdout
    assert 'id="score-table"' in dom and 'id="total"' in dom
    assert dom.count("<img") == 5 and dom.count('class="failed-check"') == 5
    assert "alice" in dom and "5 of 6" not in dom


class _KMeansReturning:
    """A stand-in candidate whose fitted attributes are whatever the test says."""

    def __init__(self, labels: object, centres: object) -> None:
        self.labels, self.centres = labels, centres

    def __call__(self, **params: object) -> _KMeansReturning:
        return self

    def fit(self, X: object) -> _KMeansReturning:
        self.labels_, self.cluster_centers_ = self.labels, self.centres
        return self


@pytest.mark.parametrize(
    "labels, centres, reason",
    [
        (list(range(149)), np.zeros((3, 2)), "KMeans.labels_ has shape (149,); expected (150,)"),
        (["a"] * 150, np.zeros((3, 2)), "KMeans.labels_ is not numeric"),
        ([0.5] * 150, np.zeros((3, 2)), "KMeans.labels_ holds values that are not integers"),
        ([0] * 150, {"centres": 1}, "KMeans.cluster_centers_ is a dict, not an array"),
    ],
)
def test_the_showcase_keeps_only_numbers_of_the_expected_shape(labels: object, centres: object, reason: str) -> None:
    candidate = type("Candidate", (), {"KMeans": _KMeansReturning(labels, centres)})()
    assert showcase.run(SHOWCASE["kmeans"], candidate) == {"input": SHOWCASE["kmeans"].INPUT_VERSION, "error": reason}


def test_a_graded_exercise_without_showcase_data_says_why_it_has_no_picture() -> None:
    [picture] = plots.pictures_for(exercise("logistic_regression"))
    assert picture.png == b"" and "were not collected" in picture.caption
    assert plots.pictures_for(ExerciseResult("kmeans", "K-means", "import_error", 0, 20)) == []


# ----------------------------------------------------------------------------- pictures that tell the truth


def _module(path: Path) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lost_in_outputs(slug: str, data: dict[str, Any]) -> ExerciseResult:
    result = exercise(slug, showcase_data=data, passed=True)
    result.categories["matches_sklearn"] = {"score": 2.0, "max_score": 8.0}
    return result


@pytest.mark.parametrize("slug", sorted(SHOWCASE))
def test_a_picture_that_shows_no_difference_never_says_agree_beside_lost_points(slug: str) -> None:
    [picture] = plots.pictures_for(lost_in_outputs(slug, sklearn_showcase(slug)))
    assert picture.png.startswith(PNG_SIGNATURE)
    assert "cannot show that difference" in picture.caption and "lost 6.00 points" in picture.caption
    assert not re.search(r"\bagree\b|\bmatch(es)?\b", picture.caption), picture.caption


@pytest.mark.parametrize(
    "slug, variant",
    [
        ("leakage_safe_scaling", "buggy_scales_before_splitting"),
        ("leakage_safe_scaling", "buggy_refits_scaler_on_test_fold"),
        ("cross_validation", "buggy_drops_remainder"),
        ("cross_validation", "buggy_remainder_in_last_fold"),
    ],
)
def test_the_fold_pictures_input_shows_the_classic_mistakes(slug: str, variant: str) -> None:
    data = showcase.run(SHOWCASE[slug], _module(FIXTURES / slug / f"{variant}.py"))
    [picture] = plots.pictures_for(lost_in_outputs(slug, data))
    assert "The scores differ from scikit-learn's by up to" in picture.caption, picture.caption


def test_a_correct_stratifier_that_deals_folds_differently_is_not_called_wrong() -> None:
    data = showcase.run(SHOWCASE["cross_validation"], _module(FIXTURES / "cross_validation" / "correct_array_split.py"))
    [picture] = plots.pictures_for(exercise("cross_validation", showcase_data=data, passed=True))
    assert "Left: Accuracy on each test fold, unshuffled folds. The candidate's scores match" in picture.caption
    assert "stratified per-fold scores may differ from scikit-learn's without a mistake" in picture.caption
