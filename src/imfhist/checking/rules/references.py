"""Rules about references between events, actors, places and sources."""

from collections.abc import Iterator, Mapping

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import N_, _, p_
from imfhist.common.problems import Problem, Severity
from imfhist.common.suggest import Suggester, did_you_mean
from imfhist.timeline.model import ACTOR_KINDS, Text, Timeline

UNKNOWN_ACTOR = Rule("unknown-actor", Severity.ERROR, """
    An event names an actor id that is not in `actors`.""")
UNKNOWN_PLACE = Rule("unknown-place", Severity.ERROR, """
    An event names a place id that is not in `places`.""")
UNKNOWN_SOURCE = Rule("unknown-source", Severity.ERROR, """
    A citation's `ref` is not the id of a source in `sources`.""")
NO_SOURCE = Rule("no-source", Severity.ERROR, """
    Every event cites at least one source, with the words of that source that state it.""")
ACTOR_KIND = Rule("actor-kind", Severity.ERROR, """
    An actor's `kind` is one of `person`, `organisation`, `programme`.""")
UNUSED = Rule("unused", Severity.WARNING, """
    An actor, place or source that no event refers to. It may be a leftover of an edit, or an
    event may be missing its reference.""")


_NO_SUCH = {"actor": (N_("no actor has the id '{id}'"), N_("add an actor with id '{id}'")),
            "place": (N_("no place has the id '{id}'"), N_("add a place with id '{id}'")),
            "source": (N_("no source has the id '{id}'"), N_("add a source with id '{id}'"))}
_UNUSED = {"actor": N_("no event refers to actor '{id}'"),
           "place": N_("no event refers to place '{id}'"),
           "source": N_("no event refers to source '{id}'")}


def _unknown(
    rule: Rule, kind: str, refs: list[Text], known: Mapping[str, object]
) -> Iterator[Problem]:
    suggest = Suggester(known)
    message, fix = _NO_SUCH[kind]
    for ref in refs:
        if ref.value not in known:
            hint = did_you_mean(suggest(ref.value)) or _(fix).format(id=ref.value)
            yield rule.at(ref.loc, _(message).format(id=ref.value), hint)


@checker
def check_references(timeline: Timeline) -> Iterator[Problem]:
    actors = timeline.actor_by_id()
    places = timeline.place_by_id()
    sources = timeline.source_by_id()
    actor_refs = [ref for event in timeline.events for ref in event.actors]
    place_refs = [ref for event in timeline.events for ref in event.places]
    source_refs = [c.ref for event in timeline.events for c in event.sources]
    yield from _unknown(UNKNOWN_ACTOR, "actor", actor_refs, actors)
    yield from _unknown(UNKNOWN_PLACE, "place", place_refs, places)
    yield from _unknown(UNKNOWN_SOURCE, "source", source_refs, sources)

    for event in timeline.events:
        if not event.sources:
            yield NO_SOURCE.at(event.id.loc,
                               _("event '{id}' cites no source").format(id=event.id.value),
                               _("add a source with the quote that states it"))
    for actor in timeline.actors:
        if actor.kind.value not in ACTOR_KINDS:
            yield ACTOR_KIND.at(actor.kind.loc,
                                _("actor kind '{kind}' is not one of {kinds}").format(
                                    kind=actor.kind.value, kinds=", ".join(ACTOR_KINDS)),
                                did_you_mean(Suggester(ACTOR_KINDS)(actor.kind.value)))

    used_actors = {ref.value for ref in actor_refs}
    used_places = {ref.value for ref in place_refs}
    used_sources = {ref.value for ref in source_refs}
    # One hint per kind, since in French "it" agrees with what it stands for (une source).
    hints = {"actor": p_("actor", "refer to it from an event, or remove it"),
             "place": p_("place", "refer to it from an event, or remove it"),
             "source": p_("source", "refer to it from an event, or remove it")}
    for label, items, used in (("actor", timeline.actors, used_actors),
                               ("place", timeline.places, used_places),
                               ("source", timeline.sources, used_sources)):
        for item in items:
            if item.id.value not in used:
                yield UNUSED.at(item.id.loc, _(_UNUSED[label]).format(id=item.id.value),
                                hints[label])
