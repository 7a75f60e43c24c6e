"""Selecting and ordering events: a Criteria value, and pure functions over the timeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from imfhist.common.i18n import N_, _
from imfhist.common.problems import quoted
from imfhist.common.suggest import Suggester, did_you_mean
from imfhist.common.textnorm import fold, fold_name
from imfhist.timeline.dates import Bound, EdtfError, parse_edtf
from imfhist.timeline.model import Event, Timeline

if TYPE_CHECKING:
    from imfhist.timeline.chronology import Derived


class CriteriaError(ValueError):
    """A selection option that names nothing: an unknown country, actor, place, region or tag."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Criteria:
    """What `filter` asks for, after resolving names. An empty field does not restrict; values
    within a field are alternatives; fields combine with "and"."""

    countries: frozenset[str] = frozenset()  # ISO 3166-1 alpha-2 codes
    regions: frozenset[str] = frozenset()  # folded
    places: frozenset[str] = frozenset()  # place ids
    actors: frozenset[str] = frozenset()  # actor ids
    tags: frozenset[str] = frozenset()  # folded
    start: Bound | None = None
    end: Bound | None = None
    dated_range: bool = False  # whether --from or --to was given
    certain: bool = False  # only the events that surely overlap the range
    undated: bool = False
    texts: tuple[str, ...] = ()  # folded


def in_date_order(timeline: Timeline, events: Iterable[Event] | None = None) -> list[Event]:
    """The events (all of the timeline's by default) in story order, the one order of `list`,
    `filter`, the exports and the HTML page: what the relations say of their starts first,
    then the dates, and the file's order (which follows the source) for events that neither
    orders; a selection keeps the places its events have in the whole story (see
    `imfhist.timeline.chronology._story`)."""
    from imfhist.timeline.chronology import chronology_of

    return chronology_of(timeline).story_order(timeline.events if events is None else events)


_PLACES: list[Any] = [None, {}]  # the last timeline asked about, and its places' countries


def _place_countries(timeline: Timeline) -> dict[str, str]:
    """Place id -> country as written, built once per timeline rather than once per event."""
    if _PLACES[0] is not timeline:
        _PLACES[:] = [timeline, {p.id.value: p.country.value for p in timeline.places}]
    return _PLACES[1]  # type: ignore[no-any-return]


def event_countries(event: Event, timeline: Timeline) -> list[str]:
    """The event's countries as ISO codes (or as written when not a country), its own first,
    then those of its places, each once."""
    written = [c.value for c in event.countries]
    places = _place_countries(timeline)
    written += [places[p.value] for p in event.places if p.value in places]
    if not written:
        return []
    from imfhist.timeline.places import countries

    index = countries()
    return list(dict.fromkeys(index.resolve(name) or name for name in written))


def matches(event: Event, criteria: Criteria, timeline: Timeline,
            derived: Derived | None = None) -> bool:
    """Whether the event meets every criterion; `derived` is its chronology, which the date
    criteria need."""
    if criteria.countries and not criteria.countries.intersection(event_countries(event, timeline)):
        return False
    if criteria.regions and not criteria.regions.intersection(fold(r.value) for r in event.regions):
        return False
    if criteria.places and not criteria.places.intersection(p.value for p in event.places):
        return False
    if criteria.actors and not criteria.actors.intersection(a.value for a in event.actors):
        return False
    if criteria.tags and not criteria.tags.intersection(fold(t.value) for t in event.tags):
        return False
    if (criteria.dated_range or criteria.undated) and not _matches_dates(event, criteria,
                                                                         derived):
        return False
    if criteria.texts:
        haystack = fold(" ".join([event.title, event.summary or "",
                                  *(c.quote.value for c in event.sources)]))
        if not any(text in haystack for text in criteria.texts):
            return False
    return True


def _matches_dates(event: Event, criteria: Criteria, derived: Derived | None) -> bool:
    if criteria.undated and event.edtf is None:
        return True
    if not criteria.dated_range:
        return False  # --undated alone asks for the undated events only
    if derived is None or not derived.has_bounds:
        # `../..` says the event happened at dates nobody knows: it may overlap any range, and
        # surely overlaps none. An event without a date says nothing of when.
        return not criteria.certain and event.date is not None and _no_known_end(event.date.value)
    if criteria.certain:
        return derived.surely_overlaps(criteria.start, criteria.end)
    return derived.may_overlap(criteria.start, criteria.end)


def _no_known_end(text: str) -> bool:
    try:
        date = parse_edtf(text)
    except EdtfError:
        return False
    return date.is_interval and date.start is None and date.end is None


