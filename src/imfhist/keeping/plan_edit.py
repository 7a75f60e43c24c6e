"""Correcting what a timeline holds: edit an event's fields, remove an object, rename an id.

Each is a planner (see imfhist.keeping.transaction): it finds what it changes in the file's nodes
and returns `Change` values that touch only those values, so that a corrected title rewrites the
title and nothing else. Names are checked as `imfhist add` checks them
(imfhist.keeping.drafts.Builder); what the change would break is refused before anything is
written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import yaml

from imfhist.common.i18n import N_, _, n_, p_
from imfhist.common.suggest import Suggester, did_you_mean
from imfhist.keeping.changes import Change, PlanRefused, newline_of
from imfhist.keeping.drafts import Builder
from imfhist.keeping.outline import Anchor, Outline, Unsupported, User, value_of
from imfhist.keeping.transaction import Planner
from imfhist.keeping.writer import EVENT_KEYS, flow_list, render_flow, scalar
from imfhist.timeline.model import Text, Timeline

LIST_FIELDS = ("countries", "regions", "places", "actors", "tags")
SINGULAR = {"countries": "country", "regions": "region", "places": "place", "actors": "actor",
            "tags": "tag", "sources": "source", "events": "event"}
# The list each kind of object lives in, and the event field that names it.
KINDS = {"events": "relations", "actors": "actors", "places": "places", "sources": "sources"}
KIND_NAMES = {"events": N_("the event"), "actors": N_("the actor"), "places": N_("the place"),
              "sources": N_("the source")}


@dataclass
class EventEdit:
    """What to change in one event; None leaves a field as it is, "" removes it."""

    title: str | None = None
    summary: str | None = None
    date: str | None = None
    date_label: str | None = None
    add: dict[str, list[str]] = field(default_factory=dict)
    remove: dict[str, list[str]] = field(default_factory=dict)
    quote: str | None = None
    source: str | None = None
    # What the planner left alone, to be said to the user: values to add that the event has.
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return (all(v is None for v in (self.title, self.summary, self.date, self.date_label,
                                         self.quote, self.source))
                and not any(self.add.values()) and not any(self.remove.values()))


def _kind_name(kind: str) -> str:
    return _(KIND_NAMES[kind])


def find_object(outline: Outline, timeline: Timeline, ident: str,
                kinds: Sequence[str] = tuple(KINDS)) -> tuple[str, yaml.MappingNode]:
    """The one object with this id, or PlanRefused naming the ids it may have meant."""
    found = [(kind, node) for kind, node in outline.find(ident) if kind in kinds]
    if len(found) > 1:
        raise PlanRefused(_("the id '{id}' is used by more than one object").format(id=ident),
                          _("`imfhist validate` shows where; give them different ids"))
    if not found:
        known = [o.id.value for kind in kinds for o in getattr(timeline, kind)]
        hint = did_you_mean(Suggester(known)(ident))
        message = (_("no event has the id '{id}'") if tuple(kinds) == ("events",)
                   else _("nothing has the id '{id}'")).format(id=ident)
        raise PlanRefused(message, hint or _("`imfhist list` shows the events and their ids"))
    return found[0]


# An alias written as a key's value: `title: *t`.
_ALIAS_AFTER_KEY = re.compile(r"[ \t]*:[ \t]*(\*[^\s,\[\]{}]+)")


def _shown_users(users: Sequence[User]) -> str:
    return ", ".join(f"'{ident}' ({key})" for _kind, ident, key in users)


def _shared(anchor: Anchor, user: User, *, alias: bool) -> PlanRefused:
    """The refusal of a change to a value that other places share through a YAML anchor."""
    _kind, ident, key = user
    others = anchor.others(user)
    return PlanRefused(
        _("'{field}' of event '{id}' is shared with {others} through {alias} (line {line}): "
          "nothing was written").format(
              field=key, id=ident, line=anchor.line,
              alias=(_("the YAML alias *{name}") if alias else _("the YAML anchor &{name}"))
              .format(name=anchor.name),
              others=_shown_users(others) if others else _("another part of the file")),
        _("to change it for one event only, write the value out in place of its *{name}; to "
          "change it for all, edit the line where &{name} is written").format(name=anchor.name),
        code=1)


class _EventPlan:
    """The changes to one event's mapping node."""

    def __init__(self, outline: Outline, item: yaml.MappingNode, ident: str) -> None:
        self.outline = outline
        self.text = outline.text
        self.item = item
        self.ident = ident
        self.newline = newline_of(self.text)
        self.indent = " " * item.start_mark.column
        self.changes: list[Change] = []
        self.owner = outline.owner(item)

    def change(self, start: int, end: int, text: str) -> None:
        self.changes.append(Change(start, end, text, self.owner))

    def _value_end(self, node: yaml.Node) -> int:
        return self.outline.content_end(node)

    def _block_only(self) -> None:
        """Keys are added and removed a line at a time: not in an event written `{…}`."""
        if self.item.flow_style:
            raise Unsupported(_("an event written as one flow mapping {…}"),
                              self.item.start_mark.line + 1)

    def _user(self, key: str) -> User:
        return ("events", self.ident, key)

    def _through_alias(self, key: str, node: yaml.Node) -> Anchor | None:
        """The anchor of `node` when this event's `key` reaches it through an alias (written
        before the event, or in another of its fields)."""
        anchor = self.outline.anchor_of(node) \
            if node.start_mark.index < self.item.start_mark.index else None
        found = self.outline.shared(node, self._user(key))
        if found is not None and found.writer != self._user(key):
            return found
        return anchor

    def mine(self, key: str, *nodes: yaml.Node) -> None:
        """Refuse to change nodes that this event shares with other places through an anchor."""
        for node in nodes:
            anchor = self._through_alias(key, node)
            if anchor is not None:
                raise _shared(anchor, self._user(key), alias=True)
            anchor = self.outline.shared(node, self._user(key))
            if anchor is not None:
                raise _shared(anchor, self._user(key), alias=False)

    def replace(self, key: str, key_node: yaml.Node, value: yaml.Node, rendered: str) -> None:
        """Write `rendered` in place of a value. A value reached through an alias (`title: *t`)
        is replaced where the alias is written: this event gets its own, the others keep theirs."""
        if self._through_alias(key, value) is not None:
            found = _ALIAS_AFTER_KEY.match(self.text, key_node.end_mark.index)
            if found is None:
                self.mine(key, value)  # refused: the alias cannot be found
            else:
                self.change(found.start(1), found.end(1), rendered)
                return
        self.mine(key, value)
        start = value.start_mark.index
        self.change(start, self._value_end(value), rendered)

    def set(self, key: str, rendered: str) -> None:
        """Give `key` this value (YAML text), adding the key where docs/format.md puts it."""
        pair = value_of(self.item, key)
        if pair is not None:
            key_node, value = pair
            if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null" \
                    and value.start_mark.index == value.end_mark.index:
                point = key_node.end_mark.index
                self.change(point, point, " " + rendered)
            else:
                self.replace(key, key_node, value, rendered)
            return
        self._block_only()
        line = f"{self.indent}{key}: {rendered}{self.newline}"
        order = list(EVENT_KEYS)
        later = order[order.index(key) + 1:] if key in order else []
        first_line = self.outline.lines.line_start(self.item.start_mark.index)
        for key_node, _value in self.item.value:
            if key_node.value in later:
                start = self.outline.lines.line_start(key_node.start_mark.index)
                if start != first_line:
                    self.change(start, start, line)
                    return
        point = self.outline.line_after(self.outline.content_end(self.item))
        if point > 0 and self.text[point - 1] not in "\r\n\x85\u2028\u2029":
            line = self.newline + line
        self.change(point, point, line)

    def delete(self, key: str) -> None:
        pair = value_of(self.item, key)
        if pair is None:
            return
        self._block_only()
        key_node, value = pair
        start = self.outline.lines.line_start(key_node.start_mark.index)
        if start == self.outline.lines.line_start(self.item.start_mark.index):
            raise Unsupported(_("the first key of an event being removed"),
                              key_node.start_mark.line + 1)
        end = self._value_end(value)
        if value.start_mark.index < key_node.start_mark.index:  # `key: *alias`: its own line
            found = _ALIAS_AFTER_KEY.match(self.text, key_node.end_mark.index)
            if found is None:
                self.mine(key, value)
            end = found.end(1)  # type: ignore[union-attr]
        end = self.outline.line_after(end)
        for anchor, _outside in self.outline.anchors_within(
                start, end, lambda user: user == self._user(key)):
            raise _shared(anchor, self._user(key), alias=False)
        self.change(start, end, "")

    def extend(self, key: str, values: list[str]) -> None:
        """Add values at the end of a list, in the list's own style."""
        pair = value_of(self.item, key)
        if pair is None or (isinstance(pair[1], yaml.ScalarNode) and not pair[1].value):
            self.set(key, flow_list(values))
            return
        _key_node, node = pair
        if not isinstance(node, yaml.SequenceNode):
            raise PlanRefused(_("'{key}' of this event is not a list").format(key=key),
                              _("`imfhist validate` shows it"))
        self.mine(key, node)
        if node.flow_style:
            if node.value:
                after = node.value[-1].end_mark.index
                rendered = "".join(f", {scalar(v, flow=True)}" for v in values)
                self.change(after, after, rendered)
            else:
                self.change(node.start_mark.index, node.end_mark.index,
                                           flow_list(values))
            return
        self.mine(key, node.value[-1])
        dash = " " * node.start_mark.column
        point = self.outline.line_after(self.outline.content_end(node.value[-1]))
        block = "".join(f"{dash}- {scalar(v)}{self.newline}" for v in values)
        self.change(point, point, block)

    def drop(self, key: str, ids: set[str], same: object = None) -> list[str]:
        """Remove the items of a list that are in `ids` (or that `same` says are); returns what
        was not found."""
        pair = value_of(self.item, key)
        matches = same or (lambda value: value in ids)
        if pair is None or not isinstance(pair[1], yaml.SequenceNode):
            return sorted(ids)
        node = pair[1]
        items = [i for i in node.value if isinstance(i, yaml.ScalarNode)]
        gone = [i for i in items if matches(i.value)]  # type: ignore[operator]
        missing = [v for v in ids if not any(matches(i.value) and (i.value == v or same)
                                             for i in gone)]  # type: ignore[operator]
        if not gone:
            return sorted(ids)
        if len(gone) == len(node.value):
            self.delete(key)
            return missing
        self.mine(key, node, *node.value)
        for item in gone:
            position = node.value.index(item)
            if node.flow_style:
                if position + 1 < len(node.value):
                    end = node.value[position + 1].start_mark.index
                    self.change(item.start_mark.index, end, "")
                else:
                    start = node.value[position - 1].end_mark.index
                    self.change(start, item.end_mark.index, "")
            else:
                start = self.outline.lines.line_start(item.start_mark.index)
                self.change(start, self.outline.line_after(
                    self.outline.content_end(item)), "")
        return missing

    def cite(self, source: str, quote: str | None, only_source: bool) -> None:
        """Replace the quote of the citation of `source`, or add a citation."""
        pair = value_of(self.item, "sources")
        node = pair[1] if pair else None
        citations = [c for c in node.value if isinstance(c, yaml.MappingNode)] \
            if isinstance(node, yaml.SequenceNode) else []
        if quote is None:
            raise PlanRefused(_("--source needs --quote: the words of that source that state "
                                "the event"))
        target = None
        for citation in citations:
            ref = value_of(citation, "ref")
            if ref and ref[1].value == source:
                target = citation
        if target is None and only_source and len(citations) == 1:
            target = citations[0]
        if target is not None:
            found = value_of(target, "quote")
            if found is None:
                raise PlanRefused(_("this event's citation has no quote"),
                                  _("`imfhist validate` shows it"))
            self.mine("sources", node, target)  # type: ignore[arg-type]
            self.replace("sources", found[0], found[1], scalar(quote))
            return
        if not isinstance(node, yaml.SequenceNode):
            raise PlanRefused(_("this event's 'sources' is not a list"),
                              _("`imfhist validate` shows it"))
        self.mine("sources", node)
        record = {"ref": source, "quote": quote}
        if not node.flow_style:
            self._block_only()
        if node.flow_style:
            after = node.value[-1].end_mark.index if node.value else node.start_mark.index + 1
            separator = ", " if node.value else ""
            self.change(after, after,
                                       separator + render_flow(record, ("ref", "quote")))
            return
        dash = " " * node.start_mark.column
        keys = " " * (citations[-1].start_mark.column if citations else node.start_mark.column + 2)
        point = self.outline.line_after(self.outline.content_end(node.value[-1]))
        first = dash + "-" + " " * max(1, len(keys) - len(dash) - 1)
        block = (f"{first}ref: {scalar(source)}{self.newline}"
                 f"{keys}quote: {scalar(quote)}{self.newline}")
        self.change(point, point, block)


