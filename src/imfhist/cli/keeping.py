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
    "Correct an event, an actor, a place or a source (or, with --timeline, the timeline's title, "
    "description and language): give the fields to change as options, or none to open its YAML "
    "in an editor. Only what changes is rewritten; the whole timeline is checked first."))
def edit(
    event_id: Annotated[str | None, typer.Argument(
        metavar=p_("metavar", "ID"), show_default=False,
        help=_("The id of the event, actor, place or source (place:ID, actor:ID… when "
               "several have it)."))] = None,
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
    add_relation: Annotated[list[str] | None, typer.Option(
        "--add-relation", metavar=p_("metavar", "KIND:EVENT"), show_default=False,
        help=_("Add what the source says of the event's order against another event "
               "(before, after, starts_before, starts_after, ends_before, ends_after, during, "
               "contains), as starts_before:altermed, with the --quote that says it."))] = None,
    remove_relation: Annotated[list[str] | None, typer.Option(
        "--remove-relation", metavar=p_("metavar", "KIND:EVENT"), show_default=False,
        help=_("Remove a relation, as during:altermed."))] = None,
    add_bound: Annotated[list[str] | None, typer.Option(
        "--add-bound", metavar=p_("metavar", "BOUND:DATE"), show_default=False,
        help=_("The date the event started no earlier than (not_before:2004) or ended no later "
               "than (not_after:…), in EDTF or words, with the --quote that gives it."))] = None,
    remove_bound: Annotated[list[str] | None, typer.Option(
        "--remove-bound", metavar=p_("metavar", "BOUND"), show_default=False,
        help=_("Remove a bound: not_before or not_after."))] = None,
    name: Annotated[str | None, typer.Option(
        "--name", show_default=False, help=_("An actor's or a place's new name."))] = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", show_default=False,
        help=_("An actor's kind: person, organisation or programme (personne, organisation, "
               "programme)."))] = None,
    description: Annotated[str | None, typer.Option(
        "--description", show_default=False,
        help=_("An actor's or the timeline's description (\"\" removes it)."))] = None,
    add_alias: Annotated[list[str] | None, typer.Option(
        "--add-alias", metavar=p_("metavar", "NAME"), show_default=False,
        help=_("Another name the sources use for an actor."))] = None,
    remove_alias: Annotated[list[str] | None, typer.Option(
        "--remove-alias", metavar=p_("metavar", "NAME"), show_default=False,
        help=_("Remove an actor's alias."))] = None,
    country: Annotated[str | None, typer.Option(
        "--country", show_default=False, help=_("A place's country."))] = None,
    url: Annotated[str | None, typer.Option(
        "--url", show_default=False, help=_("A source's address (\"\" removes it)."))] = None,
    publisher: Annotated[str | None, typer.Option(
        "--publisher", show_default=False,
        help=_("A source's publisher (\"\" removes it)."))] = None,
    author: Annotated[str | None, typer.Option(
        "--author", show_default=False,
        help=_("The actor who wrote a source, by id or name (\"\" removes it)."))] = None,
    timeline: Annotated[bool, typer.Option(
        "--timeline", help=_("Edit the timeline's own --title, --description and "
                             "--timeline-lang instead of an object."))] = False,
    timeline_lang: Annotated[str | None, typer.Option(
        "--timeline-lang", metavar=p_("metavar", "LANG"), show_default=False,
        help=_("The language of the timeline's text (fr, en…), with --timeline."))] = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.drafts import split
    from imfhist.keeping.plan_edit import EventEdit
    from imfhist.keeping.plan_fields import ObjectEdit, split_id
    from imfhist.keeping.plan_objects import EditRequest, plan_any_edit, plan_timeline_edit
    from imfhist.keeping.plan_relations import ClaimEdit

    path = writing_path(file)
    options = {
        "--title": title, "--summary": summary, "--date": date, "--date-label": date_label,
        "--add-country": add_country, "--remove-country": remove_country,
        "--add-region": add_region, "--remove-region": remove_region,
        "--add-place": add_place, "--remove-place": remove_place, "--add-actor": add_actor,
        "--remove-actor": remove_actor, "--add-tag": add_tag, "--remove-tag": remove_tag,
        "--quote": quote, "--source": source, "--add-relation": add_relation,
        "--remove-relation": remove_relation, "--add-bound": add_bound,
        "--remove-bound": remove_bound, "--name": name, "--kind": kind,
        "--description": description, "--add-alias": add_alias, "--remove-alias": remove_alias,
        "--country": country, "--url": url, "--publisher": publisher, "--author": author,
        "--timeline-lang": timeline_lang}
    given = [option for option, value in options.items() if value is not None]
    wanted = {"countries": (add_country, remove_country), "regions": (add_region, remove_region),
              "places": (add_place, remove_place), "actors": (add_actor, remove_actor),
              "tags": (add_tag, remove_tag)}
    claims = ClaimEdit(add_relations=list(add_relation or []),
                       remove_relations=list(remove_relation or []),
                       add_bounds=list(add_bound or []), remove_bounds=list(remove_bound or []))
    if claims.adds:  # the quote states the relation or bound, not the event
        claims.source, claims.quote, source, quote = source, quote, None, None
    request = EditRequest(
        given=given, claims=claims,
        event=EventEdit(
            title=title, summary=summary, date=date, date_label=date_label, quote=quote,
            source=source, add={k: split(a) for k, (a, _r) in wanted.items()},
            remove={k: split(r) for k, (_a, r) in wanted.items()}),
        fields=ObjectEdit(
            values={"title": title, "name": name, "kind": kind, "description": description,
                    "country": country, "url": url, "publisher": publisher, "author": author,
                    "lang": timeline_lang},
            add_aliases=list(add_alias or []), remove_aliases=list(remove_alias or [])))
    if timeline:
        if event_id is not None:
            fail(_("--timeline edits the timeline itself: give no ID with it"),
                 _("imfhist edit --timeline --description \"…\""))
        if not given:
            fail(_("give what to change in the timeline: --title, --description or "
                   "--timeline-lang"))
        outcome = change(path, plan_timeline_edit(request), dry_run=dry_run)
        done = _("Changed the timeline's fields in {path}.").format(path=path)
    else:
        if event_id is None:
            fail(_("name what to edit: imfhist edit ID, or imfhist edit --timeline"),
                 _("`imfhist list` shows the events and their ids"))
        if not given:
            _edit_in_editor(path, event_id, dry_run)
            return
        outcome = change(path, plan_any_edit(event_id, request),
                         wanted=[split_id(event_id)[0]], dry_run=dry_run)
        done = _("Changed '{id}' in {path}.").format(id=split_id(event_id)[0], path=path)
    for line in request.notes:
        note(line, style="yellow")
    if outcome.written and outcome.changed:
        note(done, style="green")


