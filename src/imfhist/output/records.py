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


def event_record(event: Event) -> dict[str, Any]:
    """An event as it is written in the file, with `worded_date` added; absent keys stay absent."""
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
    record["sources"] = [{"ref": c.ref.value, "quote": c.quote.value} for c in event.sources]
    return record


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
