"""TimelineJS 3 JSON (Knight Lab), one slide per dated event.

TimelineJS treats its fields in two ways, and each text from the timeline is escaped for the way
its field is read, by one of two functions:

- `headline` and `text` are HTML (cleaned by DOMPurify, then inserted): `_html` escapes the text
  once, so that it shows as written;
- `display_date` and `group` are "stripped of markup": TimelineJS decodes them once (parsing them
  as HTML and taking the text) and inserts the result as HTML. `_decoded_html` escapes twice, so
  that after the decoding the text is escaped once and nothing in it becomes markup: a
  `date_label` of `&lt;img onerror=…&gt;` or a tag `<img onerror=…>` shows as those characters.
What its date objects cannot carry (an open or unknown end, an approximate or uncertain date, a
decade) is worded in `display_date`. Undated events have no place on its axis; they are left out,
with a note. So are events without a date that relations place between bounds ("by 2019",
"between 2004 and 2019"): a slide starts on one date, and any date would claim more than the
source says; only when the bounds fall within one year does the slide say that year, with the
bounds worded in `display_date`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from imfhist.common import i18n
from imfhist.common.i18n import _, n_
from imfhist.common.safety import json_text
from imfhist.publishing.exports import Exported, ExportOptions, document_language
from imfhist.publishing.view import EventView, event_views
from imfhist.timeline.dates import DatePoint
from imfhist.timeline.model import Event, Timeline


def _html(text: str) -> str:
    """For a field TimelineJS inserts as HTML."""
    return html.escape(text)


def _decoded_html(text: str) -> str:
    """For a field TimelineJS decodes once (DOMParser, textContent), then inserts as HTML."""
    return html.escape(html.escape(text))


def _date(point: DatePoint, upper: bool = False) -> dict[str, Any]:
    year, month, day = point.upper if upper else point.lower
    date: dict[str, Any] = {"year": year}
    if point.precision in ("month", "day", "season"):
        date["month"] = month
    if point.precision == "day":
        date["day"] = day
    return date


def _text(view: EventView) -> str:
    parts = []
    if view.summary:
        parts.append(f"<p>{_html(view.summary)}</p>")
    where = [*view.country_names, *view.regions, *view.places]
    if where:
        parts.append(f"<p>{_html(', '.join(where))}</p>")
    if view.actors:
        parts.append(f"<p>{_html(', '.join(view.actors))}</p>")
    for citation in view.citations:
        source = _html(citation.source_title)
        if citation.url:
            source = f'<a href="{_html(citation.url)}">{source}</a>'
        parts.append(f"<blockquote>{_html(citation.quote)}<br>— {source}</blockquote>")
    return "".join(parts)


def _year_of_start(view: EventView) -> int | None:
    """The year in which an event placed by its relations surely started, if there is one."""
    derived = view.derived
    if not view.relative or derived is None or derived.start_min is None or \
            derived.start_max is None or derived.start_min[0] != derived.start_max[0]:
        return None
    return derived.start_min[0]


def slide(view: EventView, group_by: str | None) -> dict[str, Any]:
    date = view.edtf
    slide: dict[str, Any] = {}
    if date is None:
        year = _year_of_start(view)
        assert year is not None
        slide["start_date"] = {"year": year}
    else:
        start = date.start or date.end
        assert start is not None
        slide["start_date"] = _date(start)
        if date.is_interval and date.start and date.end:
            slide["end_date"] = _date(date.end, upper=True)
        elif not date.is_interval and start.precision in ("decade", "century", "season"):
            slide["end_date"] = _date(start, upper=True)
    slide["display_date"] = _decoded_html(view.worded_date)
    slide["text"] = {"headline": _html(view.title), "text": _text(view)}
    group = None
    if group_by == "country" and view.country_names:
        group = view.country_names[0]
    elif group_by == "tag" and view.tags:
        group = view.tags[0]
    if group:
        slide["group"] = _decoded_html(group)
    slide["unique_id"] = view.id
    slide["autolink"] = False
    return slide


def export(events: Sequence[Event], timeline: Timeline, options: ExportOptions) -> Exported:
    # The slides speak the timeline's language, as the page that shows them should
    # (TimelineJS's `language` option: docs/publishing.md).
    lang = document_language(timeline, options)
    with i18n.speaking(lang):
        views = event_views(events, timeline, lang)
        dated = [v for v in views if v.edtf is not None or _year_of_start(v) is not None]
        placed = [v for v in views if v.relative and _year_of_start(v) is None]
        document: dict[str, Any] = {
            "title": {"text": {"headline": _html(timeline.title or _("Timeline")),
                               "text": "<p>" + _html(n_("{count} event", "{count} events",
                                                        len(dated)).format(count=len(dated)))
                                       + "</p>"}},
            "events": [slide(v, options.group_by) for v in dated],
        }
    notes: tuple[str, ...] = ()
    if placed:
        notes += (n_("{count} event without a date, placed only between bounds by its "
                     "relations, left out: a TimelineJS slide needs one date",
                     "{count} events without a date, placed only between bounds by their "
                     "relations, left out: a TimelineJS slide needs one date",
                     len(placed)).format(count=len(placed)),)
    if len(dated) + len(placed) < len(views):
        left_out = len(views) - len(dated) - len(placed)
        notes += (n_("{count} undated event left out: TimelineJS places every slide on its time "
                     "axis", "{count} undated events left out: TimelineJS places every slide on "
                     "its time axis", left_out).format(count=left_out),)
    return Exported(json_text(document), notes)
