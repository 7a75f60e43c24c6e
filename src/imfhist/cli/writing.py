"""Writing commands: add and import events, start a timeline (init), say which file is used
(where). Dialogues live in imfhist.cli.dialogue; editing what is there lives in cli.keeping."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from imfhist.cli.app import OK, PROBLEMS, app
from imfhist.cli.commands import Command
from imfhist.cli.common import (
    fail,
    load_for_reading,
    note,
    problems_and_exit,
    stderr,
    stdout,
    warn_ignored,
    writing_path,
)
from imfhist.cli.options import FileOption, LangOption
from imfhist.cli.writes import DryRunOption, change
from imfhist.common import i18n
from imfhist.common.i18n import _, n_, p_
from imfhist.common.problems import shorten


def _no_answer() -> NoReturn:
    """stdin is closed, or at its end, in the middle of the questions: no one can answer."""
    stderr().print()  # end the line of the question that had no answer
    fail(_("no answer could be read: the input is closed or at its end; nothing was written"),
         _("give the fields as options, with --yes"))


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
        "--country", "-c", metavar=p_("metavar", "COUNTRY"), show_default=False,
        help=_("A country (repeat, or separate with commas)."))] = None,
    region: Annotated[list[str] | None, typer.Option(
        "--region", metavar=p_("metavar", "REGION"), show_default=False,
        help=_("A region."))] = None,
    place: Annotated[list[str] | None, typer.Option(
        "--place", metavar=p_("metavar", "PLACE"), show_default=False,
        help=_("A place of the timeline, by id or name."))] = None,
    actor: Annotated[list[str] | None, typer.Option(
        "--actor", "-a", metavar=p_("metavar", "ACTOR"), show_default=False,
        help=_("An actor of the timeline, by id or name."))] = None,
    new_place: Annotated[list[str] | None, typer.Option(
        "--new-place", metavar=p_("metavar", "NAME=COUNTRY"), show_default=False,
        help=_("Create a place and name it in the event: --new-place Oran=Algérie."))] = None,
    new_actor: Annotated[list[str] | None, typer.Option(
        "--new-actor", metavar=p_("metavar", "NAME=KIND"), show_default=False,
        help=_("Create an actor (person, organisation or programme) and name it in the event: "
               "--new-actor \"ICOSI=organisation\"."))] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", "-t", metavar=p_("metavar", "TAG"), show_default=False, help=_("A tag."))] = None,
    source: Annotated[str | None, typer.Option(
        "--source", show_default=False,
        help=_("The id of the source (the only one, if the timeline has one)."))] = None,
    quote: Annotated[str | None, typer.Option(
        "--quote", show_default=False,
        help=_("The words of the source that state the event."))] = None,
    event_id: Annotated[str | None, typer.Option(
        "--id", show_default=False, help=_("The event's id (made from the title if not given)."))
    ] = None,
    relation: Annotated[list[str] | None, typer.Option(
        "--relation", metavar=p_("metavar", "KIND:EVENT"), show_default=False,
        help=_("What the source says of the event's order against another event, as "
               "starts_before:altermed or during:imf-participe-aux-pcpa (repeat for several)."))
    ] = None,
    relation_quote: Annotated[str | None, typer.Option(
        "--relation-quote", show_default=False,
        help=_("The words of the source that state the relations (default: --quote)."))] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_(
        "Ask nothing: take the options as they are and write."))] = False,
    allow_duplicate: Annotated[bool, typer.Option("--allow-duplicate", help=_(
        "Add the event even if it repeats one of the timeline (same title, or same date and "
        "quote)."))] = False,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.drafts import EventDraft, split
    from imfhist.keeping.plan_add import NewThings, added_text, plan_addition_of, plan_new_event

    path = writing_path(file)
    draft = EventDraft(title=title or "", date=date or "", summary=summary or "",
                       countries=split(country), regions=split(region), places=split(place),
                       actors=split(actor), tags=split(tag), source=source or "",
                       quote=quote or "", id=event_id or "", relations=list(relation or []),
                       relation_quote=relation_quote or "")
    new = NewThings.parse(new_place or [], new_actor or [])
    if new.problems:
        problems_and_exit(new.problems, code=PROBLEMS)  # a value refused
    if yes:
        # Nothing to ask: build the event from the file as it is under the lock.
        change(path, plan_new_event(draft, new, allow_duplicate=allow_duplicate),
               dry_run=dry_run)
        if not dry_run:
            note(_("Added '{id}' to {path}.").format(id=new.added_id, path=path),
                 style="green")
        return
    from imfhist.cli.dialogue import Cancelled, ask_for_event, settle_event
    from imfhist.cli.questions import YesNo
    from imfhist.keeping.changes import PlanRefused
    from imfhist.keeping.drafts import Builder

    timeline = load_for_reading(path)
    builder = Builder(timeline, allow_duplicate=allow_duplicate)
    try:
        addition = new.addition(builder)
    except PlanRefused as refused:
        fail(refused.message, refused.hint, code=refused.code)
    new.named_in(draft, addition)
    try:
        ask_for_event(draft, builder, addition, stderr())
    except EOFError:
        _no_answer()
    if sys.stdin.isatty():
        # A keeper at a terminal: what a check refuses is fixed in the dialogue, without
        # typing the other answers again.
        try:
            record = settle_event(draft, builder, addition, stderr())
        except EOFError:
            _no_answer()
        except Cancelled:
            note(_("Nothing was written."))
            raise typer.Exit(PROBLEMS) from None
    else:
        record, problems = builder.event(draft)
        if record is None:
            problems_and_exit(problems, code=PROBLEMS)
    addition.events.append(record)
    if not event_id:
        addition.made_ids.add(record["id"])
    planner = plan_addition_of(addition, builder.new_aliases)
    wanted = list(builder.new_aliases)
    if not dry_run:
        # The whole text that will be added, checked with the whole timeline, before asking.
        shown = change(path, planner, wanted=wanted, dry_run=True, quiet=True)
        stderr().print(added_text(shown.diff()), soft_wrap=True, markup=False, highlight=False)
        from imfhist.common.safety import terminal_text

        try:
            confirmed = YesNo.ask(terminal_text(_("Add it to {path}?").format(path=path)),
                                  console=stderr())
        except EOFError:
            _no_answer()
        if not confirmed:
            note(_("Nothing was written."))
            raise typer.Exit(OK)
    change(path, planner, wanted=wanted, dry_run=dry_run)
    if not dry_run:
        note(_("Added '{id}' to {path}.").format(id=record["id"], path=path), style="green")


@app.command(cls=Command, name="import", help=_(
    "Add the events of a CSV spreadsheet: every row is checked first, and nothing is written "
    "if any row is wrong."))
def import_events(
    csv_file: Annotated[Path | None, typer.Argument(
        metavar=p_("metavar", "FILE.csv"), help=_("The spreadsheet, saved as CSV (UTF-8)."),
        show_default=False)] = None,
    dry_run: DryRunOption = False,
    template: Annotated[bool, typer.Option("--template", help=_(
        "Print a CSV template with the columns imfhist reads, and exit."))] = False,
    allow_duplicate: Annotated[bool, typer.Option("--allow-duplicate", help=_(
        "Import rows that repeat an event of the timeline or an earlier row (same title, or "
        "same date and quote)."))] = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.changes import PlanRefused
    from imfhist.keeping.drafts import Builder, header_name, is_example, read_rows
    from imfhist.keeping.drafts import template as csv_template
    from imfhist.keeping.writer import Addition, plan_addition

    if template:
        sys.stdout.write(csv_template(i18n.language()))
        return
    if csv_file is None:
        fail(_("name the CSV file to import"), _("`imfhist import --template` writes one"))
    from imfhist.common.inputs import BadLimit, limit_text, max_file_bytes, read_regular

    try:
        limit = max_file_bytes()
        data = read_regular(csv_file, limit)  # a regular file only: never a FIFO or a device
        if len(data) > limit:
            fail(_("{path} is larger than {size} MB, the most imfhist reads").format(
                path=csv_file, size=limit_text(limit)), _("import it in several parts"))
        text = data.decode("utf-8-sig")
    except BadLimit as error:
        fail(str(error))
    except OSError as error:
        fail(_("cannot read {path}: {reason}").format(path=csv_file,
                                                      reason=error.strerror or error))
    except UnicodeDecodeError:
        fail(_("{path} is not UTF-8 text").format(path=csv_file),
              _("save the spreadsheet as CSV UTF-8"))
    drafts, problems, headers = read_rows(text)
    if problems:
        problems_and_exit(problems, f"{csv_file}: ")
    if not drafts:
        note(_("No event to import."))
        return
    path = writing_path(file)
    addition = Addition()

    def planner(outline, timeline):  # type: ignore[no-untyped-def]
        builder = Builder(timeline, allow_duplicate=allow_duplicate)
        wrong = []
        for row, draft in drafts:
            if is_example(draft):
                wrong.append(_("{path}, row {row}: this is the template's example row, left as "
                               "it was; replace it with your own events").format(
                                   path=csv_file, row=row))
                continue
            record, row_problems = builder.event(draft, row)
            wrong += [_("{path}, row {row}, column {column}: {message}").format(
                path=csv_file, row=row, column=header_name(column, headers), message=message)
                for column, message in row_problems]
            if record is not None:
                addition.events.append(record)
        if wrong:
            raise PlanRefused(_("nothing was imported: correct the rows above and try again"),
                              details=tuple(wrong), code=1)
        return plan_addition(outline, addition)

    change(path, planner, dry_run=dry_run)
    if dry_run:
        note(n_("Would add {count} event.", "Would add {count} events.",
                 len(addition.events)).format(count=len(addition.events)))
    else:
        note(n_("Imported {count} event into {path}.", "Imported {count} events into {path}.",
                 len(addition.events)).format(count=len(addition.events), path=path),
             style="green")


@app.command(cls=Command, name="init", help=_(
    "Start a new timeline: the format line, the schema line for editors, one source to fill in, "
    "and a sources/ folder for the archived pages."))
def init(
    target: Annotated[Path, typer.Argument(
        metavar=p_("metavar", "[PATH]"),
        help=_("The file to create. Default: data/timeline.yaml."))]
    = Path("data") / "timeline.yaml",
    title: Annotated[str | None, typer.Option("--title", show_default=False,
                                              help=_("The timeline's title."))] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=_(
        "Print the timeline it would start; write nothing."))] = False,
    lang: LangOption = None,
) -> None:
    from imfhist.common.paths import CannotChoose, current_folder
    from imfhist.keeping.atomic import PlaceTaken, WriteError
    from imfhist.keeping.plan_init import TimelineExists, new_timeline, start_timeline

    if dry_run:
        sys.stdout.write(new_timeline(target, title))
        note(_("Dry run: nothing was written."))
        return
    try:
        if not target.is_absolute():
            current_folder()  # a relative name in a folder that is gone: say so
    except CannotChoose as error:
        fail(error.message, error.hint)
    try:
        created = start_timeline(target, title)
    except TimelineExists:
        fail(_("{path} already exists: nothing was written").format(path=target),
             _("name another file, or keep this one"))
    except PlaceTaken as taken:
        if taken.link:
            fail(_("{path} is a symbolic link: nothing was written").format(path=taken.path),
                 _("imfhist writes no file through a link; remove the link, or start the "
                   "timeline in another folder"))
        fail(_("{path} already exists: nothing was written").format(path=taken.path),
             _("remove it, or start the timeline in another folder"))
    except WriteError as error:
        fail(_("cannot write {path}: {reason}").format(path=shorten(str(target), 120),
                                                       reason=error),
             _("nothing was written; check the folder"))
    for path in created:
        note(_("Created {path}.").format(path=path), style="green")
    note(_("Next: archive the page your history comes from with `imfhist source add --id ID "
           "--title TITLE --from FILE` (or `--url URL --fetch`), which replaces the placeholder "
           "source in {path}; then add events with `imfhist add`.").format(path=target))


@app.command(cls=Command, name="where", help=_(
    "Say which timeline file the commands use here, and why."))
def where(file: FileOption = None, lang: LangOption = None) -> None:
    from imfhist.common.paths import FROM_PACKAGE, FROM_SETTING, CannotChoose, chosen_for_reading

    try:
        chosen = chosen_for_reading(file)
    except CannotChoose as error:
        fail(error.message, error.hint)
    warn_ignored(chosen.ignored)
    how = _(chosen.how).format(setting=chosen.setting) if chosen.how == FROM_SETTING else \
        _(chosen.how)
    stdout().print(str(chosen.path), soft_wrap=True)
    note(_("chosen by {how}").format(how=how), style="default")
    if chosen.how == FROM_PACKAGE:
        note(_("writing commands refuse it: name a file with --file or start one with "
               "`imfhist init`"))
