"""The events as a JSON list of records (see imfhist.output.records), with the countries the
table shows, derived ones marked."""

from __future__ import annotations

from collections.abc import Sequence

from imfhist.model import Event, Timeline
from imfhist.output.records import event_record
from imfhist.output.safety import json_text


def render(events: Sequence[Event], timeline: Timeline) -> str:
    return json_text([event_record(e, timeline) for e in events])
