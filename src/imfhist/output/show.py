"""One event in full, for `imfhist show`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imfhist.chronology import PHRASES, Derived, Reason, chronology_of, explain, word_range
from imfhist.dates import format_bound
from imfhist.i18n import N_, _, language, n_
from imfhist.model import Actor, Event, Place, Timeline
from imfhist.model import Text as TextValue
from imfhist.output.records import country_names, worded_date
from imfhist.output.safety import clean, clean_line

T = TypeVar("T")
UNKNOWN = {"place": N_("{id} (unknown place)"), "actor": N_("{id} (unknown actor)"),
           "source": N_("{id} (unknown source)")}
ACTOR_KINDS = {"person": N_("person"), "organisation": N_("organisation"),
               "programme": N_("programme")}


def _text(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)


def _describe(refs: tuple[TextValue, ...], by_id: Mapping[str, T], kind: str,
              line: Callable[[T], str]) -> str:
    """One line per referenced id; an id that names nothing is shown as such."""
    return "\n".join(line(by_id[ref.value]) if ref.value in by_id
                     else _(UNKNOWN[kind]).format(id=ref.value) for ref in refs)


def _place_line(place: Place) -> str:
    from imfhist.places import countries

    code = countries().resolve(place.country.value)
    country = countries().name(code, language()) if code else place.country.value
    return f"{place.name} ({country})"


def _actor_line(actor: Actor) -> str:
    line = f"{actor.name} ({_(ACTOR_KINDS.get(actor.kind.value, actor.kind.value))})"
    return f"{line}: {actor.description}" if actor.description else line


_LONGEST_CHAIN = 6


def _cited(statement: str, quote: str | None) -> str:
    if quote is None:
        return statement
    return _("{statement}, according to: « {quote} »").format(statement=statement, quote=quote)


def _explained(event: Event, derived: Derived, which: str, shown: set[int]) -> Text | None:
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
        links = explain(reason)
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
    return Text(clean("\n".join(lines)))


def render_event(event: Event, timeline: Timeline) -> RenderableType:
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column()

    def row(label: str, value: RenderableType) -> None:
        fields.add_row(Text(label), value)

    derived = chronology_of(timeline).get(event)
    row(_("Id"), _text(event.id.value))
    row(_("Date"), _text(worded_date(event, derived)))
    if event.date is not None:
        row("EDTF", _text(event.date.value))
    if event.edtf is not None:
        bounds = _("{start} to {end}").format(start=format_bound(event.edtf.lower),
                                              end=format_bound(event.edtf.upper))
        row(_("Bounds"), Text(bounds))
    shown: set[int] = set()
    if derived is not None:
        for which, label in (("start", _("Start")), ("end", _("End"))):
            explained = _explained(event, derived, which, shown)
            if explained is not None:
                row(label, explained)
    # What the source says of the event's order that no bound above comes from (the other
    # event has no date, or the relation adds nothing to what the dates say).
    others = [_cited(_(PHRASES[r.kind.value]).format(event=event.id.value, other=r.event.value),
                     r.citation.quote.value)
              for r in event.relations if id(r) not in shown and r.kind.value in PHRASES]
    if others:
        row(_("Relations"), _text("\n".join(others)))
    if event.summary:
        row(_("Summary"), _text(event.summary))
    countries = country_names(event, timeline)
    if countries:
        row(_("Countries"), _text(", ".join(countries)))
    if event.regions:
        row(_("Regions"), _text(", ".join(r.value for r in event.regions)))
    if event.places:
        row(_("Places"), _text(_describe(event.places, timeline.place_by_id(), "place",
                                      _place_line)))
    if event.actors:
        row(_("Actors"), _text(_describe(event.actors, timeline.actor_by_id(), "actor",
                                      _actor_line)))
    if event.tags:
        row(_("Tags"), _text(", ".join(t.value for t in event.tags)))
    sources = timeline.source_by_id()
    for number, citation in enumerate(event.sources, start=1):
        source = sources.get(citation.ref.value)
        cited = Text()
        cited.append(f"« {clean_line(citation.quote.value)} »", style="italic")
        if source is not None:
            cited.append(f"\n{clean_line(source.title)}")
            if source.url:
                cited.append(f"\n{clean_line(source.url)}", style="underline")
        else:
            # Looked up first: Babel versions disagree on extracting a subscript inside _().
            unknown = UNKNOWN["source"]
            cited.append("\n" + _(unknown).format(id=clean_line(citation.ref.value)))
        label = _("Source") if len(event.sources) == 1 else _("Source {number}").format(
            number=number)
        row(label, cited)
    heading = Text(clean_line(event.title), style="bold")
    return Group(heading, Text(""), fields)
