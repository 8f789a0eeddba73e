"""JUnit XML: one ``testsuite`` per exercise, one ``testcase`` per check, so any CI can show it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from grader.results import GRADED, ExerciseResult, GradeReport


def render(report: GradeReport) -> str:
    suites = ET.Element("testsuites", name="mlgrade", tests="0", failures="0")
    total_tests = total_failures = 0
    for exercise in report.exercises:
        suite = _suite(exercise)
        suites.append(suite)
        total_tests += int(suite.get("tests", "0"))
        total_failures += int(suite.get("failures", "0"))
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _suite(exercise: ExerciseResult) -> ET.Element:
    suite = ET.Element("testsuite", name=exercise.slug)
    cases = []
    if exercise.status != GRADED:
        case = ET.Element("testcase", classname=f"{exercise.slug}.status", name=exercise.status)
        failure = ET.SubElement(case, "failure", message=exercise.message[:500], type=exercise.status)
        failure.text = exercise.message
        cases.append(case)
    for check in exercise.checks:
        case = ET.Element("testcase", classname=f"{exercise.slug}.{check.category}", name=check.name)
        ET.SubElement(case, "properties").extend([
            ET.Element("property", name="score", value=f"{check.score:g}"),
            ET.Element("property", name="max_score", value=f"{check.max_score:g}"),
        ])
        if not check.passed:
            failure = ET.SubElement(case, "failure", message=check.message[:500], type=check.category)
            failure.text = check.message + (f"\nSmallest failing input: {check.example}" if check.example else "")
        cases.append(case)
    suite.extend(cases)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for case in cases if case.find("failure") is not None)))
    return suite