def plan_edit(ident: str, edit: EventEdit) -> Planner:
    """The planner of `imfhist edit ID --title …`."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        _kind, item = find_object(outline, timeline, ident, ("events",))
        builder = Builder(timeline)
        plan = _EventPlan(outline, item, ident)
        problems: list[str] = []
        edit.notes.clear()  # the planner runs again when the file changed before the lock
        event = next((e for e in timeline.events if e.id.value == ident), None)
        if edit.title is not None:
            if not edit.title.strip():
                problems.append(_("--title: a title is needed"))
            else:
                plan.set("title", scalar(edit.title.strip()))
        for key, value in (("summary", edit.summary), ("date_label", edit.date_label)):
            if value is None:
                continue
            if value.strip():
                plan.set(key, scalar(value.strip()))
            else:
                plan.delete(key)
        if edit.date is not None:
            date, label, error = builder.date(edit.date)
            if error:
                problems.append(f"--date: {error}")
            elif date is None:
                plan.delete("date")
            else:
                plan.set("date", scalar(date))
                if label and edit.date_label is None:
                    plan.set("date_label", scalar(label))
        for key in LIST_FIELDS:
            added, removed = edit.add.get(key, []), edit.remove.get(key, [])
            if not added and not removed:
                continue
            resolved_add, resolved_remove = [], set()
            for value in added:
                resolved = _resolve(builder, key, value, problems, f"--add-{SINGULAR[key]}")
                if resolved:
                    resolved_add.append(resolved)
            same = None
            if key == "countries":
                same = _same_country(removed)
                resolved_remove = set(removed)
            else:
                for value in removed:
                    resolved = (_resolve(builder, key, value, problems, f"--remove-{SINGULAR[key]}")
                                if key in ("places", "actors") else value)
                    if resolved:
                        resolved_remove.add(resolved)
            if resolved_remove:
                missing = plan.drop(key, resolved_remove, same)
                for value in missing:
                    problems.append(_("--remove-{field}: this event has no {field} '{value}'")
                                    .format(field=SINGULAR[key], value=value))
            resolved_add = _not_there(key, resolved_add, getattr(event, key) if event else (),
                                      resolved_remove, same, edit.notes)
            if resolved_add:
                plan.extend(key, resolved_add)
        if edit.quote is not None or edit.source is not None:
            sources = builder.sources
            source = edit.source or (next(iter(sources)) if len(sources) == 1 else None)
            if source is None and event is not None:
                refs = {c.ref.value for c in event.sources}
                source = next(iter(refs)) if len(refs) == 1 else None
            if source is None:
                problems.append(_("--quote: say which source it is from with --source"))
            elif source not in sources:
                hint = did_you_mean(Suggester(sources)(source))
                message = _("no source has the id '{id}'").format(id=source)
                problems.append(f"--source: {message}" + (f" ({hint})" if hint else ""))
            else:
                quote = " ".join(edit.quote.split()) if edit.quote is not None else None
                error = builder.quote(source, quote) if quote else None
                if quote is not None and not quote:
                    problems.append(_("--quote: a quote from the source is needed"))
                elif error:
                    problems.append(f"--quote: {error}")
                else:
                    plan.cite(source, quote, edit.source is None)
        if problems:
            raise PlanRefused(_("nothing was written: correct the options above and try again"),
                              details=tuple(problems))
        return plan.changes

    return planner


def _not_there(key: str, added: list[str], present: Sequence[Text], removed: set[str],
               same: Callable[[str], bool] | None, notes: list[str]) -> list[str]:
    """The values of `added` that the event does not have yet (by the `repeated-value` rule's
    likeness: a country by name or code, a tag or region in any case), each once; a note in
    `notes` for each value left out. A value also removed by this edit counts as absent."""
    from imfhist.checking.rules.lists import list_keys

    key_of = list_keys(key == "countries")[key]
    kept = [v.value for v in present
            if not (v.value in removed or (same is not None and same(v.value)))]
    seen = {key_of(value) for value in kept}
    fresh = []
    for value in added:
        if key_of(value) in {key_of(v) for v in fresh}:
            notes.append(_("--add-{field}: '{value}' is given twice; it is added once").format(
                field=SINGULAR[key], value=value))
            continue
        if key_of(value) in seen:
            notes.append(_("--add-{field}: the event already has {field} '{value}'; it is left "
                           "as it is").format(field=SINGULAR[key], value=value))
            continue
        seen.add(key_of(value))
        fresh.append(value)
    return fresh


def _resolve(builder: Builder, key: str, value: str, problems: list[str],
             option: str) -> str | None:
    if key == "countries":
        error = builder.country(value)
        if error:
            problems.append(f"{option}: {error}")
            return None
        return value
    if key in ("places", "actors"):
        found, error = builder.reference(key[:-1], value)
        if error:
            problems.append(f"{option}: {error}")
        return found
    return value.strip() or None


def _same_country(written: Sequence[str]):  # type: ignore[no-untyped-def]
    """Whether a country in the file is one of those written (by code, any name or case)."""
    from imfhist.timeline.places import countries

    index = countries()
    codes = {index.resolve(w) for w in written} - {None}

    def same(value: str) -> bool:
        return value in written or index.resolve(value) in codes

    return same


def _references(outline: Outline, kind: str, ident: str) -> list:  # type: ignore[type-arg]
    field_name = KINDS[kind]
    return [r for r in outline.references.get(ident, []) if r.kind == field_name]


def plan_remove(ident: str, left: list[tuple[str, str]] | None = None) -> Planner:
    """The planner of `imfhist remove ID`: an event, actor, place or source that nothing names.
    When an event goes, `left` gets the (kind, id) of the actors, places and sources that only
    it named: they stay in the file, unused, for the user to remove or refer to again."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        kind, item = find_object(outline, timeline, ident)
        if left is not None:
            left.clear()
            if kind == "events":
                left.extend(_named_only_by(timeline, ident))
        references = _references(outline, kind, ident)
        if references:
            shown = str(timeline.loc.path)
            # "it" agrees in French with what it stands for: une source, un acteur, un lieu
            names_it = (p_("source", "{path}:{line}:{column}: event '{event}' names it in {field}")
                        if kind == "sources" else
                        _("{path}:{line}:{column}: event '{event}' names it in {field}"))
            details = tuple(
                (names_it if r.holder == "events" else
                 _("{path}:{line}:{column}: source '{event}' names it as its author")).format(
                    path=shown, line=r.node.start_mark.line + 1,
                    column=r.node.start_mark.column + 1, event=r.event, field=r.kind)
                for r in references)
            raise PlanRefused(
                n_("{count} event still names {kind} '{id}': nothing was removed",
                   "{count} events still name {kind} '{id}': nothing was removed",
                   len(references)).format(kind=_kind_name(kind), id=ident,
                                           count=len(references)),
                _("remove the relations that name it from them first, or rename it")
                if kind == "events" else
                (p_("source", "remove it from them first (imfhist edit EVENT "
                    "--remove-{field} {id}), or rename it") if kind == "sources" else
                 _("remove it from them first (imfhist edit EVENT --remove-{field} {id}), or "
                   "rename it")).format(field=SINGULAR[kind], id=ident), details, code=1)
        removal = _remove_item(outline, kind, item)
        for anchor, outside in outline.anchors_within(
                removal.start, removal.end, lambda user: user[:2] == (kind, ident)):
            raise PlanRefused(
                _("{kind} '{id}' holds the YAML anchor &{name} (line {line}) that {others} "
                  "use: nothing was removed").format(
                      kind=_kind_name(kind), id=ident, name=anchor.name, line=anchor.line,
                      others=_shown_users(outside)),
                _("write the value out in place of each *{name} first").format(
                    name=anchor.name), code=1)
        return [removal]

    return planner


