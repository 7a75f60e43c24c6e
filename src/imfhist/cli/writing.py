"""Writing commands: add and import. Dialogues live in imfhist.dialogue, not here."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
import sys
from pathlib import Path
from typing import Annotated

import typer

from imfhist import i18n
from imfhist.cli.app import OK, PROBLEMS, app
from imfhist.cli.common import fail, load_for_reading, note, problems_and_exit, stderr
from imfhist.commands import Command
from imfhist.i18n import _, n_
from imfhist.options import FileOption, LangOption


def _write(path: Path, addition: object, dry_run: bool) -> str:
    from imfhist.atomic import WriteError
    from imfhist.output.report.text import problem_line
    from imfhist.writer import WriteRefused, write_addition

    try:
        return write_addition(path, addition, dry_run=dry_run)  # type: ignore[arg-type]
    except WriteRefused as refused:
        console = stderr()
        for problem in refused.problems:
            console.print(problem_line(problem), soft_wrap=True)
        fail(_("the timeline would not be valid: nothing was written"), code=PROBLEMS)
    except WriteError as error:
        fail(_("cannot write {path}: {reason}").format(path=path, reason=error),
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
    allow_duplicate: Annotated[bool, typer.Option("--allow-duplicate", help=_(
        "Add the event even if it repeats one of the timeline (same title, or same date and "
        "quote)."))] = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.adding import Builder, EventDraft, split
    from imfhist.paths import timeline_path
    from imfhist.writer import EVENT_KEYS, Addition, detect_style, render_mapping

    timeline = load_for_reading(file)
    path = timeline_path(file)
    builder = Builder(timeline, allow_duplicate=allow_duplicate)
    draft = EventDraft(title=title or "", date=date or "", summary=summary or "",
                       countries=split(country), regions=split(region), places=split(place),
                       actors=split(actor), tags=split(tag), source=source or "",
                       quote=quote or "", id=event_id or "")
    addition = Addition()
    if not yes:
        from imfhist.dialogue import ask_for_event

        ask_for_event(draft, builder, addition, stderr())
    record, problems = builder.event(draft)
    if record is None:
        problems_and_exit(problems)
    addition.events.append(record)
    text = path.read_text(encoding="utf-8-sig")
    style = detect_style(text)
    from rich.syntax import Syntax

    preview = "".join(render_mapping(r, style, ("id", "name", "kind", "country"))
                      for r in addition.actors + addition.places)
    preview += render_mapping(record, style, EVENT_KEYS)
    stderr().print(Syntax(preview.replace("\r\n", "\n"), "yaml", theme="ansi_dark",
                           background_color="default"))
    if not yes:
        from rich.prompt import Confirm

        if not Confirm.ask(_("Add it to {path}?").format(path=path), console=stderr()):
            note(_("Nothing was written."))
            raise typer.Exit(OK)
    _write(path, addition, dry_run=False)
    note(_("Added '{id}' to {path}.").format(id=record["id"], path=path), style="green")



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
    allow_duplicate: Annotated[bool, typer.Option("--allow-duplicate", help=_(
        "Import rows that repeat an event of the timeline or an earlier row (same title, or "
        "same date and quote)."))] = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.adding import Builder, header_name, is_example, read_rows
    from imfhist.adding import template as csv_template
    from imfhist.paths import timeline_path
    from imfhist.writer import Addition

    if template:
        sys.stdout.write(csv_template(i18n.language()))
        return
    if csv_file is None:
        fail(_("name the CSV file to import"), _("`imfhist import --template` writes one"))
    try:
        text = csv_file.read_bytes().decode("utf-8-sig")
    except OSError as error:
        fail(_("cannot read {path}: {reason}").format(path=csv_file,
                                                      reason=error.strerror or error))
    except UnicodeDecodeError:
        fail(_("{path} is not UTF-8 text").format(path=csv_file),
              _("save the spreadsheet as CSV UTF-8"))
    drafts, problems, headers = read_rows(text)
    if problems:
        problems_and_exit(problems, f"{csv_file}: ")
    timeline = load_for_reading(file)
    builder = Builder(timeline, allow_duplicate=allow_duplicate)
    addition = Addition()
    refused = False
    for row, draft in drafts:
        if is_example(draft):
            refused = True
            note(_("{path}, row {row}: this is the template's example row, left as it was; "
                   "replace it with your own events").format(path=csv_file, row=row),
                 style="red")
            continue
        record, row_problems = builder.event(draft, row)
        if record is None:
            refused = True
            for column, message in row_problems:
                note(_("{path}, row {row}, column {column}: {message}").format(
                    path=csv_file, row=row, column=header_name(column, headers),
                    message=message), style="red")
        else:
            addition.events.append(record)
    if refused:
        fail(_("nothing was imported: correct the rows above and try again"))
    if not addition.events:
        note(_("No event to import."))
        return
    path = timeline_path(file)
    result = _write(path, addition, dry_run=dry_run)
    if dry_run:
        from imfhist.writer import EVENT_KEYS, detect_style, render_mapping

        style = detect_style(result)
        sys.stdout.write("".join(render_mapping(r, style, EVENT_KEYS) for r in addition.events))
        note(n_("Would add {count} event.", "Would add {count} events.",
                 len(addition.events)).format(count=len(addition.events)))
        return
    note(n_("Imported {count} event into {path}.", "Imported {count} events into {path}.",
             len(addition.events)).format(count=len(addition.events), path=path), style="green")

