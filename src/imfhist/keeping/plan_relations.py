"""An event's relations and bounds, changed from the command line:
`imfhist edit EVENT --add-relation during:OTHER --quote …`, `--remove-relation`, `--add-bound
not_before:2004`, `--remove-bound`, and `imfhist remove EVENT --with-relations`.

Each relation and bound is a claim with its quote, checked against the source's archive as any
citation; the whole new timeline is then checked by the transaction, so that a relation that
makes a circle or contradicts a date is refused with the rule's own message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from imfhist.common.i18n import _, n_
from imfhist.common.suggest import Suggester, did_you_mean
from imfhist.keeping.changes import Change, PlanRefused
from imfhist.keeping.drafts import Builder, parse_relation
from imfhist.keeping.outline import Outline, value_of
from imfhist.keeping.plan_edit import _named_only_by, _references, _remove_item, plan_remove
from imfhist.keeping.plan_fields import MappingPlan, locate
from imfhist.keeping.transaction import Planner
from imfhist.keeping.writer import scalar
from imfhist.timeline.chronology import RELATIONS
from imfhist.timeline.dates import EdtfError, parse_edtf
from imfhist.timeline.model import Event, Timeline
from imfhist.timeline.wordings import from_wording

BOUND_KEYS = ("not_before", "not_after")


def _word(written: str) -> str:
    return written.strip().casefold().replace("-", "_").replace(" ", "_")


def parse_bound(written: str) -> tuple[str, str] | str:
    """(not_before or not_after, EDTF date) for `not_before:DATE`, the date in EDTF or words
    (`2019`, `mai 2019`), or what is wrong with it."""
    key, colon, date = written.partition(":")
    key = _word(key)
    if not colon or key not in BOUND_KEYS or not date.strip():
        return _("'{value}' should be not_before:DATE or not_after:DATE, as in "
                 "not_before:2004").format(value=written)
    try:
        edtf, _label = from_wording(date)
        parsed = parse_edtf(edtf)
    except EdtfError as error:
        return f"{key}: {error}"
    if parsed.is_interval:
        return _("{key} is one date, not an interval ({date})").format(key=key, date=edtf)
    return key, edtf


@dataclass
class ClaimEdit:
    """Relations and bounds to add to an event or to take from it, as the options give them."""

    add_relations: list[str] = field(default_factory=list)
    remove_relations: list[str] = field(default_factory=list)
    add_bounds: list[str] = field(default_factory=list)
    remove_bounds: list[str] = field(default_factory=list)
    source: str | None = None
    quote: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.add_relations or self.remove_relations or self.add_bounds
                    or self.remove_bounds)

    @property
    def adds(self) -> bool:
        return bool(self.add_relations or self.add_bounds)


def citation_for(builder: Builder, event: Event | None, source: str | None, quote: str | None,
                 option: str, problems: list[str]) -> tuple[str, str] | None:
    """(source, quote) of a claim: the source named, or the timeline's only one, or the one the
    event cites; the quote checked against its archive. None, with problems said, otherwise."""
    if quote is None or not quote.strip():
        problems.append(_("{option} needs --quote: the words of the source that state "
                          "it").format(option=option))
        return None
    sources = builder.sources
    chosen = source
    if chosen is None and len(sources) == 1:
        chosen = next(iter(sources))
    if chosen is None and event is not None:
        refs = {c.ref.value for c in event.sources}
        chosen = next(iter(refs)) if len(refs) == 1 else None
    if chosen is None:
        problems.append(_("{option}: say which source the quote is from with --source").format(
            option=option))
        return None
    if chosen not in sources:
        hint = did_you_mean(Suggester(sources)(chosen))
        message = _("no source has the id '{id}'").format(id=chosen)
        problems.append(f"--source: {message}" + (f" ({hint})" if hint else ""))
        return None
    quote = " ".join(quote.split())
    error = builder.quote(chosen, quote)
    if error:
        problems.append(f"--quote: {error}")
        return None
    return chosen, quote


def _relations_of(plan: MappingPlan) -> tuple[yaml.Node | None, list[tuple[str, str, yaml.Node]]]:
    """The event's `relations` node and, for each relation in it, (kind, other, node)."""
    pair = plan.pair("relations")
    node = pair[1] if pair else None
    found = []
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            for key, value in item.value:
                if isinstance(key, yaml.ScalarNode) and key.value in RELATIONS and \
                        isinstance(value, yaml.ScalarNode):
                    found.append((key.value, value.value, item))
    return node, found


