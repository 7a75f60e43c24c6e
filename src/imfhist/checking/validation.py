"""Validate timeline files: load each, apply every rule, and gather the problems in order."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from imfhist.common.i18n import _
from imfhist.common.problems import Problem, TimelineUnreadable
from imfhist.timeline.loader import load, shown_path


@dataclass(frozen=True)
class Report:
    files: tuple[str, ...]  # as shown to the user
    problems: tuple[Problem, ...]  # sorted by path, line, column
    unreadable: bool  # a file could not be read at all

    @cached_property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @cached_property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def validate_file(path: Path) -> list[Problem]:
    """Every problem in one file. Raises TimelineUnreadable when there is no file to read."""
    from imfhist.checking import rules

    result = load(path)
    problems = list(result.problems)
    if result.timeline is not None:
        problems += rules.check(result.timeline)
    return problems


def expand(arguments: Iterable[str]) -> list[Path]:
    """File arguments, with glob patterns (`data/*.yaml`, `**/timeline.yaml`) expanded for
    shells and CI systems that pass them unexpanded. A pattern that matches nothing is kept as it
    is, so that it is reported as a missing file rather than silently ignored."""
    paths: list[Path] = []
    for argument in arguments:
        if glob.has_magic(argument) and not Path(argument).exists():
            matches = sorted(glob.glob(argument, recursive=True))
            paths += [Path(m) for m in matches] or [Path(argument)]
        else:
            paths.append(Path(argument))
    return list(dict.fromkeys(paths))


def validate_paths(paths: Iterable[Path]) -> Report:
    problems: list[Problem] = []
    files: list[str] = []
    unreadable = False
    for path in paths:
        files.append(shown_path(path))
        try:
            problems += validate_file(path)
        except TimelineUnreadable as error:
            problem = error.problem
            if glob.has_magic(str(path)) and not path.exists():
                problem = replace(
                    problem, message=_("no file matches this pattern"),
                    hint=_("check the pattern, and quote it so the shell passes it on"))
            problems.append(problem)
            unreadable = True
    # One report per distinct problem: the same message at the same place (a node reached through
    # many aliases, say) is listed once.
    return Report(tuple(files), tuple(sorted(set(problems), key=Problem.sort_key)), unreadable)

