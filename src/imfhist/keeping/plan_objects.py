"""`imfhist edit ID`: which object the id names, whether the options given fit it, and the
planner that changes it (imfhist.keeping.plan_edit for an event's fields,
imfhist.keeping.plan_relations for its relations and bounds, imfhist.keeping.plan_fields for an
actor, a place, a source or the timeline)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from imfhist.common.i18n import N_, _
from imfhist.keeping.changes import Change, PlanRefused
from imfhist.keeping.outline import Outline
from imfhist.keeping.plan_edit import EventEdit, plan_edit
from imfhist.keeping.plan_fields import MappingPlan, ObjectEdit, locate, plan_fields
from imfhist.keeping.plan_relations import ClaimEdit, item_id, plan_claims
from imfhist.keeping.transaction import Planner
from imfhist.timeline.model import Timeline

# The options of `imfhist edit` that change each kind of object.
EVENT_OPTIONS = ("--title", "--summary", "--date", "--date-label", "--add-country",
                 "--remove-country", "--add-region", "--remove-region", "--add-place",
                 "--remove-place", "--add-actor", "--remove-actor", "--add-tag", "--remove-tag",
                 "--quote", "--source", "--add-relation", "--remove-relation", "--add-bound",
                 "--remove-bound")
APPLIES = {
    "events": EVENT_OPTIONS,
    "actors": ("--name", "--kind", "--description", "--add-alias", "--remove-alias"),
    "places": ("--name", "--country"),
    "sources": ("--title", "--url", "--publisher", "--author"),
    "timeline": ("--title", "--description", "--timeline-lang"),
}
_WHAT = {"events": N_("an event"), "actors": N_("an actor"), "places": N_("a place"),
         "sources": N_("a source"), "timeline": N_("the timeline (--timeline)")}
_IS = {"events": N_("'{id}' is an event"), "actors": N_("'{id}' is an actor"),
       "places": N_("'{id}' is a place"), "sources": N_("'{id}' is a source"),
       "timeline": N_("--timeline edits the timeline itself")}


def kinds_of(option: str) -> str:
    """The kinds of object an option applies to, in words: "an actor or a place"."""
    names = [_(_WHAT[kind]) for kind, options in APPLIES.items() if option in options]
    if len(names) == 1:
        return names[0]
    return _("{some} or {last}").format(some=", ".join(names[:-1]), last=names[-1])


def misfit(kind: str, ident: str, given: Iterable[str]) -> PlanRefused | None:
    """The refusal of the first option given that does not apply to the object, if one does not:
    "--country applies to a place; 'imf' is an actor" (exit code 2)."""
    for option in given:
        if option not in APPLIES[kind]:
            return PlanRefused(_("{option} applies to {kinds}; {what}").format(
                option=option, kinds=kinds_of(option), what=_(_IS[kind]).format(id=ident)),
                _("the options of each are listed by `imfhist edit --help`"))
    return None


@dataclass
class EditRequest:
    """Everything `imfhist edit` was given: the options named (for the check that they fit),
    and what they change on each kind of object."""

    given: list[str] = field(default_factory=list)
    event: EventEdit = field(default_factory=EventEdit)
    claims: ClaimEdit = field(default_factory=ClaimEdit)
    fields: ObjectEdit = field(default_factory=ObjectEdit)
    kind: str = ""  # what the id named, once planned

    @property
    def notes(self) -> list[str]:
        return [*self.event.notes, *self.claims.notes, *self.fields.notes]


def plan_any_edit(written: str, request: EditRequest) -> Planner:
    """The planner of `imfhist edit ID --…`: the object the id names, changed by the options that
    fit it; every problem with the values given, from any of them, said at once (exit code 1)."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        kind, item = locate(outline, timeline, written)
        ident = item_id(item)
        request.kind = kind
        refused = misfit(kind, ident, request.given)
        if refused is not None:
            raise refused
        if kind != "events":
            plan = MappingPlan(outline, item, kind, outline.owner(item))
            return plan_fields(kind, item, plan, timeline, request.fields)
        changes: list[Change] = []
        problems: list[str] = []
        parts = []
        if not request.event.is_empty:
            parts.append(lambda: plan_edit(ident, request.event)(outline, timeline))
        if not request.claims.is_empty:
            parts.append(lambda: plan_claims(outline, timeline, item, ident, request.claims))
        for part in parts:
            try:
                changes += part()
            except PlanRefused as refused:
                if not refused.details:
                    raise
                problems += refused.details
        if problems:
            raise PlanRefused(_("nothing was written: correct the options above and try again"),
                              details=tuple(problems), code=1)
        return changes

    return planner


def plan_timeline_edit(request: EditRequest) -> Planner:
    """The planner of `imfhist edit --timeline --…`."""
    from imfhist.keeping.plan_fields import plan_timeline_fields

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        refused = misfit("timeline", "", request.given)
        if refused is not None:
            raise refused
        request.kind = "timeline"
        return list(plan_timeline_fields(request.fields)(outline, timeline))

    return planner
