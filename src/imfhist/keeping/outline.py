"""Where things stand in a timeline's text: what a writer needs to plan a change.

Taken from the YAML nodes of the file before the loader lets go of them, and only for what a
change needs: each top-level list (its key, its value, its last items, its indentation), the
objects whose id a command names, and every reference to those ids. Everything else is left to
the loader, so that planning a change costs one walk over the file, not a second composition.

A layout that a byte-preserving writer cannot handle is named here (`Unsupported`), before
anything is written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import yaml

from imfhist.common.i18n import _
from imfhist.keeping.changes import Lines

LISTS = ("sources", "actors", "places", "events")
# The fields of an event that hold ids, and the kind of object each names.
REFERENCE_FIELDS = {"actors": "actors", "places": "places"}


# An anchor (`&name`) where a node starts, after a tag if it has one; and one anywhere in a text,
# looked for first so that a file without anchors is not walked for them.
_ANCHOR_AT = re.compile(r"(?:![^\s&]*\s+)?&([^\s,\[\]{}]+)")
_ANCHOR_IN = re.compile(r"(?:^|(?<=[\s\[{,]))&[^\s,\[\]{}]", re.M)

# Who reaches a node: (list, the object's id, the field of the object it is in).
User = tuple[str, str, str]


@dataclass
class Anchor:
    """A node written once with an anchor (`&name`) and reached again through aliases (`*name`):
    where it is written (`writer`, None outside the lists) and every object field reaching it."""

    name: str
    line: int
    start: int
    writer: User | None
    users: list[User] = field(default_factory=list)

    def others(self, user: User) -> list[User]:
        """The places other than `user` that share the node, each once, in the file's order."""
        return [u for u in dict.fromkeys(self.users) if u != user]


class Unsupported(Exception):
    """The file uses a construct the writer cannot change without rewriting other bytes."""

    def __init__(self, construct: str, line: int) -> None:
        super().__init__(construct)
        self.construct = construct
        self.line = line


@dataclass
class ListInfo:
    """A top-level list: `events:` and its value."""

    key: str
    key_node: yaml.Node
    value: yaml.Node
    last: list[yaml.Node] = field(default_factory=list)  # its last two items at most

    @property
    def is_block(self) -> bool:
        return isinstance(self.value, yaml.SequenceNode) and not self.value.flow_style

    @property
    def items(self) -> int:
        return len(self.value.value) if isinstance(self.value, yaml.SequenceNode) else 0


@dataclass(frozen=True)
class Reference:
    """An event's reference to an id: `kind` is actors, places, sources or relations (another
    event, named by a relation); `node` its scalar."""

    event: str
    kind: str
    node: yaml.ScalarNode
    sequence: yaml.Node  # the list it stands in (a citation's mapping for sources)
    index: int  # the event's place in the events list
    # The list of the object that holds the reference: an event's, or a source's `author`.
    holder: str = "events"


