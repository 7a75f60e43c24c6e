"""One event in full, for `imfhist show`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imfhist.dates import format_bound
from imfhist.model import Actor, Event, Place, Timeline
from imfhist.model import Text as TextValue
from imfhist.output.records import country_names, worded_date
from imfhist.output.safety import clean, clean_line

T = TypeVar("T")


def _text(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)


def _describe(refs: tuple[TextValue, ...], by_id: Mapping[str, T], kind: str,
              line: Callable[[T], str]) -> str:
    """One line per referenced id; an id that names nothing is shown as such."""
    return "\n".join(line(by_id[ref.value]) if ref.value in by_id
                     else f"{ref.value} (unknown {kind})" for ref in refs)


def _place_line(place: Place) -> str:
    from imfhist.places import countries

    code = countries().resolve(place.country.value)
    return f"{place.name} ({countries().name(code) if code else place.country.value})"


def _actor_line(actor: Actor) -> str:
    line = f"{actor.name} ({actor.kind.value})"
    return f"{line}: {actor.description}" if actor.description else line


def render_event(event: Event, timeline: Timeline) -> RenderableType:
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column()

    def row(label: str, value: RenderableType) -> None:
        fields.add_row(Text(label), value)

    row("Id", _text(event.id.value))
    row("Date", _text(worded_date(event)))
    if event.date is not None:
        row("EDTF", _text(event.date.value))
    if event.edtf is not None:
        bounds = f"{format_bound(event.edtf.lower)} to {format_bound(event.edtf.upper)}"
        row("Bounds", Text(bounds))
    if event.summary:
        row("Summary", _text(event.summary))
    countries = country_names(event, timeline)
    if countries:
        row("Countries", _text(", ".join(countries)))
    if event.regions:
        row("Regions", _text(", ".join(r.value for r in event.regions)))
    if event.places:
        row("Places", _text(_describe(event.places, timeline.place_by_id(), "place",
                                      _place_line)))
    if event.actors:
        row("Actors", _text(_describe(event.actors, timeline.actor_by_id(), "actor",
                                      _actor_line)))
    if event.tags:
        row("Tags", _text(", ".join(t.value for t in event.tags)))
    sources = timeline.source_by_id()
    for number, citation in enumerate(event.sources, start=1):
        source = sources.get(citation.ref.value)
        cited = Text()
        cited.append(f"« {clean_line(citation.quote.value)} »", style="italic")
        if source is not None:
            cited.append(f"\n{clean_line(source.title)}")
            if source.url:
                cited.append(f"\n{clean_line(source.url)}", style="underline")
        else:
            cited.append(f"\n{clean_line(citation.ref.value)} (unknown source)")
        row("Source" if len(event.sources) == 1 else f"Source {number}", cited)
    heading = Text(clean_line(event.title), style="bold")
    return Group(heading, Text(""), fields)
