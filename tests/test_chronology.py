"""Derived bounds: what dates, bounds and relations say about when each event could have been."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED, write
from imfhist.timeline.chronology import (
    RELATIONS,
    Chains,
    Reason,
    derive,
    explain,
    word_bounds,
    word_range,
)
from imfhist.timeline.loader import load, load_text
from imfhist.timeline.model import Loc, Timeline


def timeline_of(events: list[dict[str, Any]]) -> Timeline:
    for event in events:
        event.setdefault("title", event["id"])
        event.setdefault("sources", [{"ref": "page", "quote": "x"}])
        for relation in event.get("relations", []):
            relation.update(ref="page", quote="x")
    document = {"format": "imfhist/1", "sources": [{"id": "page", "title": "Page"}],
                "events": events}
    text = yaml.safe_dump(document, sort_keys=False)
    result = load_text(text, Path("t.yaml"), "t.yaml")
    assert result.timeline is not None and not result.problems, result.problems
    return result.timeline


def test_the_imf_timeline_places_the_experiences_before_altermed() -> None:
    timeline = load(SHIPPED).timeline
    assert timeline is not None
    chronology = derive(timeline)
    by_id = {e.id.value: e for e in timeline.events}
    far = chronology.get(by_id["projet-far-annaba"])
    assert far is not None
    assert (far.start_min, far.start_max, far.end_min, far.end_max) == (
        None, (2019, 12, 31), None, None)
    links = explain(far.reasons["start_max"])
    assert [link.event for link in links] == ["projet-far-annaba", "altermed"]
    assert links[0].citation is not None
    assert links[0].citation.quote.value.startswith("Ce parcours nous a permis")
    assert links[1].statement == "date of “altermed”: 2019–2021"
    capitalisation = chronology.get(by_id["capitalisation-pcpa-maroc-tunisie"])
    assert capitalisation is not None and word_bounds(capitalisation) == "between 2004 and 2019"
    exchanges = chronology.get(by_id["echanges-interculturels"])
    assert exchanges is not None and word_bounds(exchanges) == "by 2004"
    assert chronology.cycles == [] and chronology.conflicts == []


def test_a_chain_of_relations_carries_a_bound_with_every_quote() -> None:
    timeline = timeline_of([
        {"id": "a", "relations": [{"before": "b"}]},
        {"id": "b", "relations": [{"during": "c"}]},
        {"id": "c", "date": "2010/2012"},
        {"id": "d", "relations": [{"after": "c"}], "not_after": {
            "date": "2020-05", "ref": "page", "quote": "x"}},
    ])
    chronology = derive(timeline)
    a, b, _c, d = (chronology.get(e) for e in timeline.events)
    assert a is not None and b is not None and d is not None
    assert a.end_max == (2012, 12, 31) and a.start_max == (2012, 12, 31)
    assert [link.event for link in explain(a.reasons["end_max"])] == ["a", "b", "c"]
    assert (b.start_min, b.end_max) == ((2010, 1, 1), (2012, 12, 31))
    assert (d.start_min, d.end_max) == ((2012, 1, 1), (2020, 5, 31))
    assert word_bounds(d) == "between 2012 and May 2020"
    assert explain(d.reasons["end_max"])[0].statement == "“d” ends no later than May 2020"


def test_story_order_follows_relations_and_keeps_the_rest_in_file_order() -> None:
    timeline = timeline_of([
        {"id": "nothing-known"},
        {"id": "late", "date": "2019"},
        {"id": "before-late", "relations": [{"starts_before": "late"}]},
        {"id": "early", "date": "2004"},
        {"id": "also-nothing"},
        {"id": "within-early", "relations": [{"during": "early"}]},
        {"id": "after-late", "relations": [{"after": "late"}]},
        {"id": "ends-before-late", "relations": [{"ends_before": "late"}]},
    ])
    chronology = derive(timeline)
    order = [e.id.value for e in chronology.story_order(timeline.events)]
    # Events with nothing to place them stay where the file tells them: the first opens the
    # story, the other follows "early". "before-late", told after "late", comes just before
    # it; "ends-before-late" may have started after "late" did, so it keeps its place in the
    # file, but it ended before "late" ended, hence before "after-late" started.
    assert order == ["nothing-known", "early", "also-nothing", "within-early", "before-late",
                     "late", "ends-before-late", "after-late"]
    assert [e.id.value for e in sorted(timeline.events, key=chronology.sort_key)] == order
    # A selection keeps the places its events have in the whole story.
    chosen = [e for e in reversed(timeline.events) if e.id.value.endswith("late")]
    assert [e.id.value for e in chronology.story_order(chosen)] == [
        "before-late", "late", "ends-before-late", "after-late"]


def test_story_order_places_dated_events_and_keeps_undated_after_their_neighbour() -> None:
    # The file tells b after a (2019); c (2002) comes earlier in time, and d follows c.
    assert _story([{"id": "a", "date": "2019"}, {"id": "b"}, {"id": "c", "date": "2002"},
                   {"id": "d"}, {"id": "e", "date": "2004"}]) == ["c", "d", "e", "a", "b"]
    # Undated events before any dated one open the story, in the file's order.
    assert _story([{"id": "x"}, {"id": "y"}, {"id": "z", "date": "2000"}]) == ["x", "y", "z"]
    # Ties keep the file's order.
    assert _story([{"id": "p", "date": "2004"}, {"id": "q", "date": "2004"}, {"id": "r"}]) == [
        "p", "q", "r"]
    # Bounds move an undated event within what they allow, and the next one follows it.
    assert _story([{"id": "a", "date": "2019"},
                   {"id": "b", "not_after": {"date": "2008", "ref": "page", "quote": "x"}},
                   {"id": "c", "date": "2002"}, {"id": "d", "date": "2010"}, {"id": "e"}]
                  ) == ["c", "b", "d", "e", "a"]


def test_a_single_date_per_event_would_not_do() -> None:
    """FAR started no later than AlterMed: by 2019. Sorted by that latest possible start, it
    would come after AlterMed, which started in 2019."""
    assert _story([{"id": "far", "relations": [{"starts_before": "altermed"}]},
                   {"id": "altermed", "date": "2019/2021"}, {"id": "after"},
                   {"id": "told-late", "relations": [{"starts_before": "altermed"}]}]) == [
        "far", "told-late", "altermed", "after"]


def _story(events: list[dict[str, Any]]) -> list[str]:
    timeline = timeline_of(events)
    return [e.id.value for e in derive(timeline).story_order(timeline.events)]


def test_cycles_and_conflicts_are_found() -> None:
    timeline = timeline_of([
        {"id": "a", "relations": [{"before": "b"}]},
        {"id": "b", "relations": [{"before": "a"}]},
        {"id": "c", "date": "2021", "relations": [{"before": "d"}]},
        {"id": "d", "date": "2004"},
    ])
    chronology = derive(timeline)
    assert [[e.id.value for e in cycle.events] for cycle in chronology.cycles] == [["a", "b"]]
    conflicting = {(c.event.id.value, c.bound) for c in chronology.conflicts}
    assert ("c", "end") in conflicting or ("d", "start") in conflicting


def test_words() -> None:
    assert word_range((2004, 1, 1), (2019, 12, 31)) == "between 2004 and 2019"
    assert word_range((2004, 1, 1), None) == "not before 2004"
    assert word_range(None, (2019, 12, 31)) == "by 2019"
    assert word_range((2019, 1, 1), (2019, 12, 31)) == "in 2019"
    assert word_range((2019, 3, 1), (2019, 3, 14)) == "between March 2019 and 14 March 2019"
    assert word_range(None, None) is None


def test_a_file_with_relations_validates_and_lists(run, tmp_path: Path) -> None:
    path = write(tmp_path, """\
