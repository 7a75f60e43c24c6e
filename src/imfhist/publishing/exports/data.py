"""Data exports: JSON (events with the actors, places and sources they use) and CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from imfhist.common.safety import json_text
from imfhist.publishing import csvfmt
from imfhist.publishing.exports import Exported, ExportOptions
from imfhist.publishing.records import event_record
from imfhist.timeline.model import Event, Timeline


def export(events: Sequence[Event], timeline: Timeline, options: ExportOptions) -> Exported:
    actor_ids = {a.value for e in events for a in e.actors}
    place_ids = {p.value for e in events for p in e.places}
    source_ids = {c.ref.value for e in events for c in e.sources}
    document: dict[str, Any] = {"format": "imfhist/1"}
    if timeline.title is not None:
        document["title"] = timeline.title
    if timeline.lang is not None:
        document["lang"] = timeline.lang
    if timeline.description is not None:
        document["description"] = timeline.description
    document["events"] = [event_record(e, timeline, options.lang) for e in events]
    document["actors"] = [_without_none({"id": a.id.value, "name": a.name, "kind": a.kind.value,
                                         "description": a.description})
                          for a in timeline.actors if a.id.value in actor_ids]
    document["places"] = [{"id": p.id.value, "name": p.name, "country": p.country.value}
                          for p in timeline.places if p.id.value in place_ids]
    document["sources"] = [_without_none({
        "id": s.id.value, "title": s.title, "url": s.url, "publisher": s.publisher,
        "accessed": s.accessed, "archive": s.archive.value if s.archive else None})
        for s in timeline.sources if s.id.value in source_ids]
    return Exported(json_text(document))


def export_csv(events: Sequence[Event], timeline: Timeline, options: ExportOptions) -> Exported:
    return Exported(csvfmt.render(events, timeline))


def _without_none(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}
