"""The events as a Rich table: date as worded, title, countries, places, actors."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from imfhist.i18n import _
from imfhist.model import Event, Timeline
from imfhist.output.records import country_names, names, worded_date
from imfhist.output.safety import clean_line


def _cell(value: str) -> Text:
    return Text(clean_line(value))


def render(events: Sequence[Event], timeline: Timeline) -> Table:
    title = Text(clean_line(timeline.title)) if timeline.title else None
    # Long names wrap, and a word longer than its column folds: nothing is cut off.
    table = Table(title=title, box=box.SIMPLE_HEAVY, expand=True)
    table.add_column(_("Date"), ratio=2, min_width=9, style="cyan", overflow="fold")
    table.add_column(_("Title"), ratio=5, min_width=16, overflow="fold")
    table.add_column(_("Countries"), ratio=2, min_width=9, overflow="fold")
    table.add_column(_("Places"), ratio=2, min_width=8, overflow="fold")
    table.add_column(_("Actors"), ratio=3, min_width=10, overflow="fold")
    places = timeline.place_by_id()
    actors = timeline.actor_by_id()
    for event in events:
        table.add_row(
            _cell(worded_date(event)),
            _cell(event.title),
            _cell(", ".join(country_names(event, timeline))),
            _cell(", ".join(names(event.places, places))),
            _cell(", ".join(names(event.actors, actors))),
        )
    return table
