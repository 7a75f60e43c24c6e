"""The command line: options in, calls into the core, a renderer picked by name, an exit code out.

Exit codes: 0 when all is well, 1 when `validate` finds an error, 2 when the command cannot run
(no such file, a file that is not a timeline, an option that names nothing), 130 on Ctrl-C.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from imfhist import __version__

OK, PROBLEMS, CANNOT_RUN, INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    name="imfhist",
    help="Keep an organisation's history as data: list, filter, show and validate a YAML "
    "timeline (by default, the IMF's international cooperation history).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ReportFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


# -- options shared by several commands: defined once here --------------------------------------

FileOption = Annotated[
    Path | None,
    typer.Option("--file", "-f", help="Timeline file to read. Default: $IMFHIST_FILE, else the "
                 "shipped IMF timeline.", show_default=False, dir_okay=True),
]
FormatOption = Annotated[
    ListFormat, typer.Option("--format", help="Output format.", case_sensitive=False)
]
CountryOption = Annotated[list[str] | None, typer.Option(
    "--country", "-c", help="ISO code or French/English name, any case or accents "
    "(Tunisie, Tunisia, TN). Repeat for any of several.", show_default=False)]
RegionOption = Annotated[list[str] | None, typer.Option(
    "--region", help="A region named in the timeline (Europe orientale).", show_default=False)]
PlaceOption = Annotated[list[str] | None, typer.Option(
    "--place", help="Place id or name.", show_default=False)]
ActorOption = Annotated[list[str] | None, typer.Option(
    "--actor", "-a", help="Actor id or name (or part of a name).", show_default=False)]
TagOption = Annotated[list[str] | None, typer.Option(
    "--tag", "-t", help="Tag.", show_default=False)]
FromOption = Annotated[str | None, typer.Option(
    "--from", help="Events that end in or after this year or EDTF date.", show_default=False)]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="Events that start in or before this year or EDTF date.", show_default=False)]
UndatedOption = Annotated[bool, typer.Option(
    "--undated", help="Include undated events (alone: only undated events).")]
TextOption = Annotated[list[str] | None, typer.Option(
    "--text", help="Words in the title, summary or quotes (case and accents ignored).",
    show_default=False)]


def _stdout() -> Console:
    return Console(highlight=False, emoji=False, markup=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, emoji=False, markup=False)


def _fail(message: str, hint: str | None = None, code: int = CANNOT_RUN) -> NoReturn:
    from imfhist.output.safety import clean_line

    line = Text("error: ", style="bold red")
    line.append(clean_line(message))
    if hint:
        line.append(f" ({clean_line(hint)})", style="italic")
    _stderr().print(line, soft_wrap=True)
    raise typer.Exit(code)


def _load_for_reading(file: Path | None):  # type: ignore[no-untyped-def]
    """Load the timeline for list/filter/show: exit 2 when its shape gives no timeline."""
    from imfhist.loader import load
    from imfhist.output.report.text import problem_line
    from imfhist.paths import timeline_path
    from imfhist.problems import TimelineUnreadable

    path = timeline_path(file)
    try:
        result = load(path)
    except TimelineUnreadable as error:
        _stderr().print(problem_line(error.problem), soft_wrap=True)
        raise typer.Exit(CANNOT_RUN) from None
    errors = [p for p in result.problems if p.is_error]
    if result.timeline is None:
        console = _stderr()
        for problem in sorted(errors)[:10]:
            console.print(problem_line(problem), soft_wrap=True)
        console.print(Text(f"{result.shown_as} is not a timeline that can be read; "
                           "`imfhist validate` lists every problem."), soft_wrap=True)
        raise typer.Exit(CANNOT_RUN)
    if errors:
        _stderr().print(Text(f"note: {result.shown_as} has {len(errors)} error(s) in its "
                             "structure; `imfhist validate` lists them.", style="yellow"),
                        soft_wrap=True)
    return result.timeline


def _emit(events, timeline, output_format: ListFormat) -> None:  # type: ignore[no-untyped-def]
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
                                          help="Show the version and exit.")] = False,
) -> None:
    """Keep an organisation's history as data."""


@app.command("list")
def list_events(file: FileOption = None, output_format: FormatOption = ListFormat.table) -> None:
    """List every event in date order (undated events last)."""
    from imfhist.query import in_date_order

    timeline = _load_for_reading(file)
    _emit(in_date_order(timeline.events), timeline, output_format)


@app.command("filter")
def filter_events(
    file: FileOption = None,
    output_format: FormatOption = ListFormat.table,
    country: CountryOption = None,
    region: RegionOption = None,
    place: PlaceOption = None,
    actor: ActorOption = None,
    tag: TagOption = None,
    start: FromOption = None,
    end: ToOption = None,
    undated: UndatedOption = False,
    text: TextOption = None,
) -> None:
    """List the events that match every option given (a repeated option: any of its values).

    A dated event matches --from/--to when its span overlaps the range, open ends included.
    """
    from imfhist.query import CriteriaError, build_criteria, select

    timeline = _load_for_reading(file)
    try:
        criteria = build_criteria(
            timeline, countries=country or (), regions=region or (), places=place or (),
            actors=actor or (), tags=tag or (), start=start, end=end, undated=undated,
            texts=text or (),
        )
    except CriteriaError as error:
        _fail(str(error), error.hint)
    events = select(timeline, criteria)
    if not events:
        _stderr().print(Text("No event matches.", style="yellow"))
    _emit(events, timeline, output_format)


@app.command("show")
def show_event(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event's id.")],
    file: FileOption = None,
) -> None:
    """Show one event in full: dates, places, actors and sources with their quotes."""
    from imfhist.output.show import render_event
    from imfhist.suggest import Suggester, did_you_mean

    timeline = _load_for_reading(file)
    for event in timeline.events:
        if event.id.value == event_id:
            _stdout().print(render_event(event, timeline))
            return
    ids = [e.id.value for e in timeline.events]
    _fail(f"no event has the id '{event_id}'",
          did_you_mean(Suggester(ids)(event_id)) or "`imfhist list --format json` shows the ids")


@app.command("validate")
def validate(
    files: Annotated[list[str] | None, typer.Argument(
        metavar="[FILE]...", help="Timeline files or glob patterns. Default: as for --file.",
        show_default=False)] = None,
    file: FileOption = None,
    report_format: Annotated[ReportFormat | None, typer.Option(
        "--format", help="text, json, github (workflow commands; the default when "
        "GITHUB_ACTIONS=true) or sarif.", case_sensitive=False, show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the problems, no summary.")]
    = False,
) -> None:
    """Check timelines and report every problem as path:line:col; exit 1 on any error."""
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


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the imfhist/1 format, for editors and other
    validators. Checks that need imfhist itself are listed in docs/rules.md."""
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
