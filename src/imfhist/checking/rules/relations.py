"""Rules about relations between events and about `not_before`/`not_after` bounds."""

from __future__ import annotations

from collections.abc import Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import N_, _
from imfhist.common.problems import Problem, Severity
from imfhist.common.suggest import Suggester, did_you_mean
from imfhist.timeline.chronology import PHRASES, RELATIONS, Reason, chronology_of, quoted
from imfhist.timeline.dates import EdtfError, parse_edtf, word
from imfhist.timeline.model import Citation, Timeline

RELATION_KIND = Rule("relation-kind", Severity.ERROR, """
    A relation names exactly one kind, with the other event's id as its value: `before`,
    `after`, `starts_before`, `starts_after`, `ends_before`, `ends_after`, `during` or
    `contains` (their meaning is in docs/format.md).""")
UNKNOWN_EVENT = Rule("unknown-event", Severity.ERROR, """
    A relation names an event id that is not in `events`; the hint gives the closest ids.""")
RELATION_CYCLE = Rule("relation-cycle", Severity.ERROR, """
    Relations that order events in a circle (A before B, B before A), or an event related to
    itself. The message names every event in the circle; the source cannot state it, so one of
    the relations is a misreading.""", example="""
    - id: altermed
      date: 2019/2021
      relations:
        - starts_before: projet-far-annaba   # which is said to start before AlterMed
          ref: imf-historique
          quote: Ce parcours nous a permis notamment de co-construire […] le projet AlterMed
    """)
RELATION_CONFLICT = Rule("relation-conflict", Severity.ERROR, """
    Relations that contradict the dates: an event dated 2021 said to start before one dated 2004,
    directly or through other relations, or a `not_before` later than the event's own date. The
    message names the lines of both dates or bounds, and is given at the relation.""",
    example="""
    - id: altermed
      date: 2019/2021
      relations:
        - before: imf-participe-aux-pcpa     # dated 2004/: AlterMed would end by 2004
          ref: imf-historique
          quote: Ce parcours nous a permis notamment de co-construire […] le projet AlterMed
    """)
BOUND_DATE = Rule("bound-date", Severity.ERROR, """
    The `date` of a `not_before` or `not_after` is a year or an EDTF date (`2004`, `2019-05`),
    not an interval.""")

_ORIGIN = {"date": N_("'{event}' is dated {date} (line {line})"),
           "not_before": N_("'{event}' is not before {date} (line {line})"),
           "not_after": N_("'{event}' is not after {date} (line {line})")}


def _origin(reason: Reason) -> str:
    from imfhist.timeline.dates import try_parse

    origin = reason.origin
    parsed = try_parse(origin.text)
    shown = word(parsed) if parsed else origin.text
    return _(_ORIGIN[origin.kind]).format(event=origin.event, date=shown, line=origin.loc.line)


def _quote_problems(timeline: Timeline, citations: list[Citation]) -> Iterator[Problem]:
    """The quote rules themselves, run on the citations of relations and bounds: they are handed
    to them as the sources of one stand-in event, so the archive is read and each quote matched
    and counted exactly as for an event's sources. Problems with an archive are left to those
    rules' own run, which reports them once."""
    from imfhist.checking.rules.quotes import check_quotes
    from imfhist.checking.rules.quotewords import check_quote_words
    from imfhist.timeline.model import Event, Text

    if not citations:
        return
    stand_in = Event(Text("", timeline.loc), "", timeline.loc, sources=tuple(citations))
    only_these = timeline._replace(events=(stand_in,))
    for check in (check_quotes, check_quote_words):
        for problem in check(only_these):
            if problem.rule != "source-archive":
                yield problem


