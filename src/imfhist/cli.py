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


def _selected(file: Path | None, selection: Selection) -> "tuple[Timeline, list[Event]]":
    """The timeline, and the events the selection picks (all of them when it is empty)."""
    from imfhist.query import in_date_order

    timeline = _load_for_reading(file)
    if selection.is_empty:
        return timeline, in_date_order(timeline.events)
    return timeline, _select(timeline, selection)


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

    timeline, events = _selected(file, selection)
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

    timeline, events = _selected(file, selection)
    console = _stdout()
    console.print(render(event_views(events, timeline, i18n.language()), console.width,
                         lanes.value))


@app.command(cls=Command, name="stats", help=_(
    "Count the events per country, decade, actor and tag, with bar charts."))
@with_selection
def stats(selection: Selection, file: FileOption = None, lang: LangOption = None) -> None:
    from imfhist.output.stats import render
    from imfhist.output.view import event_views

    timeline, events = _selected(file, selection)
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
    if not isinstance(rendered, str) and not sys.stdout.isatty():
        # Without a terminal there is no style to show: plain lines, written at once, spare a
        # CI log of a thousand problems the cost of Rich laying out each one.
        rendered = "".join(f"{line.plain}\n" for line in rendered.renderables)
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        _stdout().print(rendered, soft_wrap=True)
    if report.unreadable:
        raise typer.Exit(CANNOT_RUN)
    failed = report.errors or (strict and report.warnings)
    raise typer.Exit(PROBLEMS if failed else OK)