def _named_only_by(timeline: Timeline, ident: str) -> list[tuple[str, str]]:
    """The actors, places and sources that event `ident` names and no other event does."""
    named: dict[str, dict[str, None]] = {"actors": {}, "places": {}, "sources": {}}
    others: set[tuple[str, str]] = set()
    for event in timeline.events:
        refs = [("actors", r.value) for r in event.actors]
        refs += [("places", r.value) for r in event.places]
        refs += [("sources", c.ref.value) for c in event.sources]
        if event.id.value == ident:
            for kind, value in refs:
                named[kind][value] = None
        else:
            others.update(refs)
    known = {"actors": timeline.actor_by_id(), "places": timeline.place_by_id(),
             "sources": timeline.source_by_id()}
    return [(kind, value) for kind, values in named.items() for value in values
            if (kind, value) not in others and value in known[kind]]


def _remove_item(outline: Outline, kind: str, item: yaml.Node) -> Change:
    info = outline.lists[kind]
    sequence = info.value
    assert isinstance(sequence, yaml.SequenceNode)
    if sequence.flow_style:
        # The `, {…}` after the one before it, or the `{…}, ` before the next.
        before, after = outline.siblings.get(id(item), (None, None))
        if before is not None:
            return Change(before.end_mark.index, item.end_mark.index, "")
        if after is not None:
            return Change(item.start_mark.index, after.start_mark.index, "")
        return Change(item.start_mark.index, item.end_mark.index, "")
    lines = outline.lines
    start = lines.line_start(item.start_mark.index)
    owner = outline.owner(item)
    end = outline.line_after(outline.content_end(item))
    # A blank line that separated it from the one before goes with it.
    text = outline.text
    while start > 0:
        before = lines.line_start(start - 1)
        if text[before:start].strip(" \t\r\n"):
            break
        start = before
        if before == 0 or text[lines.line_start(before - 1):before].strip(" \t\r\n"):
            break
    return Change(start, end, "", owner)


