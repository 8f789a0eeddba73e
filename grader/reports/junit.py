"""JUnit XML: one ``testsuite`` per exercise, one ``testcase`` per check, so any CI can show it.

The document is valid against the Jenkins JUnit schema (``junit-10.xsd``, the dialect most CI tools
read): ``errors`` on every suite, ``properties`` only on a suite, ``time`` in seconds. Scores travel
as suite properties (the exercise's and the submission's score, maximum and percentage, to the
cent); a check's points are in its ``system-out``. A check that failed is a ``failure``; an exercise
the grader itself could not grade is an ``error``. Candidate text arrives cleaned
(``grader.sanitize``), so every character is allowed in XML 1.0.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from grader.core.results import GRADED, GRADER_ERROR, ExerciseResult, GradeReport, points
from grader.core.sanitize import clean

MESSAGE_ATTRIBUTE_CHARS = 500


def render(report: GradeReport) -> str:
    suites = ET.Element("testsuites", name=f"mlgrade: {report.submission}")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for exercise in report.exercises:
        suite = _suite(exercise, report)
        suites.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        suites.set(key, str(value))
    suites.set("time", _seconds(report.timing))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _seconds(timing: dict[str, float]) -> str:
    return f"{float(timing.get('seconds', 0.0)):.3f}"


def _properties(exercise: ExerciseResult, report: GradeReport) -> ET.Element:
    percent = 100.0 * exercise.score / exercise.max_score if exercise.max_score else 0.0
    values = {
        "score": points(exercise.score),
        "max_score": points(exercise.max_score),
        "percent": points(percent),
        "status": exercise.status,
        "total_score": points(report.score),
        "total_max_score": points(report.max_score),
        "total_percent": points(report.percent),
        "isolation": report.isolation,
    }
    properties = ET.Element("properties")
    properties.extend(ET.Element("property", name=name, value=value) for name, value in values.items())
    return properties


def _suite(exercise: ExerciseResult, report: GradeReport) -> ET.Element:
    suite = ET.Element("testsuite", name=exercise.slug)
    suite.append(_properties(exercise, report))
    cases = []
    if exercise.status != GRADED:
        case = ET.Element("testcase", classname=f"{exercise.slug}.status", name=exercise.status)
        kind = "error" if exercise.status == GRADER_ERROR else "failure"
        problem = ET.SubElement(case, kind, message=_attribute(exercise.message), type=exercise.status)
        problem.text = exercise.message
        cases.append(case)
    for check in exercise.checks:
        case = ET.Element("testcase", classname=f"{exercise.slug}.{check.category}", name=check.name)
        if not check.passed:
            failure = ET.SubElement(case, "failure", message=_attribute(check.message), type=check.category)
            failure.text = check.message + (f"\nSmallest failing input: {check.example}" if check.example else "")
        ET.SubElement(case, "system-out").text = f"{points(check.score)} / {points(check.max_score)} points"
        cases.append(case)
    suite.extend(cases)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for case in cases if case.find("failure") is not None)))
    suite.set("errors", str(sum(1 for case in cases if case.find("error") is not None)))
    suite.set("time", _seconds(exercise.timing))
    return suite


def _attribute(text: str) -> str:
    # One line in an attribute: CI tools show it as the failure's title.
    return clean(" ".join(text.split()), MESSAGE_ATTRIBUTE_CHARS)
