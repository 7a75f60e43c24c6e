"""The events as a JSON list of records (see imfhist.output.records)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from imfhist.model import Event, Timeline
from imfhist.output.records import event_record


def render(events: Sequence[Event], timeline: Timeline) -> str:
    return json.dumps([event_record(e) for e in events], ensure_ascii=False, indent=2) + "\n"
