"""The report as SARIF 2.1.0, for code-scanning upload: one rule entry per rule id."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from imfhist import __version__
from imfhist.checking.validation import Report
from imfhist.common.problems import Problem
from imfhist.common.safety import json_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning"}


def _rules() -> list[dict[str, Any]]:
    from imfhist.checking.rules import RULES

    return [{
        "id": rule.id,
        "name": "".join(part.title() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": _LEVEL[str(rule.severity)]},
    } for rule in RULES.values()]


def _result(problem: Problem, index: dict[str, int]) -> dict[str, Any]:
    loc = problem.loc
    location: dict[str, Any] = {"artifactLocation": {"uri": PurePath(loc.path).as_posix()}}
    if loc.line:
        region = {"startLine": loc.line, "startColumn": loc.column}
        if loc.end_line:
            region |= {"endLine": loc.end_line, "endColumn": loc.end_column}
        location["region"] = region
    text = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return {
        "ruleId": problem.rule,
        "ruleIndex": index[problem.rule],
        "level": _LEVEL[str(problem.severity)],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
    }


def render(report: Report, quiet: bool = False, strict: bool = False) -> str:
    rules = _rules()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "imfhist",
                "version": __version__,
                "rules": rules,
            }},
            "results": [_result(p, index) for p in report.problems],
        }],
    }
    return json_text(document)
