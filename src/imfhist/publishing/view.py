"""Events with their references resolved, as documents for people (exports, charts) show them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imfhist.common.safety import safe_url
from imfhist.publishing.records import worded_date
from imfhist.timeline.chronology import Derived
from imfhist.timeline.dates import EdtfDate
from imfhist.timeline.model import Event, Timeline


@dataclass(frozen=True)
class Citation:
    quote: str
    source_id: str
    source_title: str
    url: str | None


@dataclass(frozen=True)
class EventView:
    id: str
    title: str
    summary: str | None
    worded_date: str
    edtf: EdtfDate | None
    country_codes: tuple[str, ...]
    country_names: tuple[str, ...]
    regions: tuple[str, ...]
    places: tuple[str, ...]
    actors: tuple[str, ...]
    tags: tuple[str, ...]
    citations: tuple[Citation, ...]
    # The earliest and latest possible start and end (imfhist.timeline.chronology); for an event
    # without a date of its own, what its relations and bounds say.
    derived: Derived | None = None
    # The ids it had before a rename: the page still opens it at #old-id.
    former_ids: tuple[str, ...] = ()

    @property
    def relative(self) -> bool:
        """Whether the event has no date of its own but is placed by its relations or bounds."""
        return self.edtf is None and self.derived is not None and self.derived.has_bounds


def event_views(events: Sequence[Event], timeline: Timeline, lang: str = "en") -> list[EventView]:
    from imfhist.timeline.chronology import chronology_of
    from imfhist.timeline.query import event_countries

    chronology = chronology_of(timeline)
    places = timeline.place_by_id()
    actors = timeline.actor_by_id()
    sources = timeline.source_by_id()
    index = None
    views = []
    for event in events:
        codes = event_countries(event, timeline)
        if codes and index is None:
            from imfhist.timeline.places import countries

            index = countries()
        names = tuple(index.name(c, lang) for c in codes) if index else ()
        citations = []
        for citation in event.sources:
            source = sources.get(citation.ref.value)
            citations.append(Citation(
                citation.quote.value, citation.ref.value,
                source.title if source else citation.ref.value,
                safe_url(source.url) if source else None))
        derived = chronology.get(event)
        views.append(EventView(
            id=event.id.value,
            title=event.title,
            summary=event.summary,
            worded_date=worded_date(event, derived),
            edtf=event.edtf,
            country_codes=tuple(c for c in codes if len(c) == 2 and c.isupper()),
            country_names=names,
            regions=tuple(r.value for r in event.regions),
            places=tuple(places[p.value].name if p.value in places else p.value
                         for p in event.places),
            actors=tuple(actors[a.value].name if a.value in actors else a.value
                         for a in event.actors),
            tags=tuple(t.value for t in event.tags),
            citations=tuple(citations),
            derived=derived,
            former_ids=tuple(f.value for f in event.former_ids),
        ))
    return views
