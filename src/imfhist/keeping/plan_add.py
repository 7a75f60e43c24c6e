"""A new event, and the places and actors it brings, planned against the file as it is when the
lock is held: what `imfhist add --yes` writes without asking anything.

`--new-place NAME=COUNTRY` and `--new-actor NAME=KIND` create what the timeline lacks; the
event can then name them (`--place NAME`), and names them anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from imfhist.common.i18n import _
from imfhist.keeping.changes import Change, PlanRefused
from imfhist.keeping.drafts import Builder, EventDraft, field_name
from imfhist.keeping.outline import Outline
from imfhist.keeping.transaction import Planner
from imfhist.keeping.writer import (
    Addition,
    fresh_ids,
    plan_addition,
    slug,
)
from imfhist.timeline.model import Timeline, actor_kind


@dataclass
class NewThings:
    """Places and actors to create, as (name, country) and (name, kind)."""

    places: list[tuple[str, str]] = field(default_factory=list)
    actors: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    added_id: str = ""

    @classmethod
    def parse(cls, places: Sequence[str], actors: Sequence[str]) -> NewThings:
        new = cls()
        for option, given, into in (("--new-place", places, new.places),
                                    ("--new-actor", actors, new.actors)):
            for value in given:
                name, equals, other = value.partition("=")
                if not equals or not name.strip() or not other.strip():
                    new.problems.append((option, _("'{value}' should be NAME=VALUE, as in "
                                                   "Oran=Algérie").format(value=value)))
                    continue
                into.append((name.strip(), other.strip()))
        for number, (name, written) in enumerate(new.actors):
            kind = actor_kind(written)
            if kind is None:
                new.problems.append(("--new-actor", _("'{kind}' is not a kind of actor: "
                                                      "person, organisation or programme")
                                     .format(kind=written)))
            else:  # stored as the format says, whatever language it was typed in
                new.actors[number] = (name, kind)
        return new

    def addition(self, builder: Builder) -> Addition:
        """The places and actors to create, made known to `builder` so that the event can
        name them; raises PlanRefused for a country that names none."""
        addition = Addition()
        for name, country in self.places:
            error = builder.country(country)
            if error:
                raise PlanRefused(f"--new-place {name}={country}: {error}", code=1)
            ident = slug(name, builder.places)
            addition.places.append({"id": ident, "name": name, "country": country})
            builder.places[ident] = name
        for name, kind in self.actors:
            ident = slug(name, builder.actors)
            addition.actors.append({"id": ident, "name": name, "kind": kind})
            builder.actors[ident] = name
        return addition

    def named_in(self, draft: EventDraft, addition: Addition) -> None:
        """Name the new places and actors in the event, unless it names them already."""
        for values, records in ((draft.places, addition.places),
                                (draft.actors, addition.actors)):
            for record in records:
                if record["id"] not in values and record["name"] not in values:
                    values.append(record["id"])


def plan_new_event(draft: EventDraft, new: NewThings, *,
                   allow_duplicate: bool = False) -> Planner:
    """The planner of `imfhist add --yes`: check the draft against the file under the lock."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        builder = Builder(timeline, allow_duplicate=allow_duplicate)
        addition = new.addition(builder)
        new.named_in(draft, addition)
        record, problems = builder.event(draft)
        if record is None:
            raise PlanRefused(_("nothing was written: correct the options above and try again"),
                              details=tuple(_("{field}: {message}").format(
                                  field=field_name(where), message=message) if where else message
                                  for where, message in problems), code=1)
        addition.events.append(record)
        if not draft.id.strip():
            addition.made_ids.add(record["id"])
        fresh_ids(addition, timeline)
        new.added_id = record["id"]
        return plan_addition(outline, addition)

    return planner


def plan_addition_of(addition: Addition,
                     aliases: dict[str, list[str]] | None = None) -> Planner:
    """The planner that adds what the dialogue gathered, to the file as it is under the lock,
    with the `aliases` it gave existing actors (by actor id; the outline must be built wanting
    those ids)."""
    from imfhist.keeping.plan_fields import ObjectEdit, plan_object_fields

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        fresh_ids(addition, timeline)
        changes = plan_addition(outline, addition)
        for actor_id, words in (aliases or {}).items():
            changes += plan_object_fields(actor_id, "actors", ObjectEdit(add_aliases=words))(
                outline, timeline)
        return changes

    return planner


def added_text(diff: str) -> str:
    """The lines a diff adds, as they will be in the file: the whole of them, uncut."""
    return "\n".join(line[1:] for line in diff.splitlines()
                     if line.startswith("+") and not line.startswith("+++")).strip("\n")
