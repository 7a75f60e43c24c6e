"""Validation rules: each has a stable id, a severity and a paragraph that documents it.

`RULES` maps every id to its Rule, including the ones the loader applies while reading the file
(their documentation lives in `structure.py`). `check(timeline)` runs every checker and returns
the problems it finds, unsorted.
"""

from __future__ import annotations

import importlib
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from imfhist.common.problems import Problem, Severity
from imfhist.timeline.model import Loc, Timeline

Checker = Callable[[Timeline], Iterable[Problem]]

RULES: dict[str, Rule] = {}
CHECKERS: list[Checker] = []


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    # A few lines of a timeline that break the rule, shown in docs/rules.md under the table.
    example: str | None = None

    def __post_init__(self) -> None:
        if self.id in RULES:
            raise ValueError(f"rule {self.id} is defined twice")
        RULES[self.id] = self

    def at(self, loc: Loc, message: str, hint: str | None = None) -> Problem:
        return Problem(loc, self.severity, self.id, message, hint)

    @property
    def summary(self) -> str:
        return " ".join(self.description.split())


def checker(function: Checker) -> Checker:
    CHECKERS.append(function)
    return function


def check(timeline: Timeline) -> list[Problem]:
    problems: list[Problem] = []
    for run in CHECKERS:
        problems.extend(run(timeline))
    return problems


# Importing the modules fills RULES and CHECKERS; this order is the order of docs/rules.md.
MODULES = ("structure", "document", "ids", "dates", "references", "countries", "lists", "quotes",
           "quotewords", "claims", "duplicates", "relations", "urls")
for _module in MODULES:
    importlib.import_module(f"imfhist.checking.rules.{_module}")

__all__ = ["CHECKERS", "MODULES", "RULES", "Rule", "check", "checker", "markdown"]


def markdown() -> str:
    """docs/rules.md, made from the rules themselves so that the two cannot drift apart."""
    lines = [
        "# Validation rules",
        "",
        "`imfhist validate` reports each problem as",
        "`path:line:col: severity rule: message (hint)`. Errors make it exit 1; warnings are",
        "shown but do not change the exit code, unless `--strict` is given (as CI does for the",
        "shipped timeline).",
        "This page is generated from the rules in `src/imfhist/checking/rules/`; a test checks",
        "that it is up to date (regenerate it with `python -m imfhist.rules > docs/rules.md`).",
        "",
        "| rule | severity | what it checks |",
        "|---|---|---|",
    ]
    for rule in RULES.values():
        lines.append(f"| `{rule.id}` | {rule.severity} | {rule.summary} |")
    examples = [rule for rule in RULES.values() if rule.example]
    if examples:
        lines += ["", "## Examples", "",
                  "Each of these rules, with a few lines of a timeline that break it."]
    for rule in examples:
        assert rule.example is not None
        lines += ["", f"### `{rule.id}` ({rule.severity})", "", rule.summary, "", "```yaml",
                  *textwrap.dedent(rule.example).strip("\n").splitlines(), "```"]
    return "\n".join(lines) + "\n"