format: imfhist/1
sources: [{id: page, title: Page}]
events:
  - id: later
    title: Later
    relations: [{after: first, ref: page, quote: "Then, after the first, came this."}]
    sources: [{ref: page, quote: "Then, after the first, came this."}]
  - id: first
    title: First
    date: 1990
    sources: [{ref: page, quote: "The first thing happened in 1990."}]
""")
    assert run("validate", path).exit_code == 0
    result = run("list", "--file", path, "--format", "csv")
    assert result.stdout.splitlines()[2].startswith("later,,not before 1990,")
    assert result.stdout.splitlines()[2].endswith(",1990-01-01,,1990-01-01,")


# -- against a plain fixpoint, on generated relations ----------------------------------------

LETTERS = "abcdef"


@st.composite
def systems(draw: st.DrawFn) -> list[dict[str, Any]]:
    events = []
    for letter in LETTERS[:draw(st.integers(1, len(LETTERS)))]:
        event: dict[str, Any] = {"id": letter}
        if draw(st.booleans()):
            year = draw(st.integers(1990, 2030))
            event["date"] = draw(st.sampled_from(
                [f"{year}", f"{year}/{year + 3}", f"{year}/", f"../{year}", f"{year}/.."]))
        events.append(event)
    for event in events:
        others = [e["id"] for e in events]
        chosen = draw(st.lists(st.tuples(st.sampled_from(sorted(RELATIONS)),
                                         st.sampled_from(others)), max_size=2))
        relations = [{kind: other} for kind, other in chosen if other != event["id"]]
        if relations:
            event["relations"] = relations
    return events


def _fixpoint(timeline: Timeline) -> dict[str, tuple[Any, ...]]:
    """The same bounds by relaxing every inequality until nothing changes."""
    from imfhist.timeline.chronology import _own_bounds

    values: dict[tuple[str, str], list[Any]] = {}
    for event in timeline.events:
        bounds = _own_bounds(event)
        values[(event.id.value, "s")] = [bounds[0][0], bounds[1][0]]
        values[(event.id.value, "e")] = [bounds[2][0], bounds[3][0]]
    edges = [((e.id.value, "s"), (e.id.value, "e")) for e in timeline.events]
    for event in timeline.events:
        for relation in event.relations:
            this, other = event.id.value, relation.event.value
            for left, right in RELATIONS[relation.kind.value]:
                edges.append(((this if left in "se" else other, left.lower()),
                              (this if right in "se" else other, right.lower())))
    changed = True
    while changed:
        changed = False
        for x, y in edges:
            low_x, high_y = values[x][0], values[y][1]
            if low_x is not None and (values[y][0] is None or values[y][0] < low_x):
                values[y][0], changed = low_x, True
            if high_y is not None and (values[x][1] is None or values[x][1] > high_y):
                values[x][1], changed = high_y, True
    return {e.id.value: (*values[(e.id.value, "s")], *values[(e.id.value, "e")])
            for e in timeline.events}


@given(systems())
def test_derived_bounds_are_the_fixpoint_of_the_constraints(events: list[dict[str, Any]]) -> None:
    timeline = timeline_of(events)
    chronology = derive(timeline)
    expected = _fixpoint(timeline)
    for event in timeline.events:
        derived = chronology.get(event)
        assert derived is not None
        assert (derived.start_min, derived.start_max, derived.end_min, derived.end_max) == \
            expected[event.id.value], event.id.value
        for name in ("start_min", "start_max", "end_min", "end_max"):
            if getattr(derived, name) is not None:
                assert name in derived.reasons


def _starts_no_later(timeline: Timeline) -> set[tuple[str, str]]:
    """Every (a, b) such that the relations say, directly or through a chain of starts and
    ends, that a starts no later than b starts."""
    edges: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for event in timeline.events:
        edges.setdefault((event.id.value, "s"), set()).add((event.id.value, "e"))
        for relation in event.relations:
            this, other = event.id.value, relation.event.value
            for left, right in RELATIONS[relation.kind.value]:
                edges.setdefault((this if left in "se" else other, left.lower()), set()).add(
                    (this if right in "se" else other, right.lower()))
    pairs = set()
    for event in timeline.events:
        seen, todo = set(), [(event.id.value, "s")]
        while todo:
            for target in edges.get(todo.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        pairs |= {(event.id.value, ident) for ident, side in seen
                  if side == "s" and ident != event.id.value}
    return pairs


@given(systems())
def test_story_order_never_goes_against_the_relations_or_the_dates(
        events: list[dict[str, Any]]) -> None:
    timeline = timeline_of(events)
    chronology = derive(timeline)
    order = [e.id.value for e in chronology.story_order(timeline.events)]
    assert sorted(order) == sorted(e.id.value for e in timeline.events)
    assert [e.id.value for e in chronology.story_order(reversed(timeline.events))] == order
    if chronology.cycles:
        return
    place = {ident: number for number, ident in enumerate(order)}
    no_later = _starts_no_later(timeline)
    # No event comes after one that the relations say it starts no later than.
    for first, then in no_later:
        assert place[first] < place[then], (first, then)
    if chronology.conflicts:
        return
    # Dated events come in the order of their earliest possible starts, unless the relations
    # say otherwise.
    starts = {e.id.value: chronology.get(e).start_min for e in timeline.events  # type: ignore[union-attr]
              if e.edtf is not None}
    for a, start_a in starts.items():
        for b, start_b in starts.items():
            if start_b is not None and (start_a is None or start_a < start_b) \
                    and (b, a) not in no_later:
                assert place[a] < place[b], (a, b)


def test_show_lists_relations_that_place_nothing(run, tmp_path: Path) -> None:
    path = write(tmp_path, """\