class Outline:
    def __init__(self, text: str, root: yaml.Node | None, wanted: Iterable[str] = ()) -> None:
        self.text = text
        self.lines = Lines(text)
        self.wanted = set(wanted)
        self.lists: dict[str, ListInfo] = {}
        self.objects: dict[str, list[tuple[str, yaml.MappingNode]]] = {}
        # The items before and after each object found, in its list (None at either end).
        self.siblings: dict[int, tuple[yaml.Node | None, yaml.Node | None]] = {}
        # Where each item the outline keeps stands: (list, index), and the reverse.
        self.owners: dict[int, tuple[str, int]] = {}
        self.items: dict[tuple[str, int], yaml.Node] = {}
        self.references: dict[str, list[Reference]] = {}
        # The anchored nodes reached from more than one place, by where they start: found only
        # in a file that has anchors, for the objects a command names.
        self.anchors: dict[int, Anchor] = {}
        self.anchored = "&" in text and _ANCHOR_IN.search(text) is not None
        self.root = root
        if root is None:
            return
        if not isinstance(root, yaml.MappingNode):
            return  # the loader reports it
        if root.flow_style:
            raise Unsupported(_("a timeline written as one flow mapping {…}"),
                              root.start_mark.line + 1)
        self.key_column = root.start_mark.column
        for key_node, value_node in root.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value not in LISTS:
                continue
            info = ListInfo(key_node.value, key_node, value_node)
            self.lists[key_node.value] = info
            if isinstance(value_node, yaml.SequenceNode):
                info.last = [_snapshot(item) for item in value_node.value[-2:]]
                count = len(value_node.value)
                for number, item in enumerate(info.last, start=count - len(info.last)):
                    self._own(item, key_node.value, number)
                if self.wanted:
                    self._collect(key_node.value, value_node)

    def _collect(self, kind: str, sequence: yaml.SequenceNode) -> None:
        wanted = self.wanted
        items = sequence.value
        for position, item in enumerate(items):
            if not isinstance(item, yaml.MappingNode):
                continue
            ident = None
            for key, value in item.value:
                if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.Node):
                    continue
                if key.value == "id" and isinstance(value, yaml.ScalarNode):
                    ident = value.value
                    if ident in wanted:
                        copy = _snapshot(item)
                        self._own(copy, kind, position)
                        self.objects.setdefault(ident, []).append((kind, copy))
                        self.siblings[id(copy)] = (
                            items[position - 1] if position else None,
                            items[position + 1] if position + 1 < len(items) else None)
                elif kind == "events" and key.value in REFERENCE_FIELDS and \
                        isinstance(value, yaml.SequenceNode):
                    for element in value.value:
                        if isinstance(element, yaml.ScalarNode) and element.value in wanted:
                            self._refer(item, key.value, element, value, position)
                elif kind == "events" and key.value == "sources" and \
                        isinstance(value, yaml.SequenceNode):
                    for citation in value.value:
                        if not isinstance(citation, yaml.MappingNode):
                            continue
                        for ckey, cvalue in citation.value:
                            if isinstance(ckey, yaml.ScalarNode) and ckey.value == "ref" and \
                                    isinstance(cvalue, yaml.ScalarNode) and \
                                    cvalue.value in wanted:
                                self._refer(item, "sources", cvalue, citation, position)
                elif kind == "events" and key.value in ("relations", "not_before", "not_after"):
                    self._collect_order(item, value, position)
                elif kind == "sources" and key.value == "author" and \
                        isinstance(value, yaml.ScalarNode) and value.value in wanted:
                    # The actor whose first person the source speaks with (docs/format.md).
                    self._refer(item, "actors", value, item, position, holder="sources")
            if self.anchored and ident is not None:
                self._collect_anchors(kind, ident, item)

    def _collect_anchors(self, kind: str, ident: str, item: yaml.MappingNode) -> None:
        """Note each anchored node the object writes, and each it reaches through an alias."""
        text = self.text
        start = item.start_mark.index
        keys = [(k.start_mark.index, k.value) for k, _v in item.value
                if isinstance(k, yaml.ScalarNode)]
        seen: set[int] = set()
        pending = [(v, k.value) for k, v in item.value if isinstance(k, yaml.ScalarNode)]
        while pending:
            node, name = pending.pop()
            at = node.start_mark.index
            user = (kind, ident, name)
            if at < start or id(node) in seen:  # reached through an alias
                anchor = self.anchors.get(at) or self.anchor_of(node)
                if anchor is not None:
                    anchor.users.append(user)
                continue
            seen.add(id(node))
            if text.startswith(("&", "!"), at) and at not in self.anchors:
                written = keys[max(0, bisect_left(keys, (at, "")) - 1)][1]
                anchor = self.anchor_of(node, (kind, ident, written))
                if anchor is not None:
                    anchor.users.append(user)
            if isinstance(node, yaml.SequenceNode):
                pending += [(child, name) for child in node.value]
            elif isinstance(node, yaml.MappingNode):
                pending += [(value, name) for _key, value in node.value]

    def anchor_of(self, node: yaml.Node, writer: User | None = None) -> Anchor | None:
        """The anchor written where `node` starts (noted the first time), or None."""
        at = node.start_mark.index
        if at in self.anchors:
            return self.anchors[at]
        found = _ANCHOR_AT.match(self.text, at)
        if found is None:
            return None
        anchor = self.anchors[at] = Anchor(found.group(1), node.start_mark.line + 1, at, writer)
        return anchor

    def shared(self, node: yaml.Node, user: User) -> Anchor | None:
        """The anchor through which `node`, reached from `user`, is shared with another place,
        if it is."""
        anchor = self.anchors.get(node.start_mark.index)
        if anchor is not None and anchor.others(user):
            return anchor
        return None

    def anchors_within(self, start: int, end: int,
                       inside: Callable[[User], bool]) -> list[tuple[Anchor, list[User]]]:
        """The anchors written in text[start:end], each with the places not `inside` that reach
        it: what removing that text would leave without its node."""
        found = []
        for at, anchor in self.anchors.items():
            if start <= at < end:
                outside = [u for u in anchor.others(("", "", "")) if not inside(u)]
                if outside:
                    found.append((anchor, outside))
        return found

    def _collect_order(self, event: yaml.MappingNode, value: yaml.Node, position: int) -> None:
        """An event's relations name other events (`starts_before: altermed`) and, like its
        `not_before`/`not_after`, cite a source (`ref`)."""
        from imfhist.timeline.chronology import RELATIONS

        claims = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for claim in claims:
            if not isinstance(claim, yaml.MappingNode):
                continue
            for ckey, cvalue in claim.value:
                if not (isinstance(ckey, yaml.ScalarNode) and isinstance(cvalue, yaml.ScalarNode)
                        and cvalue.value in self.wanted):
                    continue
                if ckey.value == "ref":
                    self._refer(event, "sources", cvalue, claim, position)
                elif ckey.value in RELATIONS and isinstance(value, yaml.SequenceNode):
                    self._refer(event, "relations", cvalue, claim, position)

    def _own(self, item: yaml.Node, kind: str, index: int) -> None:
        self.owners[id(item)] = (kind, index)
        self.items.setdefault((kind, index), item)

    def owner(self, item: yaml.Node) -> tuple[str, int] | None:
        return self.owners.get(id(item))

    def end_of_list(self, kind: str) -> tuple[str, int]:
        """The owner of items added at the end of a list."""
        return kind, self.lists[kind].items

    def _refer(self, event: yaml.MappingNode, kind: str, node: yaml.ScalarNode,
               sequence: yaml.Node, index: int, holder: str = "events") -> None:
        ident = "?"
        for key, value in event.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and \
                    isinstance(value, yaml.ScalarNode):
                ident = value.value
        self.references.setdefault(node.value, []).append(
            Reference(ident, kind, node, sequence, index, holder))
        if (holder, index) not in self.items:
            self._own(_snapshot(event), holder, index)

    # -- positions ----------------------------------------------------------------------------

    def content_end(self, node: yaml.Node) -> int:
        """Where a block item's own text ends: after its last value, before the blank lines and
        comments that follow it, but after the blank lines a `|+` block scalar keeps."""
        start = node.start_mark.index
        ends = [start]
        stack = [node]
        seen: set[int] = set()
        while stack:
            current = stack.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if current.start_mark.index < start:
                continue  # an alias of a node written before this item
            if isinstance(current, yaml.ScalarNode):
                end = current.end_mark.index
                if current.style in ("|", ">") and not self._keeps_blank_lines(current):
                    while end > current.start_mark.index and \
                            self.text[end - 1] in " \t\r\n\x85\u2028\u2029":
                        end -= 1
                ends.append(end)
            elif isinstance(current, yaml.SequenceNode):
                if current.flow_style:
                    ends.append(current.end_mark.index)
                stack.extend(current.value)
            elif isinstance(current, yaml.MappingNode):
                if current.flow_style:
                    ends.append(current.end_mark.index)
                for key, value in current.value:
                    stack += [key, value]
        return max(ends)

    def _keeps_blank_lines(self, node: yaml.ScalarNode) -> bool:
        header = self.text[node.start_mark.index:node.start_mark.index + 4]
        return "+" in header.split("\n")[0].split("\r")[0]

    def line_after(self, index: int) -> int:
        """The start of the line after the one `index` ends on (`index` itself when it is
        already at a line start, as after a `|+` scalar)."""
        if index > 0 and self.text[index - 1] in "\r\n\x85\u2028\u2029":
            return index
        return self.lines.line_end(index)

    def item_span(self, item: yaml.Node) -> tuple[int, int]:
        """The lines of a block list item: from the start of its `-` line to the end of its last
        content line."""
        start = self.lines.line_start(item.start_mark.index)
        return start, self.line_after(self.content_end(item))

    def find(self, ident: str) -> list[tuple[str, yaml.MappingNode]]:
        return self.objects.get(ident, [])


