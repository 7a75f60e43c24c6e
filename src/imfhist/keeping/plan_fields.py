"""Correcting an actor, a place, a source or the timeline's own fields: `imfhist edit ID --name …`
and `imfhist edit --timeline --description …`.

Each planner finds the object's mapping in the file and returns `Change` values that touch only
the values it changes: an existing value is replaced where it stands; a missing optional key is
added on a line of its own, in the object's indentation, after the keys docs/format.md puts
before it; `""` removes an optional key with its line. `MappingPlan` does this for any block
mapping, and is what imfhist.keeping.plan_relations builds on for an event's relations and bounds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from imfhist.common.i18n import N_, _
from imfhist.common.textnorm import fold_name
from imfhist.keeping.changes import Change, PlanRefused, newline_of
from imfhist.keeping.drafts import Builder
from imfhist.keeping.outline import Outline, Unsupported, value_of
from imfhist.keeping.transaction import Planner
from imfhist.keeping.writer import EVENT_KEYS, flow_list, scalar
from imfhist.timeline.model import Timeline, actor_kind

_BREAKS = "\r\n\x85\u2028\u2029"

# The order of each object's keys, as in docs/format.md: a key added goes after those before it.
KEY_ORDER = {
    "timeline": ("format", "title", "lang", "description", "sources", "actors", "places",
                 "events"),
    "sources": ("id", "title", "publisher", "url", "accessed", "archive", "author"),
    "actors": ("id", "name", "kind", "description", "aliases"),
    "places": ("id", "name", "country"),
    "events": (*EVENT_KEYS, "relations", "not_before", "not_after"),
}
# Keys an object must keep: `""` cannot remove them.
REQUIRED = {"timeline": {"format"}, "sources": {"id", "title"},
            "actors": {"id", "name", "kind"}, "places": {"id", "name", "country"},
            "events": {"id", "title", "sources"}}
# How a message names the object a key belongs to.
OWNER_NAMES = {"timeline": N_("the timeline"), "sources": N_("the source"),
               "actors": N_("the actor"), "places": N_("the place"), "events": N_("the event")}

# What an id may be written with to say which kind of object it names: `place:marseille`.
PREFIXES = {"event": "events", "actor": "actors", "place": "places", "source": "sources",
            "evenement": "events", "événement": "events", "acteur": "actors", "lieu": "places"}
KIND_ARTICLES = {"events": N_("an event"), "actors": N_("an actor"), "places": N_("a place"),
                 "sources": N_("a source")}
ALL_KINDS = ("events", "actors", "places", "sources")


def split_id(written: str) -> tuple[str, tuple[str, ...]]:
    """(the id, the kinds it may name): `place:marseille` names a place; a bare id, any kind."""
    prefix, colon, ident = written.partition(":")
    kind = PREFIXES.get(prefix.strip().casefold()) if colon else None
    if kind is None:
        return written, ALL_KINDS
    return ident.strip(), (kind,)


def locate(outline: Outline, timeline: Timeline, written: str,
           kinds: Sequence[str] = ALL_KINDS) -> tuple[str, yaml.MappingNode]:
    """(kind, node) of the one object an id names among `kinds` (narrowed by a `kind:` prefix),
    or PlanRefused (exit code 2) saying that nothing, or more than one object, has it."""
    from imfhist.common.suggest import Suggester, did_you_mean

    ident, named = split_id(written)
    kinds = tuple(k for k in kinds if k in named)
    found = [(kind, node) for kind, node in outline.find(ident) if kind in kinds]
    if len(found) > 1:
        which = {kind for kind, _node in found}
        if len(which) == 1:
            raise PlanRefused(_("the id '{id}' is used by more than one object").format(id=ident),
                              _("`imfhist validate` shows where; give them different ids"))
        shown = _(" and ").join(_(KIND_ARTICLES[k]) for k in kinds if k in which)
        first = next(k for k in kinds if k in which)
        raise PlanRefused(_("'{id}' is the id of {kinds}: say which, as in {example}").format(
            id=ident, kinds=shown, example=f"{first[:-1]}:{ident}"))
    if not found:
        known = [o.id.value for kind in kinds for o in getattr(timeline, kind)]
        hint = did_you_mean(Suggester(known)(ident))
        message = (_("no event has the id '{id}'") if kinds == ("events",)
                   else _("nothing has the id '{id}'")).format(id=ident)
        raise PlanRefused(message, hint or _("`imfhist list` shows the events and their ids"))
    return found[0]


# A language tag as `lang` holds it: `fr`, `en`, `pt-BR`.
_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*")


class MappingPlan:
    """The changes to one block mapping of the file (an object, or the timeline itself): each
    value replaced where it stands, each key added or removed a line at a time."""

    def __init__(self, outline: Outline, item: yaml.MappingNode, kind: str,
                 owner: tuple[str, int] | None = None) -> None:
        self.outline = outline
        self.text = outline.text
        self.item = item
        self.kind = kind
        self.order = KEY_ORDER[kind]
        self.newline = newline_of(self.text)
        self.indent = " " * item.start_mark.column
        self.owner = owner
        self.changes: list[Change] = []

    def change(self, start: int, end: int, text: str) -> None:
        self.changes.append(Change(start, end, text, self.owner))

    def _block_only(self, node: yaml.Node | None = None) -> None:
        node = node or self.item
        if node.flow_style:
            raise Unsupported(_("{owner} written as one flow mapping {{…}}").format(
                owner=_(OWNER_NAMES[self.kind])), node.start_mark.line + 1)

    def _own(self, key: str, value: yaml.Node) -> None:
        """Refuse to change a value written elsewhere and reached here through an alias."""
        if value.start_mark.index < self.item.start_mark.index:
            raise Unsupported(_("'{key}' given through a YAML alias").format(key=key),
                              value.start_mark.line + 1)

    def pair(self, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        return value_of(self.item, key)

    def value_span(self, value: yaml.Node) -> tuple[int, int]:
        return value.start_mark.index, self.outline.content_end(value)

    def set(self, key: str, rendered: str) -> None:
        """Give `key` this value, written on the key's line (`key: value`)."""
        pair = self.pair(key)
        if pair is None:
            self.insert(key, " " + rendered)
            return
        key_node, value = pair
        self._own(key, value)
        if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null" \
                and value.start_mark.index == value.end_mark.index:
            point = key_node.end_mark.index
            self.change(point, point, " " + rendered)
            return
        start, end = self.value_span(value)
        self.change(start, end, rendered)

    def insert(self, key: str, rest: str) -> None:
        """Add `key` with `rest` after its colon (` value`, or the lines of a block), after the
        last key that docs/format.md puts before it, in the mapping's indentation."""
        self._block_only()
        line = f"{self.indent}{key}:{rest}{self.newline}"
        order = list(self.order)
        earlier = set(order[:order.index(key)]) if key in order else set(order)
        after = None
        for key_node, value in self.item.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value in earlier:
                end = self.outline.content_end(value)
                if after is None or end > after:
                    after = end
        if after is None:
            # Nothing goes before it: before the first key.
            point = self.outline.lines.line_start(self.item.value[0][0].start_mark.index) \
                if self.item.value else self.outline.line_after(self.item.start_mark.index)
            if point == self.outline.lines.line_start(self.item.start_mark.index) and \
                    self.kind != "timeline":
                point = self.outline.line_after(self.outline.content_end(self.item))
        else:
            point = self.outline.line_after(after)
        if point > 0 and self.text[point - 1] not in _BREAKS:
            line = self.newline + line
        self.change(point, point, line)

    def delete(self, key: str) -> None:
        """Remove `key` and its value, with their lines."""
        pair = self.pair(key)
        if pair is None:
            return
        self._block_only()
        key_node, value = pair
        start = self.outline.lines.line_start(key_node.start_mark.index)
        if start == self.outline.lines.line_start(self.item.start_mark.index) and \
                self.kind != "timeline":
            raise Unsupported(_("the first key of an object being removed"),
                              key_node.start_mark.line + 1)
        end = max(self.outline.content_end(value), key_node.end_mark.index)
        self.change(start, self.outline.line_after(end), "")

    def extend(self, key: str, values: Sequence[str]) -> None:
        """Add values at the end of a list of text, in the list's own style."""
        pair = self.pair(key)
        if pair is None or (isinstance(pair[1], yaml.ScalarNode) and not pair[1].value):
            self.set(key, flow_list(values))
            return
        node = pair[1]
        self._own(key, node)
        if not isinstance(node, yaml.SequenceNode):
            raise PlanRefused(_("'{key}' of {owner} is not a list").format(
                key=key, owner=_(OWNER_NAMES[self.kind])), _("`imfhist validate` shows it"))
        if node.flow_style:
            if node.value:
                after = node.value[-1].end_mark.index
                self.change(after, after, "".join(f", {scalar(v, flow=True)}" for v in values))
            else:
                self.change(node.start_mark.index, node.end_mark.index, flow_list(values))
            return
        dash = " " * node.start_mark.column
        point = self.outline.line_after(self.outline.content_end(node.value[-1]))
        self.change(point, point, "".join(f"{dash}- {scalar(v)}{self.newline}" for v in values))

    def remove_items(self, key: str, items: Sequence[yaml.Node]) -> None:
        """Remove these items of the list `key`: the whole key when none is left."""
        pair = self.pair(key)
        if pair is None or not items:
            return
        node = pair[1]
        assert isinstance(node, yaml.SequenceNode)
        self._own(key, node)
        starts = {i.start_mark.index for i in items}
        kept = [i for i in node.value if i.start_mark.index not in starts]
        if not kept:
            self.delete(key)
            return
        if node.flow_style:
            # The items between the first and the last: the kept ones as they are written.
            first, last = node.value[0], node.value[-1]
            self.change(first.start_mark.index, last.end_mark.index, ", ".join(
                self.text[i.start_mark.index:i.end_mark.index] for i in kept))
            return
        for item in node.value:
            if item.start_mark.index in starts:
                start = self.outline.lines.line_start(item.start_mark.index)
                self.change(start, self.outline.line_after(self.outline.content_end(item)), "")