def select(timeline: Timeline, criteria: Criteria) -> list[Event]:
    from imfhist.timeline.chronology import chronology_of

    chronology = chronology_of(timeline)
    return chronology.story_order(e for e in timeline.events
                                  if matches(e, criteria, timeline, chronology.get(e)))


# -- from what the user typed to Criteria ------------------------------------------------------


def build_criteria(
    timeline: Timeline,
    *,
    countries: Sequence[str] = (),
    regions: Sequence[str] = (),
    places: Sequence[str] = (),
    actors: Sequence[str] = (),
    tags: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
    undated: bool = False,
    texts: Sequence[str] = (),
    certain: bool = False,
) -> Criteria:
    """Resolve the names the user typed against the timeline; raise CriteriaError for a name
    that matches nothing, with the closest names as a hint."""
    if certain and start is None and end is None:
        raise CriteriaError(_("--certain applies to --from and --to, and neither is given"),
                            _("add --from DATE or --to DATE"))
    return Criteria(
        countries=frozenset(_resolve_country(c) for c in countries),
        regions=_resolve_words("region", regions, (r.value for e in timeline.events
                                                   for r in e.regions)),
        places=_resolve_named("place", places, {p.id.value: p.name for p in timeline.places}),
        actors=_resolve_named("actor", actors, {a.id.value: a.name for a in timeline.actors},
                              {a.id.value: [x.value for x in a.aliases] for a in timeline.actors}),
        tags=_resolve_words("tag", tags, (t.value for e in timeline.events for t in e.tags)),
        start=_bound("--from", start, lower=True),
        end=_bound("--to", end, lower=False),
        dated_range=start is not None or end is not None,
        certain=certain,
        undated=undated,
        texts=tuple(fold(t) for t in texts),
    )


def _resolve_country(written: str) -> str:
    from imfhist.timeline.places import countries

    index = countries()
    code = index.resolve(written)
    if code is None:
        raise CriteriaError(_("'{name}' is not a country").format(
                                name=quoted(written, marks=False)),
                            did_you_mean(index.suggest(written))
                            or _("give an ISO 3166 code (TN) or a name in French or English"))
    return code


_NO_EVENT_HAS = {"region": N_("no event has the region '{name}'"),
                 "tag": N_("no event has the tag '{name}'")}
_NOTHING_NAMED = {"place": N_("no place has the id or name '{name}'"),
                  "actor": N_("no actor has the id or name '{name}'")}


def _resolve_words(kind: str, wanted: Sequence[str], present: Iterable[str]) -> frozenset[str]:
    if not wanted:
        return frozenset()
    by_key = {fold(word): word for word in present}
    resolved = set()
    for word in wanted:
        key = fold(word)
        if key not in by_key:
            hint = did_you_mean(Suggester(by_key.values())(word))
            raise CriteriaError(_(_NO_EVENT_HAS[kind]).format(name=quoted(word, marks=False)), hint)
        resolved.add(key)
    return frozenset(resolved)


def _resolve_named(kind: str, wanted: Sequence[str], names: dict[str, str],
                   aliases: dict[str, list[str]] | None = None) -> frozenset[str]:
    """An id, or a name or an alias (whole, or a part of it), folded for case and accents."""
    resolved: set[str] = set()
    for word in wanted:
        if word in names:
            resolved.add(word)
            continue
        same_id = {i for i in names if i.casefold() == word.casefold()}
        if same_id:
            resolved |= same_id
            continue
        key = fold_name(word)
        exact = {i for i, name in names.items() if fold_name(name) == key}
        exact |= {i for i, others in (aliases or {}).items()
                  if any(fold_name(other) == key for other in others)}
        partial = {i for i, name in names.items() if key and key in fold_name(name)}
        found = exact or partial
        if not found:
            hint = did_you_mean(Suggester([*names, *names.values()])(word))
            raise CriteriaError(
                _(_NOTHING_NAMED[kind]).format(name=quoted(word, marks=False)), hint)
        resolved |= found
    return frozenset(resolved)


def _bound(option: str, text: str | None, *, lower: bool) -> Bound | None:
    if text is None:
        return None
    from imfhist.timeline.wordings import from_wording

    try:  # the worded dates of `add` are understood here too: --from "dès 2004"
        date = parse_edtf(from_wording(text)[0])
    except EdtfError as error:
        raise CriteriaError(f"{option} {quoted(text)}: {error}",
                            _("give a year (2004) or an EDTF date (2019-05)")) from None
    bound = date.lower if lower else date.upper
    if bound is None:  # "2004/.." as --to: no upper limit
        return None
    return bound
