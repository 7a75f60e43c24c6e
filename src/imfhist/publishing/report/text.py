"""Problems as text lines: `path:line:col: severity rule: message (hint)`, then a count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from imfhist.checking.validation import Report
from imfhist.common.i18n import N_, _, n_
from imfhist.common.problems import Problem
from imfhist.common.safety import clean_line

if TYPE_CHECKING:
    # Rich is imported by the styled lines only: `validate` in a CI log or a pre-commit hook
    # writes plain ones, and spares the import (20 ms, a sixth of a check of the IMF timeline).
    from rich.console import Group
    from rich.text import Text

_STYLE = {"error": "bold red", "warning": "yellow"}
_SEVERITIES = (N_("error"), N_("warning"))  # as the text report shows them


def problem_line(problem: Problem) -> Text:
    from rich.text import Text

    line = Text()
    line.append(clean_line(str(problem.loc)), style="bold")
    line.append(": ")
    line.append(_(str(problem.severity)), style=_STYLE[str(problem.severity)])
    line.append(f" {problem.rule}: ", style="dim")
    line.append(clean_line(problem.message))
    if problem.hint:
        line.append(f" ({clean_line(problem.hint)})", style="italic")
    return line


def problem_plain(problem: Problem) -> str:
    """`problem_line` without styles, as a str: a CI log of 100,000 problems is written without
    building a styled Text for each (five times faster)."""
    hint = f" ({clean_line(problem.hint)})" if problem.hint else ""
    return (f"{clean_line(str(problem.loc))}: {_(str(problem.severity))} {problem.rule}: "
            f"{clean_line(problem.message)}{hint}")


def render_plain(report: Report, quiet: bool = False, strict: bool = False) -> str:
    """`render` as plain text, line for line."""
    lines = [problem_plain(p) for p in report.problems]
    if not quiet:
        lines.append(_summary(report)[0])
        strict_line = _strict_failure(report, strict)
        if strict_line is not None:
            lines.append(strict_line)
    return "".join(f"{line}\n" for line in lines)


def summary(report: Report) -> Text:
    from rich.text import Text

    text, style = _summary(report)
    return Text(text, style=style)


def _summary(report: Report) -> tuple[str, str]:
    files = n_("{count} file", "{count} files", len(report.files)).format(
        count=len(report.files))
    if not report.problems:
        return _("No problems in {files}.").format(files=files), "green"
    errors = n_("{count} error", "{count} errors", report.errors).format(count=report.errors)
    warnings = n_("{count} warning", "{count} warnings", report.warnings).format(
        count=report.warnings)
    return (_("{errors}, {warnings} in {files}.").format(
        errors=errors, warnings=warnings, files=files),
        "bold red" if report.errors else "yellow")


def strict_failure(report: Report, strict: bool) -> Text | None:
    """The line that says why a run with only warnings failed: --strict counts them."""
    from rich.text import Text

    message = _strict_failure(report, strict)
    return None if message is None else Text(message, style="bold red")


def _strict_failure(report: Report, strict: bool) -> str | None:
    if not strict or report.errors or not report.warnings or report.unreadable:
        return None
    return n_("Failed because of --strict: the warning counts as an error.",
              "Failed because of --strict: the warnings count as errors.", report.warnings)


def render(report: Report, quiet: bool = False, strict: bool = False) -> Group:
    from rich.console import Group

    lines = [problem_line(p) for p in report.problems]
    if not quiet:
        lines.append(summary(report))
        strict_line = strict_failure(report, strict)
        if strict_line is not None:
            lines.append(strict_line)
    return Group(*lines)
