"""The events as a JSON list of records (see imfhist.publishing.records), with the countries the
table shows, derived ones marked."""

from __future__ import annotations

from collections.abc import Sequence

from imfhist.common.safety import json_text
from imfhist.publishing.records import event_record
from imfhist.timeline.model import Event, Timeline


def render(events: Sequence[Event], timeline: Timeline) -> str:
    return json_text([event_record(e, timeline) for e in events])
