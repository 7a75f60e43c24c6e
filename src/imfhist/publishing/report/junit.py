"""The report as JUnit XML, which GitLab, Jenkins, Azure Pipelines and most CI systems read as
test results: one test suite per file, one failing test case per error (and per warning, with
--strict), one passing test case per warning otherwise, and one passing test case for a file
with no problem, so that every file checked is counted.

The shape follows the JUnit schema that Jenkins publishes (tests hold a copy, and check every
report against it). Text is escaped for XML, and characters that XML 1.0 cannot carry at all
(control characters, lone surrogates) are written as visible escapes such as `\\x1b`.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from imfhist.checking.validation import Report
from imfhist.common.problems import Problem
from imfhist.common.safety import clean

_NOT_IN_XML = re.compile("[\ufffe\uffff]")


def _text(value: str) -> str:
    cleaned = _NOT_IN_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", clean(value))
    return escape(cleaned)


def _attribute(value: str) -> str:
    cleaned = _NOT_IN_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", clean(value))
    return quoteattr(cleaned.replace("\n", " ").replace("\t", " "))


def _path(problem: Problem) -> str:
    path = problem.loc.path
    return path[2:] if path.startswith("./") else path


def _where(problem: Problem) -> str:
    loc = problem.loc
    return f"{_path(problem)}:{loc.line}:{loc.column}" if loc.line else _path(problem)


def _case(problem: Problem, failing: bool, unreadable: bool) -> list[str]:
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    name = f"{problem.rule} at {_where(problem)}"
    head = f"    <testcase name={_attribute(name)} classname={_attribute(problem.rule)}>"
    body = f"{_where(problem)}: {problem.severity} {problem.rule}: {message}"
    if unreadable:
        element = (f'      <error type="{problem.severity}" message={_attribute(message)}>'
                   f"{_text(body)}</error>")
    elif failing:
        element = (f'      <failure type="{problem.severity}" message={_attribute(message)}>'
                   f"{_text(body)}</failure>")
    else:
        element = f"      <system-out>{_text(body)}</system-out>"
    return [head, element, "    </testcase>"]


def render(report: Report, quiet: bool = False, strict: bool = False) -> str:
    by_file: dict[str, list[Problem]] = {path: [] for path in report.files}
    for problem in report.problems:
        by_file.setdefault(problem.loc.path, []).append(problem)
    suites: list[str] = []
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path, problems in by_file.items():
        unreadable = report.unreadable and any(not p.loc.line for p in problems)
        cases: list[str] = []
        failures = errors = 0
        for problem in problems:
            failing = problem.is_error or strict
            broken = unreadable and not problem.loc.line
            cases += _case(problem, failing, broken)
            errors += broken
            failures += failing and not broken
        tests = len(problems)
        if not problems:
            cases += ['    <testcase name="valid" classname="imfhist"/>']
            tests = 1
        totals["tests"] += tests
        totals["failures"] += failures
        totals["errors"] += errors
        shown = path[2:] if path.startswith("./") else path
        suites += [f'  <testsuite name={_attribute(shown)} tests="{tests}" failures="{failures}" '
                   f'errors="{errors}" skipped="0" file={_attribute(shown)}>', *cases,
                   "  </testsuite>"]
    head = (f'<testsuites name="imfhist validate" tests="{totals["tests"]}" '
            f'failures="{totals["failures"]}" errors="{totals["errors"]}">')
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', head, *suites,
                      "</testsuites>"]) + "\n"