@checker
def check_relations(timeline: Timeline) -> Iterator[Problem]:
    if not any(e.relations or e.not_before or e.not_after for e in timeline.events):
        return
    ids = [e.id.value for e in timeline.events]
    known = set(ids)
    suggest = Suggester(ids)
    sources = timeline.source_by_id()
    citations = []
    for event in timeline.events:
        for relation in event.relations:
            citations.append(relation.citation)
            other = relation.event.value
            if other not in known:
                yield UNKNOWN_EVENT.at(
                    relation.event.loc, _("no event has the id '{id}'").format(id=other),
                    did_you_mean(suggest(other)) or _("give the id of an event of this file"))
            elif other == event.id.value:
                yield RELATION_CYCLE.at(
                    relation.event.loc,
                    _("event '{id}' is related to itself").format(id=other),
                    _("name another event, or remove the relation"))
        for key in ("not_before", "not_after"):
            bound = getattr(event, key)
            if bound is None:
                continue
            citations.append(bound.citation)
            try:
                parsed = parse_edtf(bound.date.value)
            except EdtfError as error:
                yield BOUND_DATE.at(bound.date.loc, _("{key} {date}: {error}").format(
                    key=key, date=repr(bound.date.value), error=error),
                    _("give a year (2004) or an EDTF date (2019-05)"))
                continue
            if parsed.is_interval:
                yield BOUND_DATE.at(bound.date.loc, _("{key} is one date, not an interval ({date})")
                                    .format(key=key, date=bound.date.value),
                                    _("give a year (2004) or an EDTF date (2019-05)"))
    for citation in citations:
        if citation.ref.value not in sources:
            from imfhist.checking.rules.references import UNKNOWN_SOURCE

            yield UNKNOWN_SOURCE.at(citation.ref.loc,
                                    _("no source has the id '{id}'").format(id=citation.ref.value),
                                    did_you_mean(Suggester(sources)(citation.ref.value))
                                    or _("add a source with id '{id}'").format(
                                        id=citation.ref.value))
    yield from _quote_problems(timeline, citations)

    chronology = chronology_of(timeline)  # computed once: the outputs reuse it
    for cycle in chronology.cycles:
        names = ", ".join(_("'{id}' (line {line})").format(id=e.id.value, line=e.id.loc.line)
                          for e in cycle.events)
        steps = _("; ").join(_(PHRASES[r.kind.value]).format(event=quoted(e.id.value),
                                                         other=quoted(r.event.value))
                          for e, r in cycle.relations)
        where = cycle.relations[0][1].loc if cycle.relations else cycle.events[0].loc
        yield RELATION_CYCLE.at(where, _("these relations order events in a circle: {events}")
                                .format(events=names),
                                _("{steps}: check each against the source").format(steps=steps))
    reported: set[tuple[object, object, object]] = set()
    in_cycles = {e.id.value for cycle in chronology.cycles for e in cycle.events}
    for conflict in chronology.conflicts:
        if conflict.event.id.value in in_cycles:
            continue  # the unknowns of a cycle are made equal: the cycle is what to fix
        low, high = conflict.low_reason.origin, conflict.high_reason.origin
        relations = conflict.relations
        # One contradiction shows at every start and end along its chain: say it once.
        key = (low.loc, high.loc, frozenset(r.loc for r in relations))
        if key in reported:
            continue
        reported.add(key)
        if relations:
            assert relations[0].relation is not None
            relation = relations[0].relation
            message = _("relation '{kind}: {other}' contradicts the dates: {low}, but {high}")
            message = message.format(
                kind=relation.kind.value, other=relation.event.value, low=_origin(low),
                high=_origin(high))
            where = relation.loc
        else:
            message = _("the dates of '{event}' contradict each other: {low}, but {high}").format(
                event=conflict.event.id.value, low=_origin(low), high=_origin(high))
            where = max(low.loc, high.loc, key=lambda loc: loc.line)
        hint = _("check the dates and the relations against the source")
        if len(relations) > 1:
            steps = _("; ").join(_(PHRASES[r.relation.kind.value]).format(
                event=quoted(r.event), other=quoted(r.relation.event.value))
                for r in relations if r.relation is not None)
            hint = _("{steps}: check the dates and each relation against the source").format(
                steps=steps)
        yield RELATION_CONFLICT.at(where, message, hint)


__all__ = ["RELATIONS"]