@dataclass
class ObjectEdit:
    """What to change in an actor, a place, a source or the timeline: each field by its key (None
    leaves it, "" removes an optional one), and aliases to add or remove."""

    values: dict[str, str | None] = field(default_factory=dict)
    add_aliases: list[str] = field(default_factory=list)
    remove_aliases: list[str] = field(default_factory=list)
    # What the planner left alone, to be said to the user.
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return all(v is None for v in self.values.values()) and not self.add_aliases \
            and not self.remove_aliases


# The option that sets each key, for messages.
OPTIONS = {"name": "--name", "kind": "--kind", "description": "--description",
           "country": "--country", "title": "--title", "url": "--url", "publisher": "--publisher",
           "author": "--author", "lang": "--timeline-lang"}


def plan_fields(kind: str, item: yaml.MappingNode, plan: MappingPlan, timeline: Timeline,
                edit: ObjectEdit) -> list[Change]:
    """The changes to the fields of an object of `kind` (or of the timeline), or PlanRefused
    (exit code 1) listing what is wrong with the values given."""
    builder = Builder(timeline)
    problems: list[str] = []
    edit.notes.clear()  # the planner runs again when the file changed before the lock
    for key, value in edit.values.items():
        if value is None:
            continue
        option = OPTIONS.get(key, f"--{key}")
        value = " ".join(value.split()) if key != "description" else value.strip()
        if not value:
            if key in REQUIRED[kind] or (kind != "timeline" and key in ("name", "title")):
                problems.append(_("{option}: {owner} needs one; it cannot be removed").format(
                    option=option, owner=_(OWNER_NAMES[kind])))
            else:
                plan.delete(key)
            continue
        if key == "kind":
            stored = actor_kind(value)
            if stored is None:
                problems.append(_("{option}: '{kind}' is not a kind of actor: person, "
                                  "organisation or programme").format(option=option, kind=value))
                continue
            value = stored
        elif key == "country":
            error = builder.country(value)
            if error:
                problems.append(f"{option}: {error}")
                continue
        elif key == "author":
            found, error = builder.reference("actor", value)
            if error or found is None:
                problems.append(f"{option}: {error}")
                continue
            value = found
        elif key == "lang" and not _LANGUAGE_TAG.fullmatch(value):
            problems.append(_("{option}: '{value}' is not a language code such as fr or "
                              "en").format(option=option, value=value))
            continue
        plan.set(key, scalar(value))
    if edit.add_aliases or edit.remove_aliases:
        _aliases(plan, edit, problems)
    if problems:
        raise PlanRefused(_("nothing was written: correct the options above and try again"),
                          details=tuple(problems), code=1)
    return plan.changes


