"""Relative chronology: what the dates, the `not_before`/`not_after` bounds and the relations
between events say about when each event could have started and ended.

Every event has two unknowns, its start `s` and its end `e`, with `s <= e`. An EDTF date bounds
them (`2019/2021`: `s` in 2019, `e` in 2021); `not_before: 2004` says `s >= 2004-01-01` and
`not_after: 2018` says `e <= 2018-12-31`; and each relation between two events is one or two
inequalities `x <= y` between their unknowns (`RELATIONS`). That is a system of difference
constraints whose differences are all zero, so it is solved without arithmetic: a lower bound
travels forward along `x <= y`, an upper bound backward. The events' unknowns are taken in
topological order (Tarjan's strongly connected components), which makes the whole computation
linear in the number of events and relations; a component of more than one unknown is a cycle
of relations, reported by `Chronology.cycles` (its unknowns must then all be equal).

Public API, for the commands and the exports:

    chronology = derive(timeline)           # or chronology_of(timeline): the same, computed once
    derived = chronology.get(event)         # Derived, or None for an event it does not know
    derived.start_min, derived.start_max    # Bound (year, month, day) or None (no limit)
    derived.end_min, derived.end_max
    derived.reasons["start_max"]            # Reason: where the bound comes from
    explain(reason)                         # that reason as a chain of Links, quote by quote
    word_bounds(derived)                    # "between 2004 and 2019", in the interface language
    chronology.story_order(events)          # events in story order (see `sort_key`)
    chronology.sort_key(event)              # a key for sorted() that gives that same order
    chronology.cycles, chronology.conflicts # what the rules in rules/relations.py report
    derived.may_overlap(lower, upper)       # what `filter --from/--to` keeps
    derived.surely_overlaps(lower, upper)   # ... and with --certain

A renderer that lists events (the HTML page, say) orders them with `story_order` and words an
event without a date of its own by `word_bounds` (`output.view.EventView` carries `derived`,
and `relative` tells an event placed only by its relations or bounds).

Each bound keeps its `Reason`: the event's own date, one of its `not_before`/`not_after`, or a
relation (with its quote) through which a bound of another event was carried, and so on back to
a date or a bound. The bounds are inclusive: "starts before" is read as "starts no later than",
so that a derived bound never claims more than the source says.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from imfhist.common.i18n import N_, _
from imfhist.timeline.dates import Bound, DatePoint, word_point
from imfhist.timeline.model import Citation, Event, Loc, Relation, Timeline

# The vocabulary of relations. Each is written on an event A and names another event B; it
# stands for the inequalities listed, between A's start `s` and end `e` and B's start `S` and
# end `E` (`("e", "S")` is e <= S).
RELATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "before": (("e", "S"),),
    "after": (("E", "s"),),
    "starts_before": (("s", "S"),),
    "starts_after": (("S", "s"),),
    "ends_before": (("e", "E"),),
    "ends_after": (("E", "e"),),
    "during": (("S", "s"), ("e", "E")),
    "contains": (("s", "S"), ("E", "e")),
}

# How `show` and the rules word a relation: {event} is A, {other} is B, each already set between
# quotation marks (`quoted`), so that the sentence reads correctly whatever the name.
PHRASES = {
    "before": N_("{event} ends before {other} starts"),
    "after": N_("{event} starts after {other} ends"),
    "starts_before": N_("{event} starts before {other} starts"),
    "starts_after": N_("{event} starts after {other} starts"),
    "ends_before": N_("{event} ends before {other} ends"),
    "ends_after": N_("{event} ends after {other} ends"),
    "during": N_("{event} takes place during {other}"),
    "contains": N_("{event} contains {other}"),
}

BOUNDS = ("start_min", "start_max", "end_min", "end_max")
_EARLIEST: Bound = (-(10**12), 1, 1)
_LATEST: Bound = (10**12, 12, 31)


class Reason(NamedTuple):
    """Where a bound comes from. `kind` is "date" (the event's own date), "not_before",
    "not_after" or "relation"; `event` is the id of the event that holds the date, bound or
    relation; `via` is, for a relation, the reason of the bound it carried over."""

    kind: str
    event: str
    loc: Loc
    text: str = ""  # the date as written, for a date or a bound
    citation: Citation | None = None
    relation: Relation | None = None
    via: Reason | None = None

    @property
    def origin(self) -> Reason:
        """The date or bound at the end of the chain."""
        reason = self
        while reason.via is not None:
            reason = reason.via
        return reason


class Chains:
    """The chains of reasons of many bounds, walked once for all of them.

    A reason leads to the one it carried over (`via`), and the reasons of a timeline share their
    tails: on a chain of 20,000 events the bound of each event goes back through all those
    before it. Walking each chain whole for each event costs the square of the chain's length;
    here every step is visited once, and then a chain's length, its last two steps and whether
    a step is on it are each answered at once."""

    def __init__(self, reasons: Iterable[Reason]) -> None:
        depth: dict[int, int] = {}  # steps after this one, by id of the step
        children: dict[int, list[Reason]] = {}
        roots: list[Reason] = []
        self.relations: dict[str, list[Reason]] = {}  # the steps through relations, by holder
        for reason in reasons:
            step: Reason | None = reason
            while step is not None and id(step) not in depth:
                depth[id(step)] = -1  # seen; its depth is set below
                if step.relation is not None:
                    self.relations.setdefault(step.event, []).append(step)
                if step.via is None:
                    roots.append(step)
                else:
                    children.setdefault(id(step.via), []).append(step)
                step = step.via
        # Each step is entered and left once, depth first from the dates and bounds that end
        # the chains: a step is on a chain when the chain's first step lies within it.
        self._steps = (roots, children)  # held, so that every step keeps its id
        self._depth = depth
        self._span: dict[int, tuple[int, int]] = {}
        self._tail: dict[int, tuple[Reason, ...]] = {}
        counter = 0
        stack: list[tuple[Reason, bool]] = [(root, False) for root in reversed(roots)]
        while stack:
            step, left = stack.pop()
            key = id(step)
            if left:
                self._span[key] = (self._span[key][0], counter)
                counter += 1
                continue
            self._span[key] = (counter, counter)
            counter += 1
            if step.via is None:
                depth[key], self._tail[key] = 0, (step,)
            else:
                depth[key] = depth[id(step.via)] + 1
                self._tail[key] = ((step, step.via) if depth[key] == 1
                                   else self._tail[id(step.via)])
            stack.append((step, True))
            stack.extend((child, False) for child in reversed(children.get(key, ())))

    def length(self, reason: Reason) -> int:
        """How many steps the chain of `reason` has, itself included."""
        known = self._depth.get(id(reason))
        if known is not None:
            return known + 1
        count = 0
        step: Reason | None = reason
        while step is not None:
            known = self._depth.get(id(step))
            if known is not None:
                return count + known + 1
            count += 1
            step = step.via
        return count

    def shown(self, reason: Reason, longest: int) -> tuple[list[Reason], int]:
        """The steps of the chain of `reason` as they are shown: all of them when they are no
        more than `longest`, else the first `longest - 2` and the last two; and how many
        steps were left out between them."""
        skipped = self.length(reason) - longest
        first: list[Reason] = []
        step: Reason | None = reason
        while step is not None and (skipped <= 0 or len(first) < longest - 2):
            first.append(step)
            step = step.via
        if skipped <= 0:
            return first, 0
        tail = self._tail.get(id(reason))
        if tail is None:  # a reason made after these chains were walked: walk it
            chain = list(first)
            while step is not None:
                chain.append(step)
                step = step.via
            tail = tuple(chain[-2:])
        return first + list(tail[:2]), skipped

    def holds(self, reason: Reason, step: Reason) -> bool:
        """Whether `step` is on the chain of `reason` (`reason` itself included)."""
        inner = self._span.get(id(reason))
        outer = self._span.get(id(step))
        if inner is None or outer is None:
            walked: Reason | None = reason
            while walked is not None:
                if walked is step:
                    return True
                walked = walked.via
            return False
        return outer[0] <= inner[0] and inner[1] <= outer[1]


class Derived(NamedTuple):
    """The earliest and latest possible start and end of one event (None: no limit known), and
    the reason of each bound that is known, keyed by "start_min", "start_max", "end_min",
    "end_max"."""

    start_min: Bound | None = None
    start_max: Bound | None = None
    end_min: Bound | None = None
    end_max: Bound | None = None
    reasons: dict[str, Reason] = {}  # noqa: RUF012 -- never mutated: replaced when built

    @property
    def has_bounds(self) -> bool:
        return any(b is not None for b in (self.start_min, self.start_max, self.end_min,
                                           self.end_max))

    def may_overlap(self, lower: Bound | None, upper: Bound | None) -> bool:
        """Whether the event could have taken place (at least in part) within [lower, upper]."""
        if upper is not None and self.start_min is not None and self.start_min > upper:
            return False
        return not (lower is not None and self.end_max is not None and self.end_max < lower)

    def surely_overlaps(self, lower: Bound | None, upper: Bound | None) -> bool:
        """Whether the event took place (at least in part) within [lower, upper] for certain:
        it surely started by `upper` and surely had not ended before `lower`."""
        if upper is not None and (self.start_max is None or self.start_max > upper):
            return False
        return not (lower is not None and (self.end_min is None or self.end_min < lower))


class Cycle(NamedTuple):
    """Relations that order events in a circle: the events in file order, and the relations."""

    events: tuple[Event, ...]
    relations: tuple[tuple[Event, Relation], ...]


class Conflict(NamedTuple):
    """A start or end that would have to be no earlier than `low` and no later than `high`,
    with `low > high`: the reasons of the two bounds."""

    event: Event
    bound: str  # "start" or "end"
    low: Bound
    high: Bound
    low_reason: Reason
    high_reason: Reason

    @property
    def relations(self) -> list[Reason]:
        """The relations the two bounds were carried through, nearest first."""
        links = []
        for reason in (self.low_reason, self.high_reason):
            step: Reason | None = reason
            while step is not None:
                if step.kind == "relation":
                    links.append(step)
                step = step.via
        return links


class Chronology:
    """The derived bounds of every event of a timeline, and the story order.

    Only the events that relations or `not_before`/`not_after` concern are solved up front; the
    bounds of any other event are its own date's, worked out when first asked for, so that a
    timeline of dated events costs no more to list than before."""

    # A plain class: a dataclass costs a millisecond to define at every start of the command.
    def __init__(self) -> None:
        self.events: dict[str, Event] = {}  # id -> the first event with that id
        self.positions: dict[str, int] = {}  # id -> its place in the file
        self.derived: dict[str, Derived] = {}
        self.ranks: dict[str, int] = {}  # id -> place in the story, made when first asked for
        self.cycles: list[Cycle] = []
        self.conflicts: list[Conflict] = []

    def get(self, event: Event) -> Derived | None:
        """The derived bounds of an event of the timeline (None for an event it does not hold)."""
        ident = event.id.value
        found = self.derived.get(ident)
        if found is None and ident in self.events:
            found = self.derived[ident] = _date_only(self.events[ident])
        return found

    def sort_key(self, event: Event) -> tuple[int, ...]:
        """A key for sorted() that gives the story order (`story_order`); an event the
        timeline does not hold sorts last."""
        ranks = self._story_ranks()
        return (ranks.get(event.id.value, len(ranks)),)

    def story_order(self, events: Iterable[Event]) -> list[Event]:
        """`events` (all of the timeline's, or a selection) in the order in which the timeline
        tells its story, the one order that `list`, `filter`, the exports and the HTML page
        share: the order of the whole timeline, so that a selection keeps the places its
        events have in it. See `_story` for how it is made."""
        ranks = self._story_ranks()
        last = len(ranks)
        return sorted(events, key=lambda event: ranks.get(event.id.value, last))

    def _story_ranks(self) -> dict[str, int]:
        if not self.ranks and self.events:
            self.ranks = _story(self)
        return self.ranks


_LAST: list[object] = [None, None]  # the last timeline derived, and its chronology


def chronology_of(timeline: Timeline) -> Chronology:
    """`derive(timeline)`, computed once for the timeline that a command reads: ordering,
    selecting and rendering all ask for it."""
    if _LAST[0] is not timeline:
        _LAST[:] = [timeline, derive(timeline)]
    return _LAST[1]  # type: ignore[return-value]


# -- solving ----------------------------------------------------------------------------------


def _date_reason(event: Event) -> Reason:
    assert event.date is not None
    return Reason("date", event.id.value, event.date.loc, event.date.value)


def _own_bounds(event: Event) -> list[tuple[Bound | None, Reason | None]]:
    """[start_min, start_max, end_min, end_max] from the event's own date and bounds, each with
    its reason, closed under start <= end."""
    bounds: list[tuple[Bound | None, Reason | None]] = [(None, None)] * 4
    edtf = event.edtf
    if edtf is not None:
        reason = _date_reason(event)
        if edtf.start is not None:
            bounds[0] = (edtf.start.lower, reason)
            bounds[1] = (edtf.start.upper, reason)
        if edtf.end is not None:
            bounds[2] = (edtf.end.lower, reason)
            bounds[3] = (edtf.end.upper, reason)
    for key, index, pick in (("not_before", 0, max), ("not_after", 3, min)):
        given = getattr(event, key)
        if given is None or given.edtf is None:
            continue
        value = given.edtf.lower if key == "not_before" else given.edtf.upper
        if value is None:
            continue
        reason = Reason(key, event.id.value, given.date.loc, given.date.value, given.citation)
        current = bounds[index][0]
        if current is None or (pick(current, value) == value and current != value):
            bounds[index] = (value, reason)
    # start <= end: the end is no earlier than the earliest start, the start no later than the
    # latest end.
    if bounds[0][0] is not None and (bounds[2][0] is None or bounds[2][0] < bounds[0][0]):
        bounds[2] = bounds[0]
    if bounds[3][0] is not None and (bounds[1][0] is None or bounds[1][0] > bounds[3][0]):
        bounds[1] = bounds[3]
    return bounds


_NO_BOUNDS = Derived()


def _date_only(event: Event) -> Derived:
    """The bounds of an event that nothing but its own date concerns: `_own_bounds`, without
    its lists, for the many events of a large timeline."""
    edtf = event.edtf
    if edtf is None or event.date is None:
        return _NO_BOUNDS
    start, end = edtf.start, edtf.end
    start_min = start.lower if start else None
    start_max = start.upper if start else None
    end_min = end.lower if end else None
    end_max = end.upper if end else None
    if start_min is not None and (end_min is None or end_min < start_min):
        end_min = start_min
    if end_max is not None and (start_max is None or start_max > end_max):
        start_max = end_max
    reason = Reason("date", event.id.value, event.date.loc, event.date.value)
    reasons = {name: reason for name, value in (("start_min", start_min), ("start_max", start_max),
                                                ("end_min", end_min), ("end_max", end_max))
               if value is not None}
    return Derived(start_min, start_max, end_min, end_max, reasons)


def _derived(bounds: Sequence[tuple[Bound | None, Reason | None]]) -> Derived:
    reasons = {name: reason for name, (_value, reason) in zip(BOUNDS, bounds, strict=True)
               if reason is not None}
    return Derived(bounds[0][0], bounds[1][0], bounds[2][0], bounds[3][0], reasons)


def derive(timeline: Timeline) -> Chronology:
    """The derived bounds of every event, and the cycles and conflicts."""
    events = timeline.events
    chronology = Chronology()
    by_id: dict[str, int] = {}
    for index, event in enumerate(events):
        if event.id.value not in by_id:
            by_id[event.id.value] = index
            chronology.events[event.id.value] = event
    chronology.positions = by_id
    related = {i for i, e in enumerate(events) if e.relations and by_id[e.id.value] == i}
    if not related and not any(e.not_before or e.not_after for e in events):
        return chronology  # every bound is an event's own date's: nothing to solve or rank
    involved = sorted(related | {by_id[r.event.value] for i in related
                                 for r in events[i].relations if r.event.value in by_id})
    own = {i: _own_bounds(events[i]) for i in involved}
    own.update((i, _own_bounds(e)) for i, e in enumerate(events)
               if (e.not_before or e.not_after) and i not in own and by_id[e.id.value] == i)
    if involved:
        _solve(events, by_id, involved, own, chronology)
    for index, bounds in own.items():
        event = events[index]
        chronology.derived[event.id.value] = _derived(bounds)
        # A contradiction leaves an upper bound below a lower one.
        for bound, (low, low_r), (high, high_r) in (("start", bounds[0], bounds[1]),
                                                    ("end", bounds[2], bounds[3])):
            if low is not None and high is not None and low > high:
                assert low_r is not None and high_r is not None
                chronology.conflicts.append(Conflict(event, bound, low, high, low_r, high_r))
    chronology.conflicts.sort(key=lambda c: by_id[c.event.id.value])
    return chronology


def _solve(events: Sequence[Event], by_id: dict[str, int], involved: list[int],
           own: dict[int, list[tuple[Bound | None, Reason | None]]],
           chronology: Chronology) -> None:
    # Unknowns: 2k is the start of involved[k], 2k + 1 its end.
    slot = {event_index: k for k, event_index in enumerate(involved)}
    count = 2 * len(involved)
    low: list[Bound | None] = []
    high: list[Bound | None] = []
    low_reason: list[Reason | None] = []
    high_reason: list[Reason | None] = []
    for event_index in involved:
        bounds = own[event_index]
        for lower, upper in ((bounds[0], bounds[1]), (bounds[2], bounds[3])):
            low.append(lower[0])
            low_reason.append(lower[1])
            high.append(upper[0])
            high_reason.append(upper[1])
    # Edges x -> y for x <= y, each with the relation that states it (None: start <= end).
    out_edges: list[list[tuple[int, tuple[Event, Relation] | None]]] = [[] for _ in range(count)]
    in_edges: list[list[tuple[int, tuple[Event, Relation] | None]]] = [[] for _ in range(count)]
    for k in range(len(involved)):
        out_edges[2 * k].append((2 * k + 1, None))
        in_edges[2 * k + 1].append((2 * k, None))
    for event_index in involved:
        event = events[event_index]
        if by_id[event.id.value] != event_index:
            continue
        for relation in event.relations:
            pairs = RELATIONS.get(relation.kind.value)
            other = by_id.get(relation.event.value)
            if pairs is None or other is None or other == event_index:
                continue  # reported by the rules
            for left, right in pairs:
                x = _unknown(left, slot[event_index], slot[other])
                y = _unknown(right, slot[event_index], slot[other])
                out_edges[x].append((y, (event, relation)))
                in_edges[y].append((x, (event, relation)))

    components = _components(count, out_edges)  # sinks first
    member_of = [0] * count
    for number, component in enumerate(components):
        for node in component:
            member_of[node] = number

    def carried(reason: Reason | None, label: tuple[Event, Relation] | None) -> Reason | None:
        if label is None or reason is None:
            return reason  # start <= end of one event: the same reason holds
        event, relation = label
        return Reason("relation", event.id.value, relation.loc, citation=relation.citation,
                      relation=relation, via=reason)

    for number in range(len(components) - 1, -1, -1):  # sources first: lower bounds
        component = components[number]
        _unify(component, low, low_reason, lower=True)
        for node in component:
            if low[node] is None:
                continue
            for target, label in out_edges[node]:
                if member_of[target] != number and (low[target] is None
                                                    or low[target] < low[node]):  # type: ignore[operator]
                    low[target] = low[node]
                    low_reason[target] = carried(low_reason[node], label)
    for number, component in enumerate(components):  # sinks first: upper bounds
        _unify(component, high, high_reason, lower=False)
        for node in component:
            if high[node] is None:
                continue
            for source, label in in_edges[node]:
                if member_of[source] != number and (high[source] is None
                                                    or high[source] > high[node]):  # type: ignore[operator]
                    high[source] = high[node]
                    high_reason[source] = carried(high_reason[node], label)

    for k, event_index in enumerate(involved):
        own[event_index] = [(low[2 * k], low_reason[2 * k]), (high[2 * k], high_reason[2 * k]),
                            (low[2 * k + 1], low_reason[2 * k + 1]),
                            (high[2 * k + 1], high_reason[2 * k + 1])]

    for component in components:
        if len(component) < 2:
            continue
        # Relations to the event itself are left out of the graph, and start <= end alone makes
        # no circle: a component of two unknowns or more spans two events or more.
        inside = set(component)
        members = sorted({involved[node // 2] for node in component})
        relations = []
        seen: set[int] = set()
        for node in sorted(component):
            for target, label in out_edges[node]:
                if label is not None and target in inside and id(label[1]) not in seen:
                    seen.add(id(label[1]))
                    relations.append(label)
        chronology.cycles.append(Cycle(tuple(events[i] for i in members), tuple(relations)))


def _unknown(letter: str, this: int, other: int) -> int:
    return 2 * (this if letter in "se" else other) + (1 if letter in "eE" else 0)


def _unify(component: list[int], values: list[Bound | None], reasons: list[Reason | None],
           lower: bool) -> None:
    """The unknowns of a cycle are all equal: each takes the tightest bound among them (the
    greatest lower bound, or the least upper bound)."""
    if len(component) < 2:
        return
    known = [node for node in component if values[node] is not None]
    if not known:
        return
    pick = max if lower else min
    best = pick(known, key=lambda node: values[node])  # type: ignore[arg-type, return-value]
    for node in component:
        values[node], reasons[node] = values[best], reasons[best]


def _components(count: int, out_edges: list[list[tuple[int, object]]]) -> list[list[int]]:
    """Tarjan's strongly connected components, without recursion; sinks come first."""
    index = [-1] * count
    lowlink = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(count):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = lowlink[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            edges = out_edges[node]
            while position < len(edges):
                target = edges[position][0]
                position += 1
                if index[target] < 0:
                    work.append((node, position))
                    work.append((target, 0))
                    break
                if on_stack[target]:
                    lowlink[node] = min(lowlink[node], index[target])
            else:
                if lowlink[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
    return components


# -- story order ------------------------------------------------------------------------------


def _story(chronology: Chronology) -> dict[str, int]:
    """The place of every event in the story, from 1.

    Three things decide it, the first over the others:
    1. What the relations say of the events' starts, directly or through a chain of them:
       an event never comes after one that it starts no later than.
    2. The dates: a dated event stands at its start (its earliest possible start, with what
       relations add to its date), and events come in that order.
    3. The file, which follows its source: an event with no date of its own stands where the
       file tells it, right after the event before it, within what its relations and bounds
       allow (an event told after 2021 that started by 2019 stands at 2019).
    That gives each event a key, "where the story wants it"; an event must also come before
    every event the relations put after it, so it takes the smallest key among them and
    itself; and the events are then taken in topological order, the one with the smallest
    key first (Kahn's algorithm). Keys never decrease along the relations, so the story never
    goes back in time for a relation's sake: a dated event comes after an earlier one unless
    the relations themselves put it first. (A single date per event, the latest possible start
    of the FAR project say, would put the project after AlterMed, which it led to.)

    The relations are taken on the events' starts and ends (`RELATIONS`): an event that ends
    before another ends, which starts before a third, also starts before that third. In a
    cycle of relations, the story goes on with the event of smallest key."""
    events = list(chronology.events.values())  # the first event of each id, in file order
    count = len(events)
    keys: list[tuple[Bound, Bound, int]] = []
    anchor: tuple[Bound, Bound] = (_EARLIEST, _EARLIEST)
    derived = chronology.derived
    for number, event in enumerate(events):
        bounds = derived.get(event.id.value)
        edtf = event.edtf
        if edtf is not None:
            lower = edtf.lower or _EARLIEST
            if bounds is not None and bounds.start_min is not None and bounds.start_min > lower:
                lower = bounds.start_min
            anchor = (lower, edtf.upper or _LATEST)
        elif bounds is not None:
            anchor = _within(anchor, bounds)
        keys.append((*anchor, number))

    successors = _start_order(events)
    if not successors:  # no relation: the keys are the story
        order = sorted(range(count), key=keys.__getitem__)
        return {events[number].id.value: rank for rank, number in enumerate(order, start=1)}
    nodes = len(successors)
    # An end takes its place from the starts after it; with none, it has no say.
    never = (_LATEST, _LATEST, nodes)
    smallest: list[tuple[Bound, Bound, int]] = [*keys, *([never] * (nodes - count))]
    edges = [[(target, None) for target in targets] for targets in successors]
    components = _components(nodes, edges)  # sinks first
    member_of = [0] * nodes
    for number, component in enumerate(components):
        for node in component:
            member_of[node] = number
    for number, component in enumerate(components):
        least = min(smallest[node] for node in component)
        for node in component:
            for target in successors[node]:
                if member_of[target] != number and smallest[target] < least:
                    least = smallest[target]
        for node in component:
            smallest[node] = least
    waiting = [0] * nodes
    for targets in successors:
        for target in targets:
            waiting[target] += 1
    ready = [(smallest[node], node) for node in range(nodes) if waiting[node] == 0]
    heapq.heapify(ready)
    done = [False] * nodes
    fallback: list[int] = []
    ranks: dict[str, int] = {}
    taken = 0
    while taken < nodes:
        if not ready:  # a cycle: go on with its node of smallest key
            if not fallback:
                fallback = sorted(range(nodes), key=lambda node: (smallest[node], node),
                                  reverse=True)
            while done[fallback[-1]]:
                fallback.pop()
            node = fallback[-1]
            ready.append((smallest[node], node))
        _value, node = heapq.heappop(ready)
        if done[node]:
            continue
        done[node] = True
        taken += 1
        if node < count:
            ranks[events[node].id.value] = len(ranks) + 1
        for target in successors[node]:
            waiting[target] -= 1
            if waiting[target] == 0 and not done[target]:
                heapq.heappush(ready, (smallest[target], target))
    return ranks


def _within(anchor: tuple[Bound, Bound], bounds: Derived) -> tuple[Bound, Bound]:
    """Where the file tells an event without a date, moved within what its bounds allow: to
    its earliest possible start (after the events that start then) or to its latest (before
    them)."""
    if bounds.start_min is not None and anchor[0] < bounds.start_min:
        return (bounds.start_min, _LATEST)
    if bounds.start_max is not None and anchor[0] > bounds.start_max:
        return (bounds.start_max, _EARLIEST)
    return anchor


def _start_order(events: Sequence[Event]) -> list[list[int]]:
    """The relations as a graph, x -> y for "x no later than y": node n is the start of
    `events[n]`, nodes from len(events) on are the ends of the events that relations name
    (each after its own start). Empty when no relation orders anything."""
    count = len(events)
    number = {event.id.value: n for n, event in enumerate(events)}
    successors: list[list[int]] = []
    ends: dict[int, int] = {}

    def node(letter: str, this: int, other: int) -> int:
        which = this if letter in "se" else other
        if letter in "sS":
            return which
        end = ends.get(which)
        if end is None:
            end = ends[which] = count + len(ends)
            successors.append([])
            successors[which].append(end)
        return end

    for this, event in enumerate(events):
        for relation in event.relations:
            pairs = RELATIONS.get(relation.kind.value)
            other = number.get(relation.event.value)
            if pairs is None or other is None or other == this:
                continue  # reported by the rules
            if not successors:
                successors = [[] for _ in range(count)]
            for left, right in pairs:
                successors[node(left, this, other)].append(node(right, this, other))
    return successors


# -- words ------------------------------------------------------------------------------------


def _point(bound: Bound, upper: bool) -> DatePoint:
    """A bound as a date to word: a whole year or month when it is the first (for a lower
    bound) or last (for an upper bound) day of one, else the day."""
    from imfhist.timeline.dates import days_in_month

    year, month, day = bound
    if (month, day) == ((12, 31) if upper else (1, 1)):
        return DatePoint(bound, bound, "year", year)
    if day == (days_in_month(year, month) if upper else 1):
        return DatePoint(bound, bound, "month", year, month)
    return DatePoint(bound, bound, "day", year, month, day)


def word_bound(bound: Bound, upper: bool) -> str:
    """One bound in words: "2019", "May 2019", "3 May 2019"."""
    return word_point(_point(bound, upper))


def word_range(low: Bound | None, high: Bound | None) -> str | None:
    """An inclusive range in words: "between 2004 and 2019", "not before 2004", "by 2019",
    "in 2004"; None when neither end is known."""
    if low is None and high is None:
        return None
    if high is None:
        assert low is not None
        return _("not before {date}").format(date=word_bound(low, upper=False))
    if low is None:
        return _("by {date}").format(date=word_bound(high, upper=True))
    first, last = word_bound(low, upper=False), word_bound(high, upper=True)
    if first == last:
        return _("in {date}").format(date=first)
    return _("between {start} and {end}").format(start=first, end=last)


def word_bounds(derived: Derived) -> str | None:
    """When an event without a date of its own started, in words ("by 2019"); or, when only
    its end is bounded, when it ended ("ended by 2019"). None when nothing is known."""
    started = word_range(derived.start_min, derived.start_max)
    if started is not None:
        return started
    ended = word_range(derived.end_min, derived.end_max)
    return _("ended {when}").format(when=ended) if ended else None


class Link(NamedTuple):
    """One step of an explanation: what is said (in words), by which event, and the quote."""

    event: str
    statement: str
    loc: Loc
    citation: Citation | None


def quoted(name: str) -> str:
    """A name set in a sentence between the language's quotation marks (“AlterMed”,
    « AlterMed »): whatever it starts with, the sentence around it reads correctly (French
    "le début de « … »", never "de altermed" nor a contraction to guess)."""
    return _("“{name}”").format(name=name)


def explain(reason: Reason, name: Callable[[str], str] = quoted) -> list[Link]:
    """A bound's reason as the chain of what the timeline says, from the event itself back to
    the date or bound it comes from. `name` words an event, given its id, within a sentence;
    by default its id between quotation marks."""
    from imfhist.timeline.dates import try_parse, word

    links = []
    step: Reason | None = reason
    while step is not None:
        if step.kind == "relation" and step.relation is not None:
            template = PHRASES.get(step.relation.kind.value, "{event} {other}")
            statement = _(template).format(event=name(step.event),
                                           other=name(step.relation.event.value))
        else:
            parsed = try_parse(step.text)
            shown = word(parsed) if parsed else step.text
            template = {"date": N_("date of {event}: {date}"),
                        "not_before": N_("{event} starts no earlier than {date}"),
                        "not_after": N_("{event} ends no later than {date}")}[step.kind]
            statement = _(template).format(event=name(step.event), date=shown)
        links.append(Link(step.event, statement, step.loc, step.citation))
        step = step.via
    return links


__all__ = ["BOUNDS", "PHRASES", "RELATIONS", "Chains", "Chronology", "Conflict", "Cycle", "Derived",
           "Link", "Reason", "chronology_of", "derive", "explain", "quoted", "word_bound",
           "word_bounds", "word_range"]
