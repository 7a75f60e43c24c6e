"""The events as a Markdown table, for a README, a wiki or a report."""

from __future__ import annotations

import re
from collections.abc import Sequence

from imfhist.common.i18n import _
from imfhist.common.safety import clean
from imfhist.publishing.records import country_names, names, worded_date
from imfhist.timeline.chronology import chronology_of
from imfhist.timeline.model import Event, Timeline

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# A line start that Markdown reads as a block, or that a CI runner reads as a workflow command
# (`::error …`), when the Markdown is printed to a job's log.
_LINE_START = re.compile(r"^([#>+=:-]|\d+[.)])")


def escape(text: str) -> str:
    """Text that Markdown shows as written, on one line: the characters that make emphasis,
    links, code, HTML, tables and entities are escaped, and so is a start that would make a
    heading, a quote, a list or a CI workflow command."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(clean(text).split()))
    return _LINE_START.sub(r"\\\1", escaped)


def render(events: Sequence[Event], timeline: Timeline) -> str:
    places = timeline.place_by_id()
    actors = timeline.actor_by_id()
    headers = [_("Date"), _("Title"), _("Countries"), _("Places"), _("Actors")]
    lines = ["| " + " | ".join(headers) + " |", "|---|---|---|---|---|"]
    chronology = chronology_of(timeline)
    for event in events:
        cells = [worded_date(event, chronology.get(event)), event.title,
                 ", ".join(country_names(event, timeline)), ", ".join(names(event.places, places)),
                 ", ".join(names(event.actors, actors))]
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    heading = f"# {escape(timeline.title)}\n\n" if timeline.title else ""
    return heading + "\n".join(lines) + "\n"
