"""Validate timeline files: load each, apply every rule, and gather the problems in order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from imfhist.loader import load
from imfhist.problems import Problem, TimelineUnreadable


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    unreadable: bool  # a file could not be read at all


def validate_file(path: Path) -> list[Problem]:
    """Every problem in one file. Raises TimelineUnreadable when there is no file to read."""
    from imfhist import rules

    result = load(path)
    problems = list(result.problems)
    if result.timeline is not None:
        problems += rules.check(result.timeline)
    return problems


def validate_paths(paths: Iterable[Path]) -> Report:
    problems: list[Problem] = []
    unreadable = False
    for path in paths:
        try:
            problems += validate_file(path)
        except TimelineUnreadable as error:
            problems.append(error.problem)
            unreadable = True
    return Report(tuple(sorted(problems)), unreadable)
