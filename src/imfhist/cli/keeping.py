"""Keeping commands: correct an event (edit), remove an object, rename an id.

A family of its own, apart from writing (add, import): these change what is already in the
file. The planning lives in imfhist.keeping.plan_edit, the editor session in imfhist.cli.editor.
"""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
from pathlib import Path
from typing import Annotated

import typer

from imfhist.cli.app import PROBLEMS, app
from imfhist.cli.commands import Command
from imfhist.cli.common import fail, note, writing_path
from imfhist.cli.options import FileOption, LangOption
from imfhist.cli.streams import stderr
from imfhist.cli.writes import DryRunOption, change
from imfhist.common.i18n import N_, _, p_


@app.command(cls=Command, name="edit", help=_(
    "Correct an event: give the fields to change as options, or none to open the event's YAML "
    "in $VISUAL or $EDITOR. Only what changes is rewritten; the whole timeline is checked first."))
def edit(
    event_id: Annotated[str, typer.Argument(metavar=p_("metavar", "ID"),
        help=_("The event's id."))],
    title: Annotated[str | None, typer.Option("--title", show_default=False,
                                              help=_("A new title."))] = None,
    summary: Annotated[str | None, typer.Option(
        "--summary", show_default=False, help=_("A new summary (\"\" removes it)."))] = None,
    date: Annotated[str | None, typer.Option(
        "--date", show_default=False,
        help=_("A new date, in EDTF or words (\"\" removes it)."))] = None,
    date_label: Annotated[str | None, typer.Option(
        "--date-label", show_default=False,
        help=_("The source's own wording of the date (\"\" removes it)."))] = None,
    add_country: Annotated[list[str] | None, typer.Option(
        "--add-country", metavar=p_("metavar", "COUNTRY"), show_default=False,
        help=_("Add a country."))] = None,
    remove_country: Annotated[list[str] | None, typer.Option(
        "--remove-country", metavar=p_("metavar", "COUNTRY"), show_default=False,
        help=_("Remove a country."))] = None,
    add_region: Annotated[list[str] | None, typer.Option(
        "--add-region", metavar=p_("metavar", "REGION"), show_default=False,
        help=_("Add a region."))] = None,
    remove_region: Annotated[list[str] | None, typer.Option(
        "--remove-region", metavar=p_("metavar", "REGION"), show_default=False,
        help=_("Remove a region."))] = None,
    add_place: Annotated[list[str] | None, typer.Option(
        "--add-place", metavar=p_("metavar", "PLACE"), show_default=False,
        help=_("Add a place, by id or name."))] = None,
    remove_place: Annotated[list[str] | None, typer.Option(
        "--remove-place", metavar=p_("metavar", "PLACE"), show_default=False,
        help=_("Remove a place."))] = None,
    add_actor: Annotated[list[str] | None, typer.Option(
        "--add-actor", metavar=p_("metavar", "ACTOR"), show_default=False,
        help=_("Add an actor, by id or name."))] = None,
    remove_actor: Annotated[list[str] | None, typer.Option(
        "--remove-actor", metavar=p_("metavar", "ACTOR"), show_default=False,
        help=_("Remove an actor."))] = None,
    add_tag: Annotated[list[str] | None, typer.Option(
        "--add-tag", metavar=p_("metavar", "TAG"), show_default=False,
        help=_("Add a tag."))] = None,
    remove_tag: Annotated[list[str] | None, typer.Option(
        "--remove-tag", metavar=p_("metavar", "TAG"), show_default=False,
        help=_("Remove a tag."))] = None,
    quote: Annotated[str | None, typer.Option(
        "--quote", show_default=False,
        help=_("The words of the source that state the event: replaces the quote from that "
               "source, or adds a citation."))] = None,
    source: Annotated[str | None, typer.Option(
        "--source", show_default=False,
        help=_("The source the --quote comes from (needed when there are several)."))] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.drafts import split
    from imfhist.keeping.plan_edit import EventEdit, plan_edit

    path = writing_path(file)
    wanted = {"countries": (add_country, remove_country), "regions": (add_region, remove_region),
              "places": (add_place, remove_place), "actors": (add_actor, remove_actor),
              "tags": (add_tag, remove_tag)}
    changes = EventEdit(
        title=title, summary=summary, date=date, date_label=date_label, quote=quote,
        source=source, add={k: split(a) for k, (a, _r) in wanted.items()},
        remove={k: split(r) for k, (_a, r) in wanted.items()})
    if changes.is_empty:
        _edit_in_editor(path, event_id, dry_run)
        return
    outcome = change(path, plan_edit(event_id, changes), wanted=[event_id], dry_run=dry_run)
    for line in changes.notes:
        note(line, style="yellow")
    if outcome.written and outcome.changed:
        note(_("Changed '{id}' in {path}.").format(id=event_id, path=path), style="green")


def _edit_in_editor(path: Path, event_id: str, dry_run: bool) -> None:
    from imfhist.cli.editor import (
        Abandoned,
        EditorFailed,
        NoEditor,
        edit_session,
        plan_replace,
        shown_event,
    )
    from imfhist.cli.questions import YesNo
    from imfhist.keeping.changes import PlanRefused
    from imfhist.keeping.transaction import WriteRefused, rewrite
    from imfhist.publishing.report.text import problem_line

    shown: list[str] = []
    change(path, shown_event(event_id, shown), wanted=[event_id], dry_run=True, quiet=True)
    original = shown[0]

    def problems(text: str) -> list[str]:
        try:
            rewrite(path, plan_replace(event_id, original, text), wanted=[event_id],
                    dry_run=True)
        except WriteRefused as refused:
            return [problem_line(p).plain for p in refused.problems]
        return []

    try:
        text = edit_session(original, problems, show=lambda line: note(line, style="red"),
                            again=lambda: YesNo.ask(_("Edit it again?"), console=stderr(),
                                                      default=True))
    except NoEditor:
        fail(_("give the fields to change as options (see --help), or set VISUAL or EDITOR to "
               "the editor to open"), _("without a terminal, no editor can be opened"))
    except EditorFailed as error:
        fail(str(error), _("set VISUAL or EDITOR to the editor to use; nothing was written"))
    except PlanRefused as refused:
        fail(refused.message, refused.hint)
    except Abandoned:
        note(_("Nothing was written."))
        raise typer.Exit(PROBLEMS) from None
    if text is None:
        note(_("No change: nothing was written."))
        return
    outcome = change(path, plan_replace(event_id, original, text), wanted=[event_id],
                     dry_run=dry_run)
    if outcome.written:
        note(_("Changed '{id}' in {path}.").format(id=event_id, path=path), style="green")


@app.command(cls=Command, name="remove", help=_(
    "Remove an event, actor, place or source by its id. Refuses what events still name, "
    "and says which."))
def remove(
    ident: Annotated[str, typer.Argument(metavar=p_("metavar", "ID"),
        help=_("The id of what to remove."))],
    dry_run: DryRunOption = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.plan_edit import plan_remove

    path = writing_path(file)
    left: list[tuple[str, str]] = []
    outcome = change(path, plan_remove(ident, left), wanted=[ident], dry_run=dry_run)
    if outcome.written:
        note(_("Removed '{id}' from {path}.").format(id=ident, path=path), style="green")
    for kind, other in left:
        note(_(_NO_LONGER_NAMED[kind]).format(id=other, event=ident), style="yellow")
    if left:
        note(_("They are kept; remove each one that is not needed any more with "
               "`imfhist remove ID`, or name it from another event."))


_NO_LONGER_NAMED = {
    "actors": N_("actor '{id}' is named by no event now that '{event}' is gone"),
    "places": N_("place '{id}' is named by no event now that '{event}' is gone"),
    "sources": N_("source '{id}' is cited by no event now that '{event}' is gone"),
}


@app.command(cls=Command, name="rename", help=_(
    "Give an event, actor, place or source a new id, and change every reference to it."))
def rename(
    old: Annotated[str, typer.Argument(metavar=p_("metavar", "OLD"), help=_("The id it has."))],
    new: Annotated[str, typer.Argument(metavar=p_("metavar", "NEW"), help=_("The id it gets."))],
    dry_run: DryRunOption = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.plan_edit import plan_rename

    path = writing_path(file)
    outcome = change(path, plan_rename(old, new), wanted=[old], dry_run=dry_run)
    if outcome.written:
        note(_("Renamed '{old}' to '{new}' in {path}.").format(old=old, new=new, path=path),
             style="green")