format: imfhist/1
sources: [{id: page, title: Page}]
events:
  - id: first
    title: First
    relations: [{before: second, ref: page, quote: "and then the second thing came"}]
    sources: [{ref: page, quote: "The first thing happened, as the page says."}]
  - id: second
    title: Second, with no date either
    sources: [{ref: page, quote: "The second thing happened, as the page says."}]
""")
    text = " ".join(run("show", "first", "--file", path).stdout.split())
    assert "Date undated" in text
    assert ("Relations “First” ends before “Second, with no date either” starts, according to: "
            "« and then the second thing came »") in text


def test_show_cuts_a_long_chain_in_its_middle(run, tmp_path: Path) -> None:
    lines = ["format: imfhist/1", "sources: [{id: page, title: Page}]", "events:",
             "  - {id: e0, title: E0, date: 2001, sources: [{ref: page, quote: x}]}"]
    lines += [f"  - {{id: e{i}, title: E{i}, relations: [{{starts_after: e{i - 1}, ref: page, "
              f"quote: q{i}}}], sources: [{{ref: page, quote: x}}]}}" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    text = " ".join(run("show", "e9", "--file", path).stdout.split())
    assert "not before 2001 — “E9” starts after “E8” starts, according to: « q9 »" in text
    assert ("… 4 more steps …; “E1” starts after “E0” starts, according to: « q1 »; "
            "date of “E0”: 2001") in text


def _walked(reason: Reason) -> list[Reason]:
    chain = []
    step: Reason | None = reason
    while step is not None:
        chain.append(step)
        step = step.via
    return chain


@given(systems())
def test_chains_answer_as_walking_each_chain_would(events: list[dict[str, Any]]) -> None:
    """Chains walks every step once; what it answers is what walking each chain whole gives."""
    timeline = timeline_of(events)
    chronology = derive(timeline)
    reasons = [reason for event in timeline.events
               for reason in chronology.get(event).reasons.values()]  # type: ignore[union-attr]
    chains = Chains(reasons[::2])  # the others are asked about without having been walked
    steps = {id(step): step for reason in reasons for step in _walked(reason)}
    for reason in reasons:
        chain = _walked(reason)
        assert chains.length(reason) == len(chain)
        for longest in (2, 3, 6):
            skipped = len(chain) - longest
            expected = chain[:longest - 2] + chain[-2:] if skipped > 0 else chain
            shown, left_out = chains.shown(reason, longest)
            assert [id(s) for s in shown] == [id(s) for s in expected]
            assert left_out == max(0, skipped)
        on_chain = {id(step) for step in chain}
        for step in steps.values():
            assert chains.holds(reason, step) == (id(step) in on_chain)
    for ident, held in chains.relations.items():
        assert all(step.event == ident and step.relation is not None for step in held)


def test_chains_walk_a_long_chain_once() -> None:
    """20,000 reasons in a row: each bound's chain shares the rest of the chain."""
    here = Loc("t.yaml", 1, 1)
    step = Reason("date", "e0", here, "2001")
    reasons = [step]
    for number in range(1, 20000):
        step = Reason("relation", f"e{number}", here, via=step)
        reasons.append(step)
    chains = Chains(reasons)
    assert chains.length(reasons[-1]) == 20000
    shown, skipped = chains.shown(reasons[-1], 6)
    assert [s.event for s in shown] == ["e19999", "e19998", "e19997", "e19996", "e1", "e0"]
    assert skipped == 19994
    assert chains.holds(reasons[-1], reasons[0]) and not chains.holds(reasons[0], reasons[-1])
