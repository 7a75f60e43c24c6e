"""The events as a Markdown table, for a README, a wiki or a report."""

from __future__ import annotations

import re
from collections.abc import Sequence

from imfhist.model import Event, Timeline
from imfhist.output.records import country_names, names, worded_date
from imfhist.output.safety import clean

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def escape(text: str) -> str:
    """Text that Markdown shows as written: special characters escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))


def render(events: Sequence[Event], timeline: Timeline) -> str:
    places = timeline.place_by_id()
    actors = timeline.actor_by_id()
    lines = ["| Date | Title | Countries | Places | Actors |", "|---|---|---|---|---|"]
    for event in events:
        cells = [worded_date(event), event.title, ", ".join(country_names(event, timeline)),
                 ", ".join(names(event.places, places)), ", ".join(names(event.actors, actors))]
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    heading = f"# {escape(timeline.title)}\n\n" if timeline.title else ""
    return heading + "\n".join(lines) + "\n"
