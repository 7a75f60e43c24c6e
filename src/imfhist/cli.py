"""The command line: options in, calls into the core, a renderer picked by name, an exit code out.

Exit codes: 0 when all is well, 1 when `validate` finds an error, 2 when the command cannot run
(no such file, a file that is not a timeline, an option that names nothing), 130 on Ctrl-C.
"""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from imfhist import __version__, i18n
from imfhist.commands import Command, Group
from imfhist.i18n import _, n_
from imfhist.options import (
    FileOption,
    FormatOption,
    LangOption,
    ListFormat,
    Selection,
    with_selection,
)

if TYPE_CHECKING:
    from rich.console import Console

    from imfhist.model import Event, Timeline

OK, PROBLEMS, CANNOT_RUN, INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    name="imfhist",
    cls=Group,
    help=_("Keep an organisation's history as data: list, filter, show, validate, export and "
           "chart a YAML timeline (by default, the IMF's international cooperation history)."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ReportFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


# Rich is imported only by the commands that print with it: shell completion and --version
# start faster without it.
def _stdout() -> "Console":
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False)


def _stderr() -> "Console":
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False, markup=False)


def _note(message: str, style: str = "yellow") -> None:
    """One line on stderr; the message is shown as text, never read as markup."""
    from rich.text import Text

    _stderr().print(Text(message, style=style), soft_wrap=True)


def _fail(message: str, hint: str | None = None, code: int = CANNOT_RUN) -> NoReturn:
    from rich.text import Text

    from imfhist.output.safety import clean_line

    line = Text(_("error: "), style="bold red")
    line.append(clean_line(message))
    if hint:
        line.append(f" ({clean_line(hint)})", style="italic")
    _stderr().print(line, soft_wrap=True)
    raise typer.Exit(code)


def _load_for_reading(file: Path | None) -> "Timeline":
    """Load the timeline for list/filter/show: exit 2 when its shape gives no timeline."""
    from imfhist.loader import load
    from imfhist.paths import timeline_path
    from imfhist.problems import TimelineUnreadable

    path = timeline_path(file)
    try:
        result = load(path)
    except TimelineUnreadable as error:
        from imfhist.output.report.text import problem_line

        _stderr().print(problem_line(error.problem), soft_wrap=True)
        raise typer.Exit(CANNOT_RUN) from None
    errors = [p for p in result.problems if p.is_error]
    if result.timeline is None:
        from imfhist.output.report.text import problem_line

        console = _stderr()
        for problem in sorted(errors)[:10]:
            console.print(problem_line(problem), soft_wrap=True)
        console.print(_("{path} is not a timeline that can be read; `imfhist validate` lists "
                        "every problem.").format(path=result.shown_as), soft_wrap=True,
                      markup=False, highlight=False)
        raise typer.Exit(CANNOT_RUN)
    if errors:
        note = n_("note: {path} has {count} error in its structure; `imfhist validate` lists it.",
                  "note: {path} has {count} errors in its structure; `imfhist validate` lists "
                  "them.", len(errors)).format(path=result.shown_as, count=len(errors))
        _note(note)
    return result.timeline


def _emit(events: "list[Event]", timeline: "Timeline", output_format: ListFormat) -> None:
    from imfhist.output import renderer

    rendered = renderer(output_format.value)(events, timeline)
    if isinstance(rendered, str):
        if sys.stdout.isatty():
            # CSV keeps the data as it is for files and pipes; a terminal gets it made visible.
            from imfhist.output.safety import clean

            rendered = clean(rendered)
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        _stdout().print(rendered)


def _version(value: bool) -> None:
    if value:
        print(f"imfhist {__version__}")
        raise typer.Exit(OK)


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help=_("Show the version and exit."))] = False,
    lang: LangOption = None,
) -> None:
    # The language of --help was chosen before the commands were built (see imfhist.__main__);
    # this sets it for what the command prints when run without that step, as in tests.
    i18n.use(i18n.choose(lang))


@app.command(cls=Command, name="list",
             help=_("List every event in date order (undated events last)."))
def list_events(file: FileOption = None, output_format: FormatOption = ListFormat.table,
                lang: LangOption = None) -> None:
    from imfhist.query import in_date_order

    timeline = _load_for_reading(file)
    _emit(in_date_order(timeline.events), timeline, output_format)


def _select(timeline: "Timeline", selection: Selection) -> "list[Event]":
    """The events the selection options pick, in date order; exit 2 on a name that names
    nothing, and say so on stderr when nothing matches."""
    from imfhist.query import CriteriaError, build_criteria, select

    try:
        criteria = build_criteria(
            timeline, countries=selection.country or (), regions=selection.region or (),
            places=selection.place or (), actors=selection.actor or (), tags=selection.tag or (),
            start=selection.start, end=selection.end, undated=selection.undated,
            texts=selection.text or (),
        )
    except CriteriaError as error:
        _fail(str(error), error.hint)
    events = select(timeline, criteria)
    if not events:
        _note(_("No event matches."))
    return events


@app.command(cls=Command, name="filter", help=_(
    "List the events that match every option given (a repeated option: any of its values).\n\n"
    "A dated event matches --from/--to when its span overlaps the range, open ends included."))
@with_selection
def filter_events(
    selection: Selection,
    file: FileOption = None,
    output_format: FormatOption = ListFormat.table,
    lang: LangOption = None,
) -> None:
    timeline = _load_for_reading(file)
    _emit(_select(timeline, selection), timeline, output_format)


class ExportFormat(enum.StrEnum):
    json = "json"
    csv = "csv"
    markdown = "markdown"
    timelinejs = "timelinejs"
    html = "html"


class GroupBy(enum.StrEnum):
    country = "country"
    tag = "tag"


