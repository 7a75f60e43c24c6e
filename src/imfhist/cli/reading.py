"""Reading commands: list, filter, show and stats."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
from typing import TYPE_CHECKING, Annotated, Any

import typer

from imfhist.cli.app import app
from imfhist.cli.commands import Command
from imfhist.cli.common import (
    emit,
    find_event,
    load_for_reading,
    select_events,
    selected,
    stdout,
)
from imfhist.cli.options import (
    FileOption,
    FormatOption,
    LangOption,
    ListFormat,
    Selection,
    with_selection,
)
from imfhist.common import i18n
from imfhist.common.i18n import _, p_

if TYPE_CHECKING:
    from imfhist.timeline.model import Timeline


@app.command(cls=Command, name="list", help=_(
    "List every event in story order: dated events by date, an event without a date where its "
    "relations and bounds place it (\"by 2019\"), else where the file tells it."))
def list_events(file: FileOption = None, output_format: FormatOption = ListFormat.table,
                lang: LangOption = None) -> None:
    from imfhist.timeline.query import in_date_order

    timeline = load_for_reading(file)
    emit(in_date_order(timeline), timeline, output_format)



@app.command(cls=Command, name="filter", help=_(
    "List the events that match every option given (a repeated option: any of its values).\n\n"
    "An event matches --from/--to when it may overlap the range: its possible span, from its "
    "dates, relations and bounds, open ends included. With --certain, only when it surely "
    "does."))
@with_selection
def filter_events(
    selection: Selection,
    file: FileOption = None,
    output_format: FormatOption = ListFormat.table,
    lang: LangOption = None,
) -> None:
    timeline = load_for_reading(file)
    emit(select_events(timeline, selection), timeline, output_format)



@app.command(cls=Command, name="show", help=_(
    "Show one event in full: dates, places, actors and sources with their quotes; for an event "
    "without a date, when its relations place it and why, quote by quote. The id of an actor, a "
    "place or a source shows it, and the events that name it."))
def show_event(
    event_id: Annotated[str, typer.Argument(metavar=p_("metavar", "ID"),
        help=_("The id of the event (or of an actor, a place, a source)."))],
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    import sys

    from imfhist.publishing.show import render_event
    from imfhist.publishing.table import terminal, write_lines

    timeline = load_for_reading(file)
    other = _other_object(timeline, event_id)
    if other is not None:
        from imfhist.publishing.show import render_object

        shown = render_object(other, timeline)
    else:
        shown = render_event(find_event(timeline, event_id), timeline)
    width, colour = terminal(sys.stdout)
    write_lines(shown.lines(width), sys.stdout, colour)
    sys.stdout.flush()


def _other_object(timeline: "Timeline", typed: str) -> Any:
    """The actor, place or source whose id is `typed`, when no event has that id."""
    if any(e.id.value.casefold() == typed.casefold() for e in timeline.events):
        return None
    for objects in (timeline.actors, timeline.places, timeline.sources):
        for item in objects:
            if item.id.value == typed:
                return item
    return None


@app.command(cls=Command, name="stats", help=_(
    "Count the events per country, decade, actor and tag, with bar charts."))
@with_selection
def stats(selection: Selection, file: FileOption = None, lang: LangOption = None) -> None:
    from imfhist.publishing.stats import render
    from imfhist.publishing.view import event_views

    timeline, events = selected(file, selection)
    stdout().print(render(event_views(events, timeline, i18n.language())))

