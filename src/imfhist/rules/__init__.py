"""Validation rules: each has a stable id, a severity and a paragraph that documents it.

`RULES` maps every id to its Rule, including the ones the loader applies while reading the file
(their documentation lives in `structure.py`). `check(timeline)` runs every checker and returns
the problems it finds, unsorted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from imfhist.model import Loc, Timeline
from imfhist.problems import Problem, Severity

Checker = Callable[[Timeline], Iterable[Problem]]

RULES: dict[str, Rule] = {}
CHECKERS: list[Checker] = []


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str

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


# Importing the modules fills RULES and CHECKERS; the order here is the order in docs/rules.md.
from imfhist.rules import (  # noqa: E402
    countries,
    dates,
    document,
    ids,
    quotes,
    references,
    structure,
)

__all__ = ["CHECKERS", "RULES", "Rule", "check", "checker"]
_modules = (structure, document, ids, dates, references, countries, quotes)