@app.command(cls=Command, name="export", help=_(
    "Export the selected events (all by default) for another tool, or as a page to publish."))
@with_selection
def export(
    selection: Selection,
    export_format: Annotated[ExportFormat, typer.Option(
        "--format", help=_("json (events with their actors, places and sources), csv, markdown "
                           "(a chronology), timelinejs (TimelineJS 3) or html (a self-contained "
                           "visual timeline)."),
        case_sensitive=False)] = ExportFormat.json,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help=_("Write to FILE (atomically) instead of stdout."),
        show_default=False, dir_okay=False)] = None,
    group_by: Annotated[GroupBy | None, typer.Option(
        "--group-by", help=_("timelinejs: group slides by their first country or tag."),
        show_default=False)] = None,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.atomic import WriteError, write_atomically
    from imfhist.output.exports import ExportOptions, exporter
    from imfhist.query import in_date_order

    timeline = _load_for_reading(file)
    events = in_date_order(timeline.events) if selection.is_empty else _select(timeline, selection)
    exported = exporter(export_format.value)(
        events, timeline, ExportOptions(group_by=group_by.value if group_by else None,
                                        lang=i18n.language()))
    for note in exported.notes:
        _note(_("note: {note}").format(note=note))
    if output is None:
        sys.stdout.write(exported.text)
        sys.stdout.flush()
        return
    try:
        write_atomically(output, exported.text.encode("utf-8"))
    except WriteError as error:
        _fail(_("cannot write {path}: {reason}").format(path=output, reason=error),
              _("nothing was written; check the folder and the free space"))
    wrote = n_("Wrote {path} ({count} event).", "Wrote {path} ({count} events).", len(events))
    _note(wrote.format(path=output, count=len(events)), style="green")


class Lanes(enum.StrEnum):
    country = "country"
    tag = "tag"
    none = "none"


@app.command(cls=Command, name="chart", help=_(
    "Draw the timeline in the terminal: a bar per interval, a mark per point."))
@with_selection
def chart(
    selection: Selection,
    lanes: Annotated[Lanes, typer.Option("--lanes", help=_("One lane per country or tag."),
                                         case_sensitive=False)] = Lanes.none,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.output.chart import render
    from imfhist.output.view import event_views
    from imfhist.query import in_date_order

    timeline = _load_for_reading(file)
    events = in_date_order(timeline.events) if selection.is_empty else _select(timeline, selection)
    console = _stdout()
    console.print(render(event_views(events, timeline, i18n.language()), console.width,
                         lanes.value))


@app.command(cls=Command, name="stats", help=_(
    "Count the events per country, decade, actor and tag, with bar charts."))
@with_selection
def stats(selection: Selection, file: FileOption = None, lang: LangOption = None) -> None:
    from imfhist.output.stats import render
    from imfhist.output.view import event_views
    from imfhist.query import in_date_order

    timeline = _load_for_reading(file)
    events = in_date_order(timeline.events) if selection.is_empty else _select(timeline, selection)
    _stdout().print(render(event_views(events, timeline, i18n.language())))


@app.command(cls=Command, name="show", help=_(
    "Show one event in full: dates, places, actors and sources with their quotes."))
def show_event(
    event_id: Annotated[str, typer.Argument(metavar="ID", help=_("The event's id."))],
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.output.show import render_event
    from imfhist.suggest import Suggester, did_you_mean

    timeline = _load_for_reading(file)
    for event in timeline.events:
        if event.id.value == event_id:
            _stdout().print(render_event(event, timeline))
            return
    ids = [e.id.value for e in timeline.events]
    _fail(_("no event has the id '{id}'").format(id=event_id),
          did_you_mean(Suggester(ids)(event_id)) or _("`imfhist list --format json` shows the ids"))


@app.command(cls=Command, name="validate", help=_(
    "Check timelines and report every problem as path:line:col; exit 1 on any error."))
def validate(
    files: Annotated[list[str] | None, typer.Argument(
        metavar="[FILE]...", help=_("Timeline files or glob patterns. Default: as for --file."),
        show_default=False)] = None,
    file: FileOption = None,
    report_format: Annotated[ReportFormat | None, typer.Option(
        "--format", help=_("text, json, github (workflow commands; the default when "
                           "GITHUB_ACTIONS=true) or sarif."),
        case_sensitive=False, show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Warnings fail too (exit 1)."))]
    = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q",
                                        help=_("Only the problems, no summary."))] = False,
    lang: LangOption = None,
) -> None:
    from imfhist.output.report import reporter
    from imfhist.paths import timeline_path
    from imfhist.validation import expand, validate_paths

    paths = expand(files or [])
    if file is not None or not paths:
        paths.insert(0, timeline_path(file))
    if report_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        report_format = ReportFormat.github if github else ReportFormat.text
    report = validate_paths(paths)
    rendered = reporter(report_format.value)(report, quiet=quiet, strict=strict)
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        _stdout().print(rendered, soft_wrap=True)
    if report.unreadable:
        raise typer.Exit(CANNOT_RUN)
    failed = report.errors or (strict and report.warnings)
    raise typer.Exit(PROBLEMS if failed else OK)


@app.command(cls=Command, name="schema", help=_(
    "Print the JSON Schema (draft 2020-12) of the imfhist/1 format, for editors and other "
    "validators. Checks that need imfhist itself are listed in docs/rules.md."))
def schema(lang: LangOption = None) -> None:
    from imfhist.paths import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


def main() -> None:
    """Run the command line. Typer turns usage errors into exit 2, Ctrl-C during a command into
    130 and a closed pipe into a quiet exit; this covers the moments around it."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`imfhist list | head -1`): point stdout at /dev/null so that the
        # interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(OK)
