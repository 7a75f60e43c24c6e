"""One event in full, for `imfhist show`: its title, then a label beside each value.

The labelled block is laid out here, with the list's wrapping (`imfhist.publishing.table.wrap`:
lines break at spaces, then after a hyphen, never inside a word that fits), rather than by Rich's
grid, whose layout cost `show` about a fifth of its start-up."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from imfhist.common.i18n import N_, _, language, n_
from imfhist.common.safety import clean, clean_line
from imfhist.publishing.records import country_names, worded_date
from imfhist.publishing.table import GAP, Line, cell_len, wrap
from imfhist.timeline.chronology import (
    PHRASES,
    Derived,
    Reason,
    chronology_of,
    explain,
    quoted,
    word_range,
)
from imfhist.timeline.dates import format_bound
from imfhist.timeline.model import ACTOR_KINDS, Actor, Event, Place, Source, Timeline
from imfhist.timeline.model import Text as TextValue

T = TypeVar("T")
UNKNOWN = {"place": N_("{id} (unknown place)"), "actor": N_("{id} (unknown actor)"),
           "source": N_("{id} (unknown source)")}


# A value: its paragraphs, each with a style name (imfhist.publishing.table's styles). A paragraph
# is wrapped to the value's width, except a web address, which is kept whole so it can be
# copied (the terminal folds it if it is wider than the screen).
Paragraph = tuple[str, str]


@dataclass
class Shown:
    """One event's heading and labelled values, to be laid out at a given width (`lines`)."""

    heading: str
    fields: list[tuple[str, list[Paragraph]]] = field(default_factory=list)

    def add(self, label: str, text: str, style: str = "") -> None:
        self.fields.append((label, [(line, style) for line in clean(text).split("\n")]))

    def lines(self, width: int) -> Iterator[Line]:
        yield from ([(line, "title")] for line in wrap(self.heading, width))
        yield []
        label_width = max((cell_len(label) for label, _ in self.fields), default=0)
        value_width = max(1, width - label_width - GAP)
        blank = " " * (label_width + GAP)
        for label, paragraphs in self.fields:
            first = True
            for text, style in paragraphs:
                for line in [text] if style == "link" else wrap(text, value_width):
                    if first:
                        pad = " " * (label_width - cell_len(label) + GAP)
                        yield [(label, "label"), (pad, ""), (line, style)]
                        first = False
                    else:
                        yield [(blank, ""), (line, style)]


def _describe(refs: tuple[TextValue, ...], by_id: Mapping[str, T], kind: str,
              line: Callable[[T], str]) -> str:
    """One line per referenced id; an id that names nothing is shown as such."""
    return "\n".join(line(by_id[ref.value]) if ref.value in by_id
                     else _(UNKNOWN[kind]).format(id=ref.value) for ref in refs)


def _country_name(place: Place) -> str:
    from imfhist.timeline.places import countries

    code = countries().resolve(place.country.value)
    return countries().name(code, language()) if code else place.country.value


def _place_line(place: Place) -> str:
    return f"{place.name} ({_country_name(place)})"


def _actor_line(actor: Actor) -> str:
    line = f"{actor.name} ({_(ACTOR_KINDS.get(actor.kind.value, actor.kind.value))})"
    return f"{line}: {actor.description}" if actor.description else line


_LONGEST_CHAIN = 6


def _cited(statement: str, quote: str | None) -> str:
    if quote is None:
        return statement
    return _("{statement}, according to: « {quote} »").format(statement=statement, quote=quote)


def _explained(event: Event, derived: Derived, which: str, shown: set[int],
               naming: Callable[[str], str]) -> str | None:
    """The start's or end's possible range, then each bound that the event's own date does not
    give, with the chain of what says it: "by 2019 — x starts before y starts, according to:
    « … »; y is dated 2019–2021". The relations it quotes are added to `shown`."""
    low, high = getattr(derived, f"{which}_min"), getattr(derived, f"{which}_max")
    lines = []
    for name, value in ((f"{which}_min", low), (f"{which}_max", high)):
        reason = derived.reasons.get(name)
        if value is None or reason is None or (reason.kind == "date"
                                               and reason.event == event.id.value):
            continue
        # An end no earlier than the earliest start, a start no later than the latest end:
        # the reason is already given on the other row.
        twin = {"end_min": "start_min", "start_max": "end_max"}.get(name)
        if twin and derived.reasons.get(twin) is reason and which == "end":
            continue
        links = explain(reason, naming)
        # A long chain is cut in its middle: its first steps and where it ends say the most.
        skipped = len(links) - _LONGEST_CHAIN
        if skipped > 0:
            links = links[:_LONGEST_CHAIN - 2] + links[-2:]
        steps = [_cited(link.statement, link.citation.quote.value if link.citation else None)
                 for link in links]
        if skipped > 0:
            steps.insert(_LONGEST_CHAIN - 2, n_("… {count} more step …", "… {count} more steps …",
                                                skipped).format(count=skipped))
        step: Reason | None = reason
        while step is not None:
            if step.relation is not None:
                shown.add(id(step.relation))
            step = step.via
        bound = word_range(value, None) if name.endswith("_min") else word_range(None, value)
        lines.append(_("{bound} — {reasons}").format(bound=bound, reasons=_("; ").join(steps)))
    if not lines:
        return None
    if low is not None and high is not None:
        lines.insert(0, word_range(low, high) or "")
    return "\n".join(lines)