def _aliases(plan: MappingPlan, edit: ObjectEdit, problems: list[str]) -> None:
    pair = plan.pair("aliases")
    node = pair[1] if pair else None
    items = [i for i in node.value if isinstance(i, yaml.ScalarNode)] \
        if isinstance(node, yaml.SequenceNode) else []
    gone = []
    for alias in edit.remove_aliases:
        matched = [i for i in items if fold_name(i.value) == fold_name(alias)]
        if not matched:
            problems.append(_("--remove-alias: this actor has no alias '{alias}'").format(
                alias=alias))
        gone += [i for i in matched if i not in gone]
    name_pair = plan.pair("name")
    name = name_pair[1].value if name_pair and isinstance(name_pair[1], yaml.ScalarNode) else ""
    kept = {fold_name(i.value) for i in items if i not in gone}
    fresh: list[str] = []
    for alias in edit.add_aliases:
        alias = " ".join(alias.split())
        key = fold_name(alias)
        if not key:
            continue
        if key in kept or key == fold_name(name or ""):
            edit.notes.append(_("--add-alias: the actor is already called '{alias}'; it is left "
                                "as it is").format(alias=alias))
            continue
        kept.add(key)
        fresh.append(alias)
    if gone:
        plan.remove_items("aliases", gone)
    if fresh:
        if gone and len(gone) == len(items):
            plan.insert("aliases", " " + flow_list(fresh))
        else:
            plan.extend("aliases", fresh)


def plan_object_fields(ident: str, kind: str, edit: ObjectEdit) -> Planner:
    """The planner of `imfhist edit ID --name …` for an actor, a place or a source."""
    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        found_kind, item = locate(outline, timeline, ident, (kind,))
        plan = MappingPlan(outline, item, found_kind, outline.owner(item))
        return plan_fields(found_kind, item, plan, timeline, edit)

    return planner


def plan_timeline_fields(edit: ObjectEdit) -> Planner:
    """The planner of `imfhist edit --timeline --title …`: the keys at the top of the file."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        root = outline.root
        if not isinstance(root, yaml.MappingNode):
            raise PlanRefused(_("the file is not a mapping of keys to values"),
                              _("`imfhist validate` shows it"))
        plan = MappingPlan(outline, root, "timeline")
        return plan_fields("timeline", root, plan, timeline, edit)

    return planner