def _relation_lines(plan: MappingPlan, node: yaml.Node | None,
                    records: Sequence[tuple[str, str, str, str]]) -> tuple[str, str]:
    """The text of new relation items in the list's style, and the indentation of its dashes."""
    newline = plan.newline
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        dash = " " * node.start_mark.column
        keys = " " * max(node.value[0].start_mark.column, node.start_mark.column + 2)
    else:
        sources = plan.pair("sources")
        offset = 2
        if sources and isinstance(sources[1], yaml.SequenceNode) and \
                not sources[1].flow_style and sources[1].value:
            offset = max(0, sources[1].start_mark.column - plan.item.start_mark.column)
        dash = plan.indent + " " * offset
        keys = dash + "  "
    first = dash + "-" + " " * max(1, len(keys) - len(dash) - 1)
    text = "".join(f"{first}{kind}: {scalar(other)}{newline}"
                   f"{keys}ref: {scalar(source)}{newline}"
                   f"{keys}quote: {scalar(quote)}{newline}"
                   for kind, other, source, quote in records)
    return text, dash


def plan_claims(outline: Outline, timeline: Timeline, item: yaml.MappingNode, ident: str,
                edit: ClaimEdit) -> list[Change]:
    """The changes to an event's relations and bounds, or PlanRefused (exit code 1) listing what
    is wrong with the options."""
    plan = MappingPlan(outline, item, "events", outline.owner(item))
    builder = Builder(timeline)
    event = next((e for e in timeline.events if e.id.value == ident), None)
    events = [e.id.value for e in timeline.events]
    problems: list[str] = []
    edit.notes.clear()  # the planner runs again when the file changed before the lock
    node, present = _relations_of(plan)
    gone: list[yaml.Node] = []
    for written in edit.remove_relations:
        parsed = parse_relation(written)
        if isinstance(parsed, str):
            problems.append(f"--remove-relation: {parsed}")
            continue
        matched = [n for kind, other, n in present if (kind, other) == parsed]
        if not matched:
            listed = ", ".join(f"{kind}:{other}" for kind, other, _n in present)
            problems.append(_("--remove-relation: this event has no relation '{relation}'")
                            .format(relation=f"{parsed[0]}:{parsed[1]}")
                            + (" (" + _("it has {relations}").format(relations=listed) + ")"
                               if listed else ""))
        gone += [n for n in matched if n not in gone]
    kept = {(kind, other) for kind, other, n in present if n not in gone}
    records: list[tuple[str, str, str, str]] = []
    for written in edit.add_relations:
        parsed = parse_relation(written)
        if isinstance(parsed, str):
            problems.append(f"--add-relation: {parsed}")
            continue
        kind, other = parsed
        if other == ident:
            problems.append(_("--add-relation: an event cannot be related to itself"))
            continue
        if other not in events:
            hint = did_you_mean(Suggester(events)(other))
            message = _("no event has the id '{id}'").format(id=other)
            problems.append("--add-relation: " + message + (f" ({hint})" if hint else ""))
            continue
        if (kind, other) in kept:
            edit.notes.append(_("--add-relation: the event already has '{relation}'; it is left "
                                "as it is").format(relation=f"{kind}:{other}"))
            continue
        cited = citation_for(builder, event, edit.source, edit.quote, "--add-relation",
                             problems)
        if cited is None:
            continue
        kept.add((kind, other))
        records.append((kind, other, *cited))
    bounds: dict[str, tuple[str, str, str]] = {}
    for written in edit.add_bounds:
        parsed = parse_bound(written)
        if isinstance(parsed, str):
            problems.append(f"--add-bound: {parsed}")
            continue
        key, date = parsed
        cited = citation_for(builder, event, edit.source, edit.quote, "--add-bound", problems)
        if cited is not None:
            bounds[key] = (date, *cited)
    removed_bounds = []
    for written in edit.remove_bounds:
        key = _word(written)
        if key not in BOUND_KEYS:
            problems.append(_("--remove-bound: '{value}' is neither not_before nor "
                              "not_after").format(value=written))
        elif plan.pair(key) is None:
            problems.append(_("--remove-bound: this event has no {key}").format(key=key))
        elif key not in bounds:
            removed_bounds.append(key)
    if problems:
        raise PlanRefused(_("nothing was written: correct the options above and try again"),
                          details=tuple(problems), code=1)
    if gone:
        plan.remove_items("relations", gone)
    if records:
        all_gone = isinstance(node, yaml.SequenceNode) and len(gone) == len(node.value)
        if node is None or all_gone or not isinstance(node, yaml.SequenceNode):
            text, _dash = _relation_lines(plan, None, records)
            if node is not None and not all_gone:
                plan.delete("relations")  # `relations:` with nothing: written again
            plan.insert("relations", plan.newline + text[:-len(plan.newline)])
        elif isinstance(node, yaml.SequenceNode) and node.flow_style:
            addition = ", ".join("{" + f"{kind}: {scalar(other, flow=True)}, ref: "
                                 f"{scalar(source, flow=True)}, quote: "
                                 f"{scalar(quote, flow=True)}" + "}"
                                 for kind, other, source, quote in records)
            if node.value:
                after = node.value[-1].end_mark.index
                plan.change(after, after, ", " + addition)
            else:
                plan.change(node.start_mark.index, node.end_mark.index, f"[{addition}]")
        else:
            assert isinstance(node, yaml.SequenceNode)
            text, _dash = _relation_lines(plan, node, records)
            point = outline.line_after(outline.content_end(node.value[-1]))
            plan.change(point, point, text)
    for key in removed_bounds:
        plan.delete(key)
    for key, (date, source, quote) in bounds.items():
        _write_bound(plan, key, date, source, quote)
    return plan.changes


