"""A chronology in Markdown: events grouped by decade, each with its worded date, places and
actors, and its sources as numbered footnotes that link to them. Events come in story order
(`query.in_date_order`): an event without a date stays where the story tells it, under the
heading before it (one that its relations place says its bounds in its date, "by 2019"); the
events told before the first dated one open the chronology under "Undated"."""

from __future__ import annotations

from collections.abc import Sequence

from imfhist.common.i18n import _
from imfhist.publishing.exports import Exported, ExportOptions
from imfhist.publishing.markdown import escape
from imfhist.publishing.view import EventView, event_views
from imfhist.timeline.model import Event, Timeline


def period(view: EventView) -> str:
    if view.relative:
        assert view.derived is not None
        derived = view.derived
        bound = derived.start_min or derived.start_max or derived.end_min or derived.end_max
    elif view.edtf is None:
        return _("Undated")
    else:
        bound = view.edtf.lower or view.edtf.upper
    assert bound is not None
    decade = bound[0] - bound[0] % 10
    return _("{decade}s").format(decade=decade if decade >= 0 else
                                 _("{year} BCE").format(year=-decade))


def link_target(url: str) -> str:
    """A URL as a CommonMark link destination in angle brackets."""
    # `url` comes through view.safe_url: no white space, no angle brackets, nothing that ends
    # the destination early.
    return f"<{url}>"


def export(events: Sequence[Event], timeline: Timeline, options: ExportOptions) -> Exported:
    lines = ["# " + escape(timeline.title or _("Timeline")), ""]
    footnotes: dict[tuple[str, str], int] = {}
    current = None
    for view in event_views(events, timeline, options.lang):
        heading = period(view)
        if heading != current and not (view.edtf is None and current is not None):
            lines += [f"## {heading}", ""]
            current = heading
        dated = view.edtf is not None or view.relative or view.worded_date != _("undated")
        when = f"{escape(view.worded_date)}: " if dated else ""
        lines += [f"### {when}{escape(view.title)}", ""]
        if view.summary:
            lines += [escape(view.summary), ""]
        details = []
        for label, values in ((_("Countries"), view.country_names), (_("Regions"), view.regions),
                              (_("Places"), view.places), (_("Actors"), view.actors)):
            if values:
                details.append(f"**{label}:** {escape(', '.join(values))}")
        if details:
            lines += ["  \n".join(details), ""]
        for citation in view.citations:
            key = (citation.source_id, citation.url or "")
            number = footnotes.setdefault(key, len(footnotes) + 1)
            lines += [f"> {escape(citation.quote)}[^{number}]", ""]
    sources = {c.source_id: c for v in event_views(events, timeline) for c in v.citations}
    for (source_id, url), number in footnotes.items():
        title = escape(sources[source_id].source_title)
        lines.append(f"[^{number}]: [{title}]({link_target(url)})" if url else
                     f"[^{number}]: {title}")
    return Exported("\n".join(lines).rstrip("\n") + "\n")