def plan_rename(old: str, new: str, notes: list[str] | None = None) -> Planner:
    """The planner of `imfhist rename OLD NEW`: the id and every reference to it. A reference
    that several events share through a YAML alias is written once, and changed once: `notes`
    gets a line naming the events that share it."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        if not new.strip() or new != new.strip():
            raise PlanRefused(_("the new id is empty or has spaces around it"))
        kind, item = find_object(outline, timeline, old)
        taken = {o.id.value for o in getattr(timeline, kind)}
        if new in taken:
            raise PlanRefused(_("{kind} '{id}' already exists").format(
                kind=_kind_name(kind), id=new), _("choose another id"), code=1)
        pair = value_of(item, "id")
        assert pair is not None
        if notes is not None:
            notes.clear()
        owned: dict[int, tuple[yaml.Node, tuple[str, int] | None]] = {
            pair[1].start_mark.index: (pair[1], outline.owner(item))}
        sharing: dict[int, list[str]] = {}
        for reference in _references(outline, kind, old):
            at = reference.node.start_mark.index
            owned.setdefault(at, (reference.node, (reference.holder, reference.index)))
            sharing.setdefault(at, []).append(reference.event)
        for at, events in sharing.items():
            if len(set(events)) > 1 and notes is not None:
                notes.append(_("events {events} share the reference on line {line} through a "
                               "YAML alias: it was changed once, for all of them").format(
                    events=", ".join(f"'{e}'" for e in dict.fromkeys(events)),
                    line=owned[at][0].start_mark.line + 1))
        changes = [Change(_content_start(outline.text, n), n.end_mark.index,
                          scalar(new, flow=True), owner) for n, owner in owned.values()]
        return changes + _former_id(outline, item, old, new)

    return planner


def _former_id(outline: Outline, item: yaml.Node, old: str, new: str) -> list[Change]:
    """Keep `old` in the object's `former_ids`, so that what was published with it (a link to
    the page's `#old`) still finds the object; renaming back takes the id out of the list."""
    if not isinstance(item, yaml.MappingNode):
        return []
    plan = _EventPlan(outline, item, old)
    pair = value_of(item, "former_ids")
    if pair is not None and isinstance(pair[1], yaml.SequenceNode):
        for node in pair[1].value:
            if isinstance(node, yaml.ScalarNode) and node.value == new:
                # Back to a former id: the list keeps the id it had, in its place.
                plan.replace("former_ids", pair[0], node, scalar(old, flow=pair[1].flow_style))
                return plan.changes
    plan.extend("former_ids", [old])
    return plan.changes


# The properties written before a node's value: a tag, an anchor (`&x foo`).
_PROPERTIES = re.compile(r"(?:[&!][^\s,\[\]{}]*[ \t]+)*")


def _content_start(text: str, node: yaml.Node) -> int:
    """Where a scalar's value starts, after its anchor and tag: a renamed id keeps its anchor,
    and the aliases of it follow."""
    return _PROPERTIES.match(text, node.start_mark.index).end()  # type: ignore[union-attr]
