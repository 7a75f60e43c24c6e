"""Checking commands: validate, and the JSON Schema for editors and other validators."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
import enum
import os
import sys
from typing import Annotated

import typer

from imfhist.cli.app import CANNOT_RUN, OK, PROBLEMS, app
from imfhist.cli.closing import settle
from imfhist.cli.commands import Command
from imfhist.cli.common import fail
from imfhist.cli.options import FileOption, LangOption
from imfhist.cli.streams import stdout
from imfhist.common.i18n import _, n_, p_


class ReportFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    gitlab = "gitlab"



@app.command(cls=Command, name="validate", help=_(
    "Check timelines and report every problem as path:line:col; exit 1 on any error."))
def validate(
    files: Annotated[list[str] | None, typer.Argument(
        metavar=p_("metavar", "[FILE]..."),
        help=_("Timeline files or glob patterns. Default: as for --file."),
        show_default=False)] = None,
    file: FileOption = None,
    report_format: Annotated[ReportFormat | None, typer.Option(
        "--format", help=_("text, json, github (workflow commands; the default when "
                           "GITHUB_ACTIONS=true), sarif (code scanning), junit (JUnit XML test "
                           "results) or gitlab (GitLab Code Quality)."),
        case_sensitive=False, show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Warnings fail too (exit 1)."))]
    = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q",
                                        help=_("Only the problems, no summary."))] = False,
    lang: LangOption = None,
) -> None:
    from imfhist.checking.validation import expand, validate_paths
    from imfhist.cli.common import reading_path
    from imfhist.publishing.report import reporter

    if any(not argument.strip() for argument in files or []):
        fail(_("an empty path names no file"), _("give the timeline's path, or none for the "
                                                 "default timeline"))
    paths = expand(files or [])
    if file is not None or not paths:
        paths.insert(0, reading_path(file))
    if report_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        report_format = ReportFormat.github if github else ReportFormat.text
    from imfhist.cli.progress import counted, progress

    with progress(n_("Checking {count} file", "Checking {count} files", len(paths)).format(
            count=len(paths)) if len(paths) > 1
                  else _("Checking {path}").format(path=paths[0]), paths) as shown:
        report = validate_paths(counted(shown, paths))
    if report_format is ReportFormat.text and not sys.stdout.isatty():
        # Without a terminal there is no style to show: plain lines, written at once, spare a
        # CI log of a thousand problems the cost of Rich laying out each one.
        from imfhist.publishing.report.text import render_plain

        rendered = render_plain(report, quiet=quiet, strict=strict)
    else:
        rendered = reporter(report_format.value)(report, quiet=quiet, strict=strict)
    failed = report.errors or (strict and report.warnings)
    code = CANNOT_RUN if report.unreadable else PROBLEMS if failed else OK
    # The verdict is known before a line is printed: `imfhist validate | head` keeps it.
    settle(code)
    if isinstance(rendered, str):
        # GitHub annotations are workflow commands on purpose; every other format is guarded.
        from imfhist.publishing.cilog import commands

        out = commands() if report_format is ReportFormat.github else sys.stdout
        out.write(rendered)
        out.flush()
    else:
        stdout().print(rendered, soft_wrap=True)
    raise typer.Exit(code)


@app.command(cls=Command, name="schema", help=_(
    "Print the JSON Schema (draft 2020-12) of the imfhist/1 format, for editors and other "
    "validators. Checks that need imfhist itself are listed in docs/rules.md."))
def schema(lang: LangOption = None) -> None:
    from imfhist.common.paths import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))