def _write_bound(plan: MappingPlan, key: str, date: str, source: str, quote: str) -> None:
    """Give the event this `not_before`/`not_after`, in place of the one it has if it has one."""
    newline = plan.newline
    pair = plan.pair(key)
    inner = plan.indent + "  "
    if pair is not None and isinstance(pair[1], yaml.MappingNode) and not pair[1].flow_style \
            and pair[1].value:
        inner = " " * pair[1].start_mark.column
    lines = (f"{inner}date: {scalar(date)}{newline}{inner}ref: {scalar(source)}{newline}"
             f"{inner}quote: {scalar(quote)}")
    if pair is None:
        plan.insert(key, newline + lines)
        return
    key_node, value = pair
    start = plan.outline.lines.line_start(key_node.start_mark.index)
    end = plan.outline.line_after(max(plan.outline.content_end(value), key_node.end_mark.index))
    plan.change(start, end, f"{plan.indent}{key}:{newline}{lines}{newline}")


def plan_claims_of(ident: str, edit: ClaimEdit) -> Planner:
    """The planner of `imfhist edit EVENT --add-relation …` alone."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        _kind, item = locate(outline, timeline, ident, ("events",))
        return plan_claims(outline, timeline, item, item_id(item), edit)

    return planner


def item_id(item: yaml.MappingNode) -> str:
    pair = value_of(item, "id")
    return str(pair[1].value) if pair and isinstance(pair[1], yaml.ScalarNode) else ""


def plan_remove_event(written: str, left: list[tuple[str, str]],
                      with_relations: bool = False,
                      removed: list[tuple[str, str]] | None = None) -> Planner:
    """The planner of `imfhist remove ID`: as imfhist.keeping.plan_edit.plan_remove, except for an
    event that other events' relations name. That is refused with the command that removes each
    relation, or, `with_relations`, those relations go with the event; `removed` gets each as
    (the event that held it, KIND:ID)."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        kind, item = locate(outline, timeline, written)
        ident = item_id(item)
        references = _references(outline, kind, ident) if kind == "events" else []
        if not references:
            return list(plan_remove(ident, left)(outline, timeline))
        shown = str(timeline.loc.path)
        changes: list[Change] = []
        found: list[tuple[str, str, yaml.Node]] = []  # (holder, kind, relation)
        plans = []
        for index in dict.fromkeys(r.index for r in references):
            holder = outline.items.get(("events", index))
            assert isinstance(holder, yaml.MappingNode)
            plan = MappingPlan(outline, holder, "events", ("events", index))
            _node, present = _relations_of(plan)
            mine = [(k, n) for k, other, n in present if other == ident]
            found += [(item_id(holder), k, n) for k, n in mine]
            plans.append((plan, [n for _k, n in mine]))
        if not with_relations:
            details = tuple(
                _("{path}:{line}:{column}: event '{event}' names it in its relations: "
                  "imfhist edit {event} --remove-relation {relation}").format(
                      path=shown, line=n.start_mark.line + 1, column=n.start_mark.column + 1,
                      event=holder, relation=f"{k}:{ident}")
                for holder, k, n in found)
            raise PlanRefused(
                n_("{count} relation of another event names event '{id}': nothing was removed",
                   "{count} relations of other events name event '{id}': nothing was removed",
                   len(found)).format(id=ident, count=len(found)),
                _("run the commands above first, or give --with-relations to remove those "
                  "relations with it"), details, code=1)
        for plan, nodes in plans:
            plan.remove_items("relations", nodes)
            changes += plan.changes
        if removed is not None:
            removed[:] = [(holder, f"{k}:{ident}") for holder, k, _n in found]
        left.clear()
        left.extend(_named_only_by(timeline, ident))
        changes.append(_remove_item(outline, kind, item))
        return changes

    return planner

