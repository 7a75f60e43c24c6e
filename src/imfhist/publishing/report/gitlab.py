"""The report as a GitLab Code Quality artifact (`artifacts: reports: codequality:`): a JSON
list of issues, each with a description, the rule as `check_name`, a fingerprint, a severity
and the file and line, which GitLab shows in merge requests.

Errors are `major`, warnings `minor`, a file that cannot be read at all `blocker`. The
fingerprint, which GitLab uses to tell an issue that is new from one that was already there,
is made of the path, the rule, the message and the place, so that two problems never share one.
Tests check every report against the schema with which GitLab reads these artifacts.
"""

from __future__ import annotations

import hashlib
from typing import Any

from imfhist.checking.validation import Report
from imfhist.common.problems import Problem
from imfhist.common.safety import json_text

_SEVERITY = {"error": "major", "warning": "minor"}


def issue(problem: Problem) -> dict[str, Any]:
    loc = problem.loc
    path = loc.path[2:] if loc.path.startswith("./") else loc.path
    description = problem.message + (f" ({problem.hint})" if problem.hint else "")
    identity = "\0".join([path, problem.rule, problem.message, str(loc.line), str(loc.column)])
    # Code Climate's location gives either lines or positions; GitLab reads lines.
    location = {"path": path, "lines": {"begin": max(loc.line, 1),
                                        "end": max(loc.end_line or loc.line, 1)}}
    return {
        "type": "issue",
        "check_name": problem.rule,
        "description": description,
        "categories": ["Bug Risk"] if problem.is_error else ["Style"],
        "fingerprint": hashlib.md5(identity.encode("utf-8", "surrogatepass"),
                                   usedforsecurity=False).hexdigest(),
        "severity": "blocker" if not loc.line else _SEVERITY[str(problem.severity)],
        "location": location,
    }


def render(report: Report, quiet: bool = False, strict: bool = False) -> str:
    return json_text([issue(p) for p in report.problems])
