"""Candidate text is data: hostile strings through every renderer, read back by the real consumers' parsers.

Each report here is built the way the grader builds one (``clean_report`` at the boundary), filled
with what a candidate controls: escape sequences, lone surrogates, HTML, Markdown, ``::`` workflow
commands, CSV formulas, characters XML 1.0 forbids and very long lines. The outputs are then read by
an XML parser and the Jenkins JUnit schema, a CommonMark parser, Python's csv and json modules, an
HTML parser, and checked for terminal escape sequences.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from markdown_it import MarkdownIt

from grader.core import sanitize
from grader.core.results import (
    CheckResult,
    ExerciseResult,
    GradeReport,
    clean_report,
    report_from_dict,
    round_points,
    split_exactly,
    total_points,
)
from grader.reports import FORMATS, render
from grader.workflows.gradebook import StoredResult, gradebook_frame, write_csv

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "junit-10.xsd")))
FAKE_TABLE = "\x1b[2J\x1b[H\x1b[32mkmeans    20.00 / 20\x1b[0m\ntotal    100.00 / 100 (100.0%)"
HOSTILE = {
    "escapes": FAKE_TABLE + "\x1b]0;owned\x07\x9b31m\r\x08\x7f",
    "surrogate": "bad \ud800 byte \udcff and \ufffe\uffff \U0001fffe",
    "html": "<h2>Full marks</h2><img src=x onerror=alert(1)><script>alert('x')</script>&amp; <!-- c -->",
    "markdown": "*all* __tests__ passed [click](http://evil.example) ![i](x) # heading\n| a | b |\n> quote `c`",
    "commands": "::error file=grader.py::fake\n::add-mask::secret\n  ::notice ::x " + "y" * 60 + " ::warning ::z",
    "formula": '=HYPERLINK("http://evil.example","click")',
    "xml": "nul\x00 bell\x07 vt\x0b ff\x0c esc\x1b end",
    "long": "A" * 20_000 + " " + "word " * 5_000,
    "bidi": "safe\u202etxt.exe",
}
ALL_HOSTILE = "\n".join(HOSTILE.values())
GRADER_COLOURS = re.compile(r"\x1b\[(?:1|2|31|32|33|0)m")
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e]")


def hostile_check(name: str, text: str, passed: bool = False) -> CheckResult:
    # Eleven checks share 20 points: 1.8181... each, which no format can show exactly.
    return CheckResult(
        name=f"test_{name}",
        category="properties",
        weight=1.0,
        max_score=20 / 11,
        score=20 / 11 if passed else 0.0,
        passed=passed,
        message=text,
        example=text[:500],
    )


def hostile_report(submission: str = HOSTILE["formula"] + "\n::error ::name") -> GradeReport:
    checks = [hostile_check(name, text) for name, text in HOSTILE.items()]
    checks += [hostile_check("passes", "", passed=True) for _ in range(2)]
    exercise = ExerciseResult(
        slug="kmeans",
        title="K-means " + HOSTILE["html"],
        status="graded",
        score=40 / 11,
        max_score=20.0,
        message=ALL_HOSTILE,
        checks=checks,
        notes=list(HOSTILE.values()),
        categories={"properties": {"score": 40 / 11, "max_score": 20.0}},
        candidate_output=ALL_HOSTILE,
        candidate_output_bytes=len(ALL_HOSTILE),
        source=HOSTILE["escapes"],
        timing={"seconds": 1.25},
    )
    broken = ExerciseResult(
        slug="pca",
        title="PCA",
        status="grader_error",
        score=0.0,
        max_score=10.0,
        message=HOSTILE["surrogate"] + HOSTILE["xml"],
    )
    report = GradeReport(
        submission=submission,
        score=40 / 11,
        max_score=30.0,
        isolation="process",
        exercises=[exercise, broken],
        version="test",
        timing={"seconds": 2.5},
        notes=[HOSTILE["escapes"]],
    )
    # The grader's own boundary: cleaned, then rounded to the cent, as grade_submission does.
    for result in report.exercises:
        round_points(result)
    report.score, report.max_score = total_points(report.exercises)
    return clean_report(report)


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return {fmt: render(hostile_report(), fmt, color=(fmt == "text"), min_score=50) for fmt in FORMATS}


# ----------------------------------------------------------------------------- the sanitiser


@given(st.text())
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = sanitize.clean(text, 300)
    assert sanitize.clean(once, 300) == once
    assert sanitize.clean_name(sanitize.clean_name(text)) == sanitize.clean_name(text)


@given(st.text(alphabet=st.characters(codec=None, categories=None)))
def test_cleaned_text_is_printable_valid_utf8_and_capped(text: str) -> None:
    cleaned = sanitize.clean(text, 200)
    assert not FORBIDDEN.search(cleaned)
    cleaned.encode("utf-8")  # strict: a lone surrogate would raise
    assert len(cleaned) <= 200
    assert "\n" not in sanitize.clean_name(text) and "\t" not in sanitize.clean_name(text)


def test_control_characters_are_shown_not_obeyed() -> None:
    assert sanitize.clean("a\x1b[2Jb\x00c\u202ed\nok\t!") == "a\\x1b[2Jb\\x00c\\u202ed\nok\t!"
    assert sanitize.clean("\ud800") == "\ufffd"
    assert sanitize.clean_name("x\ny") == "x\\x0ay"


def test_a_long_text_is_cut_with_a_note_of_how_much() -> None:
    cut = sanitize.clean("x" * 1000, 100)
    assert len(cut) == 100 and cut.endswith(" [... 930 more characters cut]")


def test_a_line_starting_with_a_workflow_command_is_defused_even_when_indented() -> None:
    assert sanitize.defuse_line("  ::error ::x") == "  \\::error ::x"
    assert sanitize.defuse_line("a ::error ::x") == "a ::error ::x"


# ----------------------------------------------------------------------------- every format


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_hostile_text_as_valid_utf8_without_forbidden_characters(
    outputs: dict[str, str], fmt: str
) -> None:
    text = outputs[fmt]
    text.encode("utf-8")
    without_colours = GRADER_COLOURS.sub("", text)
    assert not FORBIDDEN.search(without_colours), repr(FORBIDDEN.search(without_colours))


def test_rendering_a_raw_report_cleans_it_on_a_copy() -> None:
    raw = GradeReport(submission="a\x1bb\ud800", score=0, max_score=1, isolation="bubblewrap", exercises=[])
    json.loads(render(raw, "json"))
    assert raw.submission == "a\x1bb\ud800"  # rendering never changes the data


# ----------------------------------------------------------------------------- text


def test_the_text_report_has_only_the_graders_colours_and_no_workflow_command(outputs: dict[str, str]) -> None:
    text = outputs["text"]
    assert "\x1b" not in GRADER_COLOURS.sub("", text)
    lines = GRADER_COLOURS.sub("", text).split("\n")
    assert not [line for line in lines if line.lstrip().startswith("::")]
    assert max(len(line) for line in lines) <= 80
    # The fake score table is shown as text; the real one is still the only one.
    assert "\\x1b[2J" in text
    assert sum(1 for line in lines if line.startswith("total ")) == 1


def test_a_wrapped_line_never_starts_with_a_workflow_command() -> None:
    message = "x" * 74 + " ::error file=a::b " + "y " * 40
    report = GradeReport(
        "s", 0, 1, "bubblewrap", [ExerciseResult("toy", "Toy", "graded", 0, 1, checks=[hostile_check("c", message)])]
    )
    lines = render(report, "text").split("\n")
    assert any(line.lstrip().startswith("\\::error") for line in lines)
    assert not [line for line in lines if line.lstrip().startswith("::")]


def test_the_text_report_warns_that_process_isolation_is_not_safe(outputs: dict[str, str]) -> None:
    lines = GRADER_COLOURS.sub("", outputs["text"]).splitlines()
    assert "WARNING: isolation 'process' is not safe for untrusted code (no bubblewrap)" in lines
    safe = render(GradeReport("s", 0, 1, "bubblewrap", []), "text")
    assert "not safe" not in safe


# ----------------------------------------------------------------------------- JUnit


def test_junit_is_well_formed_and_valid_against_the_jenkins_schema(outputs: dict[str, str]) -> None:
    ET.fromstring(outputs["junit"].encode("utf-8"))
    document = etree.fromstring(outputs["junit"].encode("utf-8"))
    assert SCHEMA.validate(document), SCHEMA.error_log


def test_junit_carries_the_total_score_percentage_and_time(outputs: dict[str, str]) -> None:
    root = ET.fromstring(outputs["junit"].encode("utf-8"))
    assert root.get("time") == "2.500"
    suite = root.find("testsuite[@name='kmeans']")
    assert suite is not None and suite.get("time") == "1.250" and suite.get("errors") == "0"
    values = {p.get("name"): p.get("value") for p in suite.iter("property")}
    # The cents go to the earliest of equal checks: nine failed 1.82s and two passed 1.81s make 20.00.
    assert values["total_score"] == "3.62" and values["total_max_score"] == "30.00"
    assert values["total_percent"] == "12.07" and values["score"] == "3.62" and values["max_score"] == "20.00"
    broken = root.find("testsuite[@name='pca']")
    assert broken is not None and broken.get("errors") == "1" and broken.find("testcase/error") is not None
    assert root.get("tests") == "12" and root.get("failures") == "9" and root.get("errors") == "1"


def test_unsanitised_junit_would_not_parse() -> None:
    """The test above can fail: the same characters, raw, break the parser."""
    with pytest.raises(ET.ParseError):
        ET.fromstring(f"<a>{HOSTILE['xml']}</a>")


# ----------------------------------------------------------------------------- Markdown


def markdown_tokens(text: str) -> list:  # type: ignore[type-arg]
    parser = MarkdownIt("commonmark").enable("table")
    return parser.parse(text)


def test_no_candidate_html_survives_in_markdown(outputs: dict[str, str]) -> None:
    tokens = markdown_tokens(outputs["markdown"])
    html = [token.content.strip() for token in tokens if token.type == "html_block"]
    html += [child.content for token in tokens for child in token.children or [] if child.type == "html_inline"]
    assert set(html) <= {"<details><summary>9 failed checks</summary>", "</details>"}, html
    rendered = MarkdownIt("commonmark").enable("table").render(outputs["markdown"])
    assert "<script" not in rendered and "<img" not in rendered and "<h2>Full" not in rendered
    assert "&lt;script&gt;" in rendered


def test_markdown_punctuation_in_candidate_text_is_literal(outputs: dict[str, str]) -> None:
    tokens = markdown_tokens(outputs["markdown"])
    kinds = {child.type for token in tokens for child in token.children or []}
    # The grader's own bold check names are the only emphasis; no link or image from a message.
    assert "link_open" not in kinds and "image" not in kinds and "em_open" not in kinds
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    assert all(heading.startswith(("mlgrade:", "kmeans:", "pca:")) for heading in headings), headings
    rendered = MarkdownIt("commonmark").render(outputs["markdown"])
    assert "*all* __tests__ passed [click](http://evil.example)" in rendered


def test_markdown_has_one_narrow_table_and_says_whether_the_gate_passed(outputs: dict[str, str]) -> None:
    tokens = markdown_tokens(outputs["markdown"])
    assert sum(1 for token in tokens if token.type == "table_open") == 1
    header = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "th_open"]
    assert header == ["exercise", "score", "status", "checks passed"]
    assert "Minimum score 50\\.00\\%: **failed**." in outputs["markdown"]


# ----------------------------------------------------------------------------- JSON and Gradescope


def test_json_round_trips_the_cleaned_report(outputs: dict[str, str]) -> None:
    data = json.loads(outputs["json"])
    assert report_from_dict(data).to_dict() == data
    assert data["submission"].startswith("=HYPERLINK(") and "\\x0a::error" in data["submission"]


def test_gradescope_hides_the_hidden_suite_and_adds_up_exactly(outputs: dict[str, str]) -> None:
    document = json.loads(outputs["gradescope"])
    checks = [test for test in document["tests"] if test["tags"][0] == "kmeans"]
    assert {test["visibility"] for test in checks} == {"after_published"}
    assert sum(Decimal(str(test["score"])) for test in checks) == Decimal("3.62")
    assert sum(Decimal(str(test["max_score"])) for test in checks) == Decimal("20.00")
    assert Decimal(str(document["score"])) == sum(Decimal(str(test["score"])) for test in document["tests"])
    assert document["execution_time"] == 3
    status = [test for test in document["tests"] if test["tags"] == ["pca"]]
    assert status[0]["visibility"] == "visible" and status[0]["max_score"] == 10.0


def test_gradescope_visibility_can_be_chosen() -> None:
    document = json.loads(render(hostile_report(), "gradescope", gradescope_visibility="hidden"))
    assert {test["visibility"] for test in document["tests"] if len(test["tags"]) == 2} == {"hidden"}


# ----------------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_html_escapes_candidate_text(outputs: dict[str, str]) -> None:
    parser = _Collector()
    parser.feed(outputs["html"])
    assert "script" not in parser.tags and "img" not in parser.tags
    assert "&lt;script&gt;" in outputs["html"]
    assert 'id="unsafe-isolation"' in outputs["html"]


# ----------------------------------------------------------------------------- CSV


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    names = [HOSTILE["formula"], "+1+2", "-3", "@SUM(A1)", "alice"]
    results = [StoredResult(sanitize.clean_name(name), "h", "f", hostile_report(name)) for name in names]
    write_csv(gradebook_frame(results), tmp_path / "gradebook.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "gradebook.csv").read_text(encoding="utf-8"))))
    submissions = sorted(row["submission"] for row in rows)
    assert submissions == sorted(["'" + name if name != "alice" else name for name in names])
    for row in rows:
        assert not row["issues"].startswith(("=", "+", "-", "@"))
        assert float(row["total"]) == 3.62


# ----------------------------------------------------------------------------- points to the cent


@given(st.lists(st.floats(0, 50), min_size=1, max_size=30))
def test_split_points_add_up_exactly_to_the_rounded_total(values: list[float]) -> None:
    parts = split_exactly(values, sum(values))
    assert sum(round(part * 100) for part in parts) == round(sum(values) * 100)
    assert all(abs(part - value) < 0.01 + 1e-9 for part, value in zip(parts, values, strict=True))
    assert all(part == 0 for part, value in zip(parts, values, strict=True) if value == 0)


def test_an_exercise_of_thirds_shows_checks_that_add_up_to_its_score() -> None:
    checks = [CheckResult(f"c{n}", "properties", 1.0, 20 / 3, 20 / 3 if n else 0.0, bool(n), "") for n in range(3)]
    result = round_points(
        ExerciseResult(
            "x",
            "X",
            "graded",
            40 / 3,
            20.0,
            checks=checks,
            categories={"properties": {"score": 40 / 3, "max_score": 20.0}},
        )
    )
    assert [c.max_score for c in result.checks] == [6.67, 6.67, 6.66]
    assert result.score == 13.33 and result.categories["properties"] == {"score": 13.33, "max_score": 20.0}
    assert math.isclose(sum(c.score for c in result.checks), result.score)
