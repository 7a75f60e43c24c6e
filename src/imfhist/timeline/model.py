"""The timeline as immutable values: what the loader builds and every other module reads.

Every object keeps the `Loc` of the YAML node it came from, so that a rule can point at the
exact line and column without reading the file again.

They are named tuples rather than frozen dataclasses: a large timeline makes hundreds of
thousands of them, and a tuple is built several times faster than a frozen dataclass, whose
every field goes through object.__setattr__.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from imfhist.common.i18n import LANGUAGES, N_, _, speaking
from imfhist.common.problems import Loc

if TYPE_CHECKING:
    from imfhist.timeline.dates import EdtfDate

__all__ = ["ACTOR_KINDS", "Loc", "actor_kind"]  # Loc is defined with problems, below every layer

# The kinds of actor the format stores (docs/format.md), each with its name for people.
ACTOR_KINDS = {"person": N_("person"), "organisation": N_("organisation"),
               "programme": N_("programme")}


def actor_kind(written: str) -> str | None:
    """The kind the format stores for what someone typed: the format's own word, or its name in
    any language imfhist speaks (`personne` is `person`), in any case; None for anything else."""
    wanted = written.strip().casefold()
    for kind, name in ACTOR_KINDS.items():
        if wanted == kind:
            return kind
        for language in LANGUAGES:
            with speaking(language):
                if wanted == _(name).casefold():
                    return kind
    return None


class Text(NamedTuple):
    """A string value together with where it stands in the file."""

    value: str
    loc: Loc

    def __str__(self) -> str:
        return self.value


class Source(NamedTuple):
    id: Text
    title: str
    loc: Loc
    url: str | None = None
    publisher: str | None = None
    accessed: str | None = None
    archive: Text | None = None
    # The actor who wrote the source: its first person ("nous", "we") speaks for that actor.
    author: Text | None = None
    # Ids the source had before `imfhist rename`: links published with them still lead to it.
    former_ids: tuple[Text, ...] = ()


class Actor(NamedTuple):
    id: Text
    name: str
    kind: Text
    loc: Loc
    description: str | None = None
    # Other names the sources use for the actor ("PCPA"), so that a quote can name it so.
    aliases: tuple[Text, ...] = ()
    former_ids: tuple[Text, ...] = ()


class Place(NamedTuple):
    id: Text
    name: str
    country: Text
    loc: Loc
    former_ids: tuple[Text, ...] = ()


class Citation(NamedTuple):
    ref: Text
    quote: Text
    loc: Loc


class Relation(NamedTuple):
    """What the source says about this event's order against another event, and where it says
    it: `kind` is one of `imfhist.timeline.chronology.RELATIONS`, `event` the other event's id."""

    kind: Text
    event: Text
    citation: Citation
    loc: Loc


class DateBound(NamedTuple):
    """A `not_before` or `not_after`: a year or EDTF date the source gives, with its quote."""

    date: Text
    citation: Citation
    loc: Loc
    # Filled by the loader; None when the date text is not valid EDTF.
    edtf: EdtfDate | None = None


class Event(NamedTuple):
    id: Text
    title: str
    loc: Loc
    summary: str | None = None
    date: Text | None = None
    date_label: str | None = None
    countries: tuple[Text, ...] = ()
    regions: tuple[Text, ...] = ()
    places: tuple[Text, ...] = ()
    actors: tuple[Text, ...] = ()
    tags: tuple[Text, ...] = ()
    sources: tuple[Citation, ...] = ()
    # Filled by the loader once the date text has been parsed; None when undated or invalid.
    edtf: EdtfDate | None = None
    # Where `date_label` stands, for the rule that looks for it in the quotes.
    date_label_loc: Loc | None = None
    relations: tuple[Relation, ...] = ()
    not_before: DateBound | None = None
    not_after: DateBound | None = None
    # Ids the event had before `imfhist rename`: the published page still opens it at #old-id.
    former_ids: tuple[Text, ...] = ()
    # Where `title` and `summary` stand, for the rule that looks for their words in the quotes.
    title_loc: Loc | None = None
    summary_loc: Loc | None = None


class Timeline(NamedTuple):
    path: Path
    loc: Loc
    format: Text | None = None
    title: str | None = None
    lang: str | None = None
    description: str | None = None
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()

    def actor_by_id(self) -> dict[str, Actor]:
        return {a.id.value: a for a in self.actors}

    def place_by_id(self) -> dict[str, Place]:
        return {p.id.value: p for p in self.places}

    def source_by_id(self) -> dict[str, Source]:
        return {s.id.value: s for s in self.sources}
