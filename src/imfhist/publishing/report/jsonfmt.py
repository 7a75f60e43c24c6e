"""The report as one JSON document (its shape is documented in docs/ci.md and held by a test).

    {"valid": bool, "counts": {"error": n, "warning": n}, "files": [path, ...],
     "problems": [{"path", "line", "column", "end_line"?, "end_column"?, "severity", "rule",
                   "message", "hint"?}, ...]}

`line` and `column` are 1-based, and null for a file that could not be read at all.
"""

from __future__ import annotations

from typing import Any

from imfhist.checking.validation import Report
from imfhist.common.problems import Problem
from imfhist.common.safety import json_text


def problem_record(problem: Problem) -> dict[str, Any]:
    loc = problem.loc
    record: dict[str, Any] = {"path": loc.path, "line": loc.line or None,
                              "column": loc.column or None}
    if loc.end_line:
        record["end_line"] = loc.end_line
        record["end_column"] = loc.end_column
    record |= {"severity": str(problem.severity), "rule": problem.rule, "message": problem.message}
    if problem.hint:
        record["hint"] = problem.hint
    return record


def render(report: Report, quiet: bool = False, strict: bool = False) -> str:
    failed = report.errors or report.unreadable or (strict and report.warnings)
    document = {
        "valid": not failed,
        "counts": {"error": report.errors, "warning": report.warnings},
        "files": list(report.files),
        "problems": [problem_record(p) for p in report.problems],
    }
    return json_text(document)