def _split(values: "list[str] | None") -> "list[str]":
    """Values given as repeated options or as one comma-separated list."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _problems_and_exit(problems: "list[tuple[str, str]]", where: str = "") -> NoReturn:
    from imfhist.output.safety import clean_line

    for column, message in problems:
        place = f"{where}{column}: " if column else where
        _note(clean_line(f"{place}{message}"), style="red")
    raise typer.Exit(CANNOT_RUN)


def _write(path: Path, addition: object, dry_run: bool) -> str:
    from imfhist.atomic import WriteError
    from imfhist.output.report.text import problem_line
    from imfhist.writer import WriteRefused, write_addition

    try:
        return write_addition(path, addition, dry_run=dry_run)  # type: ignore[arg-type]
    except WriteRefused as refused:
        console = _stderr()
        for problem in refused.problems:
            console.print(problem_line(problem), soft_wrap=True)
        _fail(_("the timeline would not be valid: nothing was written"), code=PROBLEMS)
    except WriteError as error:
        _fail(_("cannot write {path}: {reason}").format(path=path, reason=error),
              _("nothing was written; check the folder and the free space"))


@app.command(cls=Command, name="add", help=_(
    "Add one event: asks for each field (or takes them as options), shows the YAML, checks the "
    "whole timeline, then writes it without touching anything else in the file."))
def add_event(
    title: Annotated[str | None, typer.Option("--title", show_default=False,
                                              help=_("The event's title."))] = None,
    date: Annotated[str | None, typer.Option(
        "--date", show_default=False,
        help=_("EDTF or words: 2004, 2019-2021, dès 2004, vers 1995, années 1990."))] = None,
    summary: Annotated[str | None, typer.Option("--summary", show_default=False,
                                                help=_("A longer text."))] = None,
    country: Annotated[list[str] | None, typer.Option(
        "--country", "-c", metavar="COUNTRY", show_default=False,
        help=_("A country (repeat, or separate with commas)."))] = None,
    region: Annotated[list[str] | None, typer.Option(
        "--region", metavar="REGION", show_default=False, help=_("A region."))] = None,
    place: Annotated[list[str] | None, typer.Option(
        "--place", metavar="PLACE", show_default=False,
        help=_("A place of the timeline, by id or name."))] = None,
    actor: Annotated[list[str] | None, typer.Option(
        "--actor", "-a", metavar="ACTOR", show_default=False,
        help=_("An actor of the timeline, by id or name."))] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", "-t", metavar="TAG", show_default=False, help=_("A tag."))] = None,
    source: Annotated[str | None, typer.Option(
        "--source", show_default=False,
        help=_("The id of the source (the only one, if the timeline has one)."))] = None,
    quote: Annotated[str | None, typer.Option(
        "--quote", show_default=False,
        help=_("The words of the source that state the event."))] = None,
    event_id: Annotated[str | None, typer.Option(
        "--id", show_default=False, help=_("The event's id (made from the title if not given)."))
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_(
        "Ask nothing: take the options as they are and write."))] = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.adding import Builder, EventDraft
    from imfhist.paths import timeline_path
    from imfhist.writer import EVENT_KEYS, Addition, detect_style, render_mapping

    timeline = _load_for_reading(file)
    path = timeline_path(file)
    builder = Builder(timeline)
    draft = EventDraft(title=title or "", date=date or "", summary=summary or "",
                       countries=_split(country), regions=_split(region), places=_split(place),
                       actors=_split(actor), tags=_split(tag), source=source or "",
                       quote=quote or "", id=event_id or "")
    addition = Addition()
    if not yes:
        _ask_for_event(draft, builder, addition, timeline)
    record, problems = builder.event(draft)
    if record is None:
        _problems_and_exit(problems)
    addition.events.append(record)
    text = path.read_text(encoding="utf-8-sig")
    style = detect_style(text)
    from rich.syntax import Syntax

    preview = "".join(render_mapping(r, style, ("id", "name", "kind", "country"))
                      for r in addition.actors + addition.places)
    preview += render_mapping(record, style, EVENT_KEYS)
    _stderr().print(Syntax(preview.replace("\r\n", "\n"), "yaml", theme="ansi_dark",
                           background_color="default"))
    if not yes:
        from rich.prompt import Confirm

        if not Confirm.ask(_("Add it to {path}?").format(path=path), console=_stderr()):
            _note(_("Nothing was written."))
            raise typer.Exit(OK)
    _write(path, addition, dry_run=False)
    _note(_("Added '{id}' to {path}.").format(id=record["id"], path=path), style="green")


def _ask_for_event(draft: object, builder: object, addition: object, timeline: object) -> None:
    """Ask for every field the options did not give, again until it is right."""
    from rich.prompt import Confirm, Prompt

    from imfhist.adding import Builder, EventDraft, worded
    from imfhist.writer import Addition, slug

    assert isinstance(draft, EventDraft) and isinstance(builder, Builder)
    assert isinstance(addition, Addition)
    console = _stderr()

    def ask(question: str, default: str = "") -> str:
        return Prompt.ask(question, default=default, console=console, show_default=bool(default))

    while not draft.title.strip():
        draft.title = ask(_("Title"))
    while True:
        if not draft.date:
            draft.date = ask(_("Date (EDTF or words such as 'dès 2004'; empty if the source "
                               "gives none)"))
        date, _wording, error = builder.date(draft.date)
        if error:
            console.print(error, markup=False, highlight=False)
            draft.date = ""
            continue
        if date and not Confirm.ask(_("Understood as {edtf} ({words}). Right?").format(
                edtf=date, words=worded(date)), console=console, default=True):
            draft.date = ""
            continue
        break
    if not draft.countries:
        draft.countries = _split([ask(_("Countries (separated by commas; empty for none)"))])
    while any(builder.country(c) for c in draft.countries):
        for country in draft.countries:
            error = builder.country(country)
            if error:
                console.print(error, markup=False, highlight=False)
        draft.countries = _split([ask(_("Countries (separated by commas; empty for none)"))])
    for kind, known in (("place", builder.places), ("actor", builder.actors)):
        values = draft.places if kind == "place" else draft.actors
        if not values:
            listed = ", ".join(known) or "-"
            question = (_("Places (ids or names: {known}; a new name creates one)") if kind ==
                        "place" else _("Actors (ids or names: {known}; a new name creates one)"))
            values[:] = _split([ask(question.format(known=listed))])
        for number, written in enumerate(values):
            found, error = builder.reference(kind, written)
            if found:
                values[number] = found
                continue
            if not Confirm.ask(_("'{name}' is new here. Create it?").format(name=written),
                               console=console, default=True):
                values[number] = ""
                continue
            ident = slug(written, known)
            if kind == "place":
                country = ask(_("Country of {name}").format(name=written))
                while builder.country(country):
                    console.print(builder.country(country), markup=False, highlight=False)
                    country = ask(_("Country of {name}").format(name=written))
                addition.places.append({"id": ident, "name": written, "country": country})
            else:
                actor_kind = Prompt.ask(_("Kind of {name}").format(name=written),
                                        choices=["person", "organisation", "programme"],
                                        default="organisation", console=console)
                addition.actors.append({"id": ident, "name": written, "kind": actor_kind})
            known[ident] = written
            values[number] = ident
        values[:] = [v for v in values if v]
    if not draft.tags:
        draft.tags = _split([ask(_("Tags (separated by commas; empty for none)"))])
    sources = list(builder.sources)
    if not draft.source and len(sources) == 1:
        draft.source = sources[0]  # nothing to choose
    while draft.source not in builder.sources:
        draft.source = ask(_("Source ({known})").format(known=", ".join(sources)),
                           default=sources[0] if len(sources) == 1 else "")
    while True:
        if not draft.quote.strip():
            draft.quote = ask(_("Quote: the words of the source that state the event"))
        error = builder.quote(draft.source, draft.quote)
        if not error and draft.quote.strip():
            break
        if error:
            console.print(error, markup=False, highlight=False)
        draft.quote = ""


@app.command(cls=Command, name="import", help=_(
    "Add the events of a CSV spreadsheet: every row is checked first, and nothing is written "
    "if any row is wrong."))
def import_events(
    csv_file: Annotated[Path | None, typer.Argument(
        metavar="FILE.csv", help=_("The spreadsheet, saved as CSV (UTF-8)."),
        show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_(
        "Show what would be added; write nothing."))] = False,
    template: Annotated[bool, typer.Option("--template", help=_(
        "Print a CSV template with the columns imfhist reads, and exit."))] = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.adding import Builder, header_name, read_rows
    from imfhist.adding import template as csv_template
    from imfhist.paths import timeline_path
    from imfhist.writer import Addition

    if template:
        sys.stdout.write(csv_template(i18n.language()))
        return
    if csv_file is None:
        _fail(_("name the CSV file to import"), _("`imfhist import --template` writes one"))
    try:
        text = csv_file.read_bytes().decode("utf-8-sig")
    except OSError as error:
        _fail(_("cannot read {path}: {reason}").format(path=csv_file,
                                                      reason=error.strerror or error))
    except UnicodeDecodeError:
        _fail(_("{path} is not UTF-8 text").format(path=csv_file),
              _("save the spreadsheet as CSV UTF-8"))
    drafts, problems, headers = read_rows(text)
    if problems:
        _problems_and_exit(problems, f"{csv_file}: ")
    timeline = _load_for_reading(file)
    builder = Builder(timeline)
    addition = Addition()
    for row, draft in drafts:
        record, row_problems = builder.event(draft)
        problems += [(column, f"{message}") for column, message in row_problems]
        if record is None:
            for column, message in row_problems:
                _note(_("{path}, row {row}, column {column}: {message}").format(
                    path=csv_file, row=row, column=header_name(column, headers),
                    message=message), style="red")
        else:
            addition.events.append(record)
    if problems:
        _fail(_("nothing was imported: correct the rows above and try again"))
    if not addition.events:
        _note(_("No event to import."))
        return
    path = timeline_path(file)
    result = _write(path, addition, dry_run=dry_run)
    if dry_run:
        from imfhist.writer import EVENT_KEYS, detect_style, render_mapping

        style = detect_style(result)
        sys.stdout.write("".join(render_mapping(r, style, EVENT_KEYS) for r in addition.events))
        _note(n_("Would add {count} event.", "Would add {count} events.",
                 len(addition.events)).format(count=len(addition.events)))
        return
    _note(n_("Imported {count} event into {path}.", "Imported {count} events into {path}.",
             len(addition.events)).format(count=len(addition.events), path=path), style="green")


@app.command(cls=Command, name="schema", help=_(
    "Print the JSON Schema (draft 2020-12) of the imfhist/1 format, for editors and other "
    "validators. Checks that need imfhist itself are listed in docs/rules.md."))
def schema(lang: LangOption = None) -> None:
    from imfhist.paths import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


def _only_the_requested_command(arguments: list[str]) -> None:
    """Keep only the command that was asked for: Typer builds every registered command, with all
    its options, at each start, and one is enough to run (help, completion and mistyped names
    still see them all)."""
    if "_IMFHIST_COMPLETE" in os.environ:
        return
    names = {info.name for info in app.registered_commands}
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument in ("--help", "-h"):
            return
        if argument == "--lang":
            position += 2
            continue
        if argument.startswith("-"):
            position += 1
            continue
        if argument in names:
            app.registered_commands = [i for i in app.registered_commands if i.name == argument]
        return


def main() -> None:
    """Run the command line. Typer turns usage errors into exit 2, Ctrl-C during a command into
    130 and a closed pipe into a quiet exit; this covers the moments around it."""
    try:
        _only_the_requested_command(sys.argv[1:])
        app()
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`imfhist list | head -1`): point stdout at /dev/null so that the
        # interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(OK)
