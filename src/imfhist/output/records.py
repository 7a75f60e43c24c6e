"""Events as plain records: the format's own field names, plus the worded date."""

from __future__ import annotations

from typing import Any

from imfhist.dates import word
from imfhist.i18n import _, language
from imfhist.model import Event, Timeline


def worded_date(event: Event) -> str:
    """The date as a reader sees it: the source's own wording when the file gives one."""
    if event.date_label:
        return event.date_label
    if event.edtf is not None:
        return word(event.edtf)
    if event.date is not None:
        return event.date.value  # not valid EDTF: show it as written
    return _("undated")


def event_record(event: Event, timeline: Timeline | None = None,
                 lang: str | None = None) -> dict[str, Any]:
    """An event as it is written in the file, with `worded_date` added; absent keys stay absent.
    Given its timeline, also `shown_countries`: every country the table shows for it (see
    `shown_countries`), named in `lang` (default: the interface language)."""
    record: dict[str, Any] = {"id": event.id.value, "title": event.title}
    if event.summary is not None:
        record["summary"] = event.summary
    if event.date is not None:
        record["date"] = event.date.value
    if event.date_label is not None:
        record["date_label"] = event.date_label
    record["worded_date"] = worded_date(event)
    for key in ("countries", "regions", "places", "actors", "tags"):
        values = getattr(event, key)
        if values:
            record[key] = [v.value for v in values]
    if timeline is not None:
        shown = shown_countries(event, timeline, lang)
        if shown:
            record["shown_countries"] = shown
    record["sources"] = [{"ref": c.ref.value, "quote": c.quote.value} for c in event.sources]
    return record


def shown_countries(event: Event, timeline: Timeline,
                    lang: str | None = None) -> list[dict[str, Any]]:
    """The event's countries as the table shows them, each once: those the event names, then
    those of its places. A country that comes only from places is derived, not written on the
    event: `from_places` lists those places' ids. `code` is the ISO 3166 code, or None for a
    name that is not a country (shown as written)."""
    from imfhist.places import countries

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
    from imfhist.query import event_countries

    codes = event_countries(event, timeline)
    if not codes:
        return []
    from imfhist.places import countries

    index = countries()
    return [index.name(code, lang or language()) for code in codes]
