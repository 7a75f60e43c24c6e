"""Validation problems as text lines: `path:line:col: severity rule: message (hint)`."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from imfhist.output.safety import clean_line
from imfhist.problems import Problem

_STYLE = {"error": "bold red", "warning": "yellow"}


def problem_line(problem: Problem) -> Text:
    line = Text()
    line.append(clean_line(str(problem.loc)), style="bold")
    line.append(": ")
    line.append(str(problem.severity), style=_STYLE[str(problem.severity)])
    line.append(f" {problem.rule}: ", style="dim")
    line.append(clean_line(problem.message))
    if problem.hint:
        line.append(f" ({clean_line(problem.hint)})", style="italic")
    return line


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(problems: Sequence[Problem], files: int) -> Text:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    where = plural(files, "file")
    if not problems:
        return Text(f"No problems in {where}.", style="green")
    return Text(f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {where}.",
                style="bold red" if errors else "yellow")