def _snapshot(node: yaml.Node) -> yaml.Node:
    """A copy of a node's lists and mappings (its scalars shared): the loader lets go of the
    items of the lists it reads, and a planner needs them after it has. A node met twice through
    aliases is copied once, so that an alias bomb stays small. Copied with a stack rather than
    by recursion: the reader accepts nesting 1,000 levels deep, more than Python's recursion."""
    copies: dict[int, yaml.Node] = {}

    def shell(original: yaml.Node) -> tuple[yaml.Node, bool]:
        """The copy of `original` (empty if new) and whether its items are still to copy."""
        if not isinstance(original, (yaml.SequenceNode, yaml.MappingNode)):
            return original, False
        if id(original) in copies:
            return copies[id(original)], False
        copy = type(original)(original.tag, [], original.start_mark, original.end_mark,
                              flow_style=original.flow_style)
        copies[id(original)] = copy
        return copy, True

    root, fresh = shell(node)
    pending = [(node, root)] if fresh else []
    while pending:
        original, copy = pending.pop()
        for item in original.value:
            key, value = item if isinstance(original, yaml.MappingNode) else (None, item)
            child, fresh = shell(value)
            copy.value.append(child if key is None else (key, child))
            if fresh:
                pending.append((value, child))
    return root


def value_of(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """(key node, value node) of `key` in a mapping node."""
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None
