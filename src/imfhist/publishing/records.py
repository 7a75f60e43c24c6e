"""Events as plain records: the format's own field names, plus the worded date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imfhist.common.i18n import _, language
from imfhist.timeline.dates import EdtfError, format_bound, parse_edtf, word
from imfhist.timeline.model import Event, Timeline

if TYPE_CHECKING:
    from imfhist.timeline.chronology import Derived


def worded_date(event: Event, derived: Derived | None = None) -> str:
    """The date as a reader sees it: the source's own wording when the file gives one; for an
    event without a date, what its relations and bounds say ("by 2019"), with the source's
    wording after it."""
    if event.date is None and derived is not None and derived.has_bounds:
        from imfhist.timeline.chronology import word_bounds

        bounds = word_bounds(derived)
        if bounds:
            return f"{bounds} ({event.date_label})" if event.date_label else bounds
    if event.date_label:
        return event.date_label
    if event.edtf is not None:
        return word(event.edtf)
    if event.date is not None:
        try:  # valid EDTF that names no known end (`../..`): worded, never shown raw
            return word(parse_edtf(event.date.value))
        except EdtfError:
            return event.date.value  # not valid EDTF: show it as written
    return _("undated")


def placed_by_relations(derived: Derived | None) -> bool:
    """Whether relations or `not_before`/`not_after` say more about the event than its date."""
    return derived is not None and any(r.kind != "date" for r in derived.reasons.values())


def bounds_record(derived: Derived) -> dict[str, str]:
    """The derived bounds as ISO dates, only those that are known."""
    return {name: format_bound(value) for name, value in (
        ("start_min", derived.start_min), ("start_max", derived.start_max),
        ("end_min", derived.end_min), ("end_max", derived.end_max)) if value is not None}


def event_record(event: Event, timeline: Timeline | None = None,
                 lang: str | None = None) -> dict[str, Any]:
    """An event as it is written in the file, with `worded_date` added; absent keys stay absent.
    Given its timeline, also `shown_countries`: every country the table shows for it (see
    `shown_countries`), named in `lang` (default: the interface language); and `bounds`, the
    earliest and latest possible start and end (see imfhist.timeline.chronology), when relations or
    bounds say more than the event's own date."""
    derived = None
    if timeline is not None:
        from imfhist.timeline.chronology import chronology_of

        derived = chronology_of(timeline).get(event)
    record: dict[str, Any] = {"id": event.id.value, "title": event.title}
    if event.summary is not None:
        record["summary"] = event.summary
    if event.date is not None:
        record["date"] = event.date.value
    if event.date_label is not None:
        record["date_label"] = event.date_label
    record["worded_date"] = worded_date(event, derived)
    if derived is not None and placed_by_relations(derived):
        record["bounds"] = bounds_record(derived)
    for key in ("countries", "regions", "places", "actors", "tags"):
        values = getattr(event, key)
        if values:
            record[key] = [v.value for v in values]
    if timeline is not None:
        shown = shown_countries(event, timeline, lang)
        if shown:
            record["shown_countries"] = shown
    record["sources"] = [{"ref": c.ref.value, "quote": c.quote.value} for c in event.sources]
    if event.relations:
        record["relations"] = [{r.kind.value: r.event.value, "ref": r.citation.ref.value,
                                "quote": r.citation.quote.value} for r in event.relations]
    for key in ("not_before", "not_after"):
        bound = getattr(event, key)
        if bound is not None:
            record[key] = {"date": bound.date.value, "ref": bound.citation.ref.value,
                           "quote": bound.citation.quote.value}
    return record


def shown_countries(event: Event, timeline: Timeline,
                    lang: str | None = None) -> list[dict[str, Any]]:
    """The event's countries as the table shows them, each once: those the event names, then
    those of its places. A country that comes only from places is derived, not written on the
    event: `from_places` lists those places' ids. `code` is the ISO 3166 code, or None for a
    name that is not a country (shown as written)."""
    from imfhist.timeline.places import countries

    index = countries()
    lang = lang or language()
    entries: dict[str, dict[str, Any]] = {}
    for written in event.countries:
        code = index.resolve(written.value)
        key = code or written.value
        entries.setdefault(key, {"code": code, "name": index.name(code, lang) if code
                                 else written.value})
    if event.places:
        places = _place_countries(timeline)
        for place in event.places:
            written = places.get(place.value)
            if written is None:
                continue
            code = index.resolve(written)
            key = code or written
            entry = entries.setdefault(key, {"code": code, "name": index.name(code, lang)
                                             if code else written, "from_places": []})
            if "from_places" in entry and place.value not in entry["from_places"]:
                entry["from_places"].append(place.value)
    return list(entries.values())


_PLACES: list[Any] = [None, {}]  # the last timeline asked about, and its places' countries


def _place_countries(timeline: Timeline) -> dict[str, str]:
    """Place id -> country as written, built once per timeline rather than once per event."""
    if _PLACES[0] is not timeline:
        _PLACES[:] = [timeline, {p.id.value: p.country.value for p in timeline.places}]
    return _PLACES[1]  # type: ignore[no-any-return]


def names(ids: tuple[Any, ...], by_id: dict[str, Any]) -> list[str]:
    """Display names for referenced ids; an id that names nothing is shown as it is."""
    return [by_id[i.value].name if i.value in by_id else i.value for i in ids]


def country_names(event: Event, timeline: Timeline, lang: str | None = None) -> list[str]:
    from imfhist.timeline.query import event_countries

    codes = event_countries(event, timeline)
    if not codes:
        return []
    from imfhist.timeline.places import countries

    index = countries()
    return [index.name(code, lang or language()) for code in codes]
