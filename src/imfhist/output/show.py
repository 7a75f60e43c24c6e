"""One event in full, for `imfhist show`."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imfhist.dates import format_bound
from imfhist.model import Event, Timeline
from imfhist.output.records import country_names, worded_date
from imfhist.output.safety import clean, clean_line


def _text(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)


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
    places = timeline.place_by_id()
    if event.places:
        lines = []
        for ref in event.places:
            place = places.get(ref.value)
            if place is None:
                lines.append(f"{ref.value} (unknown place)")
            else:
                from imfhist.places import countries as country_index

                code = country_index().resolve(place.country.value)
                country = country_index().name(code) if code else place.country.value
                lines.append(f"{place.name} ({country})")
        row("Places", _text("\n".join(lines)))
    actors = timeline.actor_by_id()
    if event.actors:
        lines = []
        for ref in event.actors:
            actor = actors.get(ref.value)
            if actor is None:
                lines.append(f"{ref.value} (unknown actor)")
            else:
                line = f"{actor.name} ({actor.kind.value})"
                lines.append(f"{line}: {actor.description}" if actor.description else line)
        row("Actors", _text("\n".join(lines)))
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