def render_event(event: Event, timeline: Timeline) -> Shown:
    shown_event = Shown(clean_line(event.title))
    row = shown_event.add
    titles = {e.id.value: e.title for e in timeline.events}

    def name(event_id: str) -> str:
        """An event in a sentence: its title, or its id when no event has it."""
        return quoted(clean_line(titles.get(event_id, event_id)))

    derived = chronology_of(timeline).get(event)
    row(_("Id"), event.id.value)
    row(_("Date"), worded_date(event, derived))
    if event.date is not None:
        row("EDTF", event.date.value)
    if event.edtf is not None:
        row(_("Bounds"), _("{start} to {end}").format(start=format_bound(event.edtf.lower),
                                                      end=format_bound(event.edtf.upper)))
    shown: set[int] = set()
    if derived is not None:
        for which, label in (("start", _("Start")), ("end", _("End"))):
            explained = _explained(event, derived, which, shown, name)
            if explained is not None:
                row(label, explained)
    # What the source says of the event's order that no bound above comes from (the other
    # event has no date, or the relation adds nothing to what the dates say).
    others = [_cited(_(PHRASES[r.kind.value]).format(event=name(event.id.value),
                                                     other=name(r.event.value)),
                     r.citation.quote.value)
              for r in event.relations if id(r) not in shown and r.kind.value in PHRASES]
    if others:
        row(_("Relations"), "\n".join(others))
    if event.summary:
        row(_("Summary"), event.summary)
    countries = country_names(event, timeline)
    if countries:
        row(_("Countries"), ", ".join(countries))
    if event.regions:
        row(_("Regions"), ", ".join(r.value for r in event.regions))
    if event.places:
        row(_("Places"), _describe(event.places, timeline.place_by_id(), "place", _place_line))
    if event.actors:
        row(_("Actors"), _describe(event.actors, timeline.actor_by_id(), "actor", _actor_line))
    if event.tags:
        row(_("Tags"), ", ".join(t.value for t in event.tags))
    sources = timeline.source_by_id()
    for number, citation in enumerate(event.sources, start=1):
        source = sources.get(citation.ref.value)
        # No-break spaces inside the marks: neither starts or ends a line alone.
        cited: list[Paragraph] = [(f"«\u00a0{clean_line(citation.quote.value)}\u00a0»", "quote")]
        if source is not None:
            cited.append((clean_line(source.title), ""))
            if source.url:
                cited.append((clean_line(source.url), "link"))
        else:
            # Looked up first: Babel versions disagree on extracting a subscript inside _().
            unknown = UNKNOWN["source"]
            cited.append((_(unknown).format(id=clean_line(citation.ref.value)), ""))
        label = _("Source") if len(event.sources) == 1 else _("Source {number}").format(
            number=number)
        shown_event.fields.append((label, cited))
    return shown_event


def render_object(item: Actor | Place | Source, timeline: Timeline) -> Shown:
    """An actor, a place or a source in full, and the events that name it, in story order."""
    from imfhist.timeline.query import in_date_order

    if isinstance(item, Actor):
        shown = Shown(clean_line(item.name))
        shown.add(_("Id"), item.id.value)
        shown.add(_("Kind"), _(ACTOR_KINDS.get(item.kind.value, item.kind.value)))
        if item.description:
            shown.add(_("Description"), item.description)
        if item.aliases:
            shown.add(_("Aliases"), ", ".join(a.value for a in item.aliases))
        naming = [e for e in timeline.events if any(a.value == item.id.value for a in e.actors)]
    elif isinstance(item, Place):
        shown = Shown(clean_line(item.name))
        shown.add(_("Id"), item.id.value)
        shown.add(_("Country"), _country_name(item))
        naming = [e for e in timeline.events if any(p.value == item.id.value for p in e.places)]
    else:
        shown = Shown(clean_line(item.title))
        shown.add(_("Id"), item.id.value)
        for label, value in ((_("Address"), item.url), (_("Publisher"), item.publisher),
                             (_("Read on"), item.accessed)):
            if value:
                shown.add(label, value, "link" if value is item.url else "")
        if item.archive is not None:
            shown.add(_("Archive"), item.archive.value)
        if item.author is not None:
            shown.add(_("Author"), item.author.value)
        naming = [e for e in timeline.events
                  if any(c.ref.value == item.id.value for c in e.sources)]
    if item.former_ids:
        shown.add(_("Former ids"), ", ".join(f.value for f in item.former_ids))
    events = in_date_order(timeline, naming)
    shown.add(_("Events"), "\n".join(f"{e.id.value}: {clean_line(e.title)}" for e in events)
              if events else _("none: no event names it"))
    return shown