def _edit_in_editor(path: Path, written: str, dry_run: bool) -> None:
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
    from imfhist.keeping.plan_fields import split_id
    from imfhist.keeping.transaction import WriteRefused, rewrite
    from imfhist.publishing.report.text import problem_line

    event_id = split_id(written)[0]

    shown: list[str] = []
    change(path, shown_event(written, shown), wanted=[event_id], dry_run=True, quiet=True)
    original = shown[0]

    def problems(text: str) -> list[str]:
        try:
            rewrite(path, plan_replace(written, original, text), wanted=[event_id],
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
    outcome = change(path, plan_replace(written, original, text), wanted=[event_id],
                     dry_run=dry_run)
    if outcome.written:
        note(_("Changed '{id}' in {path}.").format(id=event_id, path=path), style="green")


@app.command(cls=Command, name="remove", help=_(
    "Remove an event, actor, place or source by its id. Refuses what events still name, "
    "and says which."))
def remove(
    ident: Annotated[str, typer.Argument(metavar=p_("metavar", "ID"),
        help=_("The id of what to remove."))],
    with_relations: Annotated[bool, typer.Option("--with-relations", help=_(
        "Remove an event together with the relations of other events that name it."))] = False,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.plan_fields import split_id
    from imfhist.keeping.plan_relations import plan_remove_event

    path = writing_path(file)
    left: list[tuple[str, str]] = []
    gone: list[tuple[str, str]] = []
    written, ident = ident, split_id(ident)[0]
    outcome = change(path, plan_remove_event(written, left, with_relations, gone),
                     wanted=[ident], dry_run=dry_run)
    for holder, relation in gone:
        note((_("Removed relation '{relation}' from event '{event}'.") if outcome.written else
              _("Would remove relation '{relation}' from event '{event}'.")).format(
                  relation=relation, event=holder), style="green" if outcome.written else "yellow")
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
    notes: list[str] = []
    outcome = change(path, plan_rename(old, new, notes), wanted=[old], dry_run=dry_run)
    if outcome.written:
        note(_("Renamed '{old}' to '{new}' in {path}.").format(old=old, new=new, path=path),
             style="green")
        note(_("'{old}' is kept in its former_ids: the published page still opens it at "
               "#{old}.").format(old=old))
    for line in notes:
        note(line)
