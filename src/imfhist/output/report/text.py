"""Problems as text lines: `path:line:col: severity rule: message (hint)`, then a count."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from imfhist.output.safety import clean_line
from imfhist.problems import Problem
from imfhist.validation import Report

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


def summary(report: Report) -> Text:
    where = plural(len(report.files), "file")
    if not report.problems:
        return Text(f"No problems in {where}.", style="green")
    return Text(f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')} in "
                f"{where}.", style="bold red" if report.errors else "yellow")


def render(report: Report, quiet: bool = False, strict: bool = False) -> Group:
    lines = [problem_line(p) for p in report.problems]
    if not quiet:
        lines.append(summary(report))
    return Group(*lines)
