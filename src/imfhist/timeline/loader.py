"""YAML nodes to the model, checking the shape of the file on the way.

Everything about structure is found here, in one walk: keys that appear twice, keys that are not
part of `imfhist/1`, required keys that are missing, values of the wrong type (with the YAML 1.1
traps named: `NO` read as a boolean, `2019-05-01` as a date, `1:20` as a number), tags, merge
keys. What the values mean (references, dates, countries, quotes) is left to
`imfhist.checking.rules`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from imfhist.common import cache
from imfhist.common.i18n import N_, _, n_
from imfhist.common.problems import Problem, Severity, shorten
from imfhist.common.safety import UNSAFE_CHARACTERS
from imfhist.common.suggest import Suggester, did_you_mean
from imfhist.timeline.chronology import RELATIONS
from imfhist.timeline.dates import try_parse
from imfhist.timeline.model import (
    Actor,
    Citation,
    DateBound,
    Event,
    Loc,
    Place,
    Relation,
    Source,
    Text,
    Timeline,
)
from imfhist.timeline.yamlsource import Document, compose, node_loc, read_source

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
INT = "tag:yaml.org,2002:int"
_STANDARD_TAGS = {f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary", "set", "omap",
    "pairs", "merge", "value")}
_PLAIN_YEAR = re.compile(r"-?[0-9]+")

# The keys of each kind of object in imfhist/1, and which of them are required.
KEYS: dict[str, dict[str, bool]] = {
    "timeline": {"format": True, "title": False, "lang": False, "description": False,
                 "sources": False, "actors": False, "places": False, "events": False},
    "source": {"id": True, "title": True, "url": False, "publisher": False, "accessed": False,
               "archive": False, "author": False, "former_ids": False},
    "actor": {"id": True, "name": True, "kind": True, "description": False, "aliases": False,
              "former_ids": False},
    "place": {"id": True, "name": True, "country": True, "former_ids": False},
    "event": {"id": True, "title": True, "summary": False, "date": False, "date_label": False,
              "countries": False, "regions": False, "places": False, "actors": False,
              "tags": False, "sources": True, "relations": False, "not_before": False,
              "not_after": False, "former_ids": False},
    "citation": {"ref": True, "quote": True},
    # One relation kind, naming the other event, and the citation that states it.
    "relation": {**dict.fromkeys(RELATIONS, False), "ref": True, "quote": True},
    "bound": {"date": True, "ref": True, "quote": True},
}


# How messages name each kind of object (translated when used).
_REQUIRED = {kind: tuple(key for key, required in keys.items() if required)
             for kind, keys in KEYS.items()}

OWNERS = {"timeline": N_("the timeline"), "source": N_("a source"), "actor": N_("an actor"),
          "place": N_("a place"), "event": N_("an event"), "citation": N_("a citation"),
          "relation": N_("a relation"), "bound": N_("a date bound")}


@dataclass
class LoadResult:
    """What loading a file gave: the timeline when its shape allowed one, and the problems."""

    path: Path
    shown_as: str
    timeline: Timeline | None
    problems: list[Problem] = field(default_factory=list)
    # A digest of the bytes read (common.cache.digest), None for a timeline given as text: what
    # the error count kept between runs is keyed by.
    digest: str | None = None


def shown_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except (ValueError, OSError):  # another drive on Windows; a current folder that is gone
        return str(path)
    return str(path) if relative.startswith("..") else relative


def load(path: Path) -> LoadResult:
    """Read and load one timeline file. Raises TimelineUnreadable when there is no file to read."""
    shown_as = shown_path(path)
    source, problems = read_source(path, shown_as)
    if source is None:
        return LoadResult(path, shown_as, None, problems)
    digest = cache.digest([source])
    holds = _Holds.of(source)
    document = compose(source, shown_as)
    del source  # the nodes hold what is needed: the peak is the nodes, not the nodes and the text
    result = _build(document, path, shown_as, holds)
    result.digest = digest
    return result


def load_text(text: str, path: Path, shown_as: str) -> LoadResult:
    return _build(compose(text, shown_as), path, shown_as, _Holds.of(text))


@dataclass(frozen=True)
class _Holds:
    """What a file's text may hold, known from a scan of the whole text (in C) before it is
    composed: most files need no check of each of their hundred thousand values for them."""

    # An anchor (`&name`), without which no alias can reach a node twice.
    anchors: bool = True
    # A hidden or control character, or an escape (`\u200b`) that may write one.
    hidden_characters: bool = True

    @classmethod
    def of(cls, source: str | bytes) -> _Holds:
        if isinstance(source, bytes):
            anchors, escapes = b"&" in source, b"\\" in source
            text = source.decode("utf-8", "replace") if not escapes else ""
        else:
            anchors, escapes, text = "&" in source, "\\" in source, source
        return cls(anchors, escapes or UNSAFE_CHARACTERS.search(text) is not None)


def _build(document: Document, path: Path, shown_as: str, holds: _Holds = _Holds()
           ) -> LoadResult:
    if document.root is None:
        problems = list(document.problems) or [Problem(
            Loc(shown_as, 1, 1), Severity.ERROR, "empty",
            _("the file holds no timeline"), _("start it with the line: format: imfhist/1"))]
        return LoadResult(path, shown_as, None, problems)
    builder = _Builder(shown_as, holds)
    timeline = builder.timeline(document.root, path)
    return LoadResult(path, shown_as, timeline, builder.problems_found())


def _text(value: str, loc: Loc) -> Text:
    # A Text made without the Python-level `__new__` of a named tuple: the loader makes one for
    # each of a timeline's hundred thousand values.
    return _new_tuple(Text, (value, loc))


_new_tuple = tuple.__new__


# Aliases make one node count many times: what they repeat (list items, and the characters of
# texts longer than _LONG_TEXT) is bounded, so that checking stays proportional to the file.
MAX_REPEATED = 100_000
_LONG_TEXT = 64
MAX_SAME = 100


class _Builder:
    def __init__(self, shown_as: str, holds: _Holds = _Holds()) -> None:
        self.path = shown_as
        self.holds = holds
        self.problems: list[Problem] = []
        # How messages name each field, made once per load rather than once per value read.
        self._fields: dict[tuple[str, str], str] = {}
        self._items: dict[str, str] = {}
        self.same: dict[tuple[str, str], int] = {}
        self.more: dict[tuple[str, str], tuple[Loc, Severity, str | None]] = {}
        # Each list of objects built, by node: an alias may name the same list again.
        self.lists: dict[int, tuple[yaml.Node, str, tuple[Any, ...]]] = {}
        self.key_suggesters: dict[str, Suggester] = {}
        self.text_lists: dict[int, tuple[yaml.Node, tuple[Text, ...]]] = {}
        # Containers and long texts already built, and how much aliases have repeated of them.
        self.visited: set[int] = set()
        self.repeated = 0

    # -- reporting ---------------------------------------------------------------------------

    def loc(self, node: yaml.Node) -> Loc:
        return node_loc(self.path, node)

    def report(self, node: yaml.Node, rule: str, message: str, hint: str | None = None,
               severity: Severity = Severity.ERROR) -> None:
        # The same problem over and over (two million events that are each the text `x`) is
        # listed MAX_SAME times, then counted: the rest costs neither memory nor output.
        key = (rule, message)
        seen = self.same[key] = self.same.get(key, 0) + 1
        if seen <= MAX_SAME:
            self.problems.append(Problem(self.loc(node), severity, rule, message, hint))
        elif seen == MAX_SAME + 1:
            self.more[key] = (self.loc(node), severity, hint)

    def problems_found(self) -> list[Problem]:
        """Every problem, with one more for each that was repeated past MAX_SAME."""
        problems = self.problems
        for (rule, message), (loc, severity, hint) in self.more.items():
            count = self.same[(rule, message)] - MAX_SAME
            problems.append(Problem(loc, severity, rule, n_(
                "{message}; {count} more like it, further down, are not listed",
                "{message}; {count} more like it, further down, are not listed", count).format(
                    message=shorten(message, 120), count=count), hint))
        return problems

    # -- generic shapes ----------------------------------------------------------------------

    def field(self, key: str, kind: str) -> str:
        """How a message names a key: "'title' in an event", or "'format'" at the top."""
        named = self._fields.get((key, kind))
        if named is None:
            named = (f"'{key}'" if kind == "timeline" else
                     _("'{key}' in {owner}").format(key=key, owner=_(OWNERS[kind])))
            self._fields[(key, kind)] = named
        return named

    def mapping(self, node: yaml.Node, kind: str) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node after checking them against KEYS[kind]."""
        allowed = KEYS[kind]
        if type(node) is yaml.MappingNode and node.tag == MAP:
            # Most mappings: every key a plain word, allowed and written once, and every
            # required key there; nothing to name in a message.
            values = {}
            for key_node, value_node in node.value:
                key = key_node.value
                if key_node.tag != STR or type(key_node) is not yaml.ScalarNode \
                        or key in values or key not in allowed:
                    break
                values[key] = value_node
            else:
                if all(key in values for key in _REQUIRED[kind]):
                    return values
        owner = _(OWNERS[kind])
        if not isinstance(node, yaml.MappingNode):
            hint = (_("a timeline starts with 'format: imfhist/1' at the left margin")
                    if kind == "timeline" else _("write it as 'key: value' lines"))
            self.wrong_type(node, _("{owner} should be a mapping of keys to values, {found}"),
                            owner, hint)
            return None
        self.check_tag(node)
        values = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.report(key_node, "yaml-merge-key",
                            _("merge keys (<<) are not part of imfhist/1"),
                            _("write the keys out in full"))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STR:
                self.report(key_node, "wrong-type",
                            _("a key in {owner} should be a plain word").format(owner=owner),
                            _("use one of: {keys}").format(keys=", ".join(allowed)))
                continue
            key = key_node.value
            if key in values:
                first = values[key].start_mark.line + 1
                self.report(key_node, "duplicate-key",
                            _("key '{key}' appears twice in {owner} (first on line {line})")
                            .format(key=key, owner=owner, line=first),
                            _("YAML readers keep only the last one; remove or merge the two"))
                continue
            if key not in allowed:
                if kind not in self.key_suggesters:
                    self.key_suggesters[kind] = Suggester(allowed)
                close = self.key_suggesters[kind](key, n=1)
                suggestion = (did_you_mean(close) if close else
                              _("allowed: {keys}").format(keys=", ".join(allowed)))
                self.report(key_node, "unknown-key",
                            _("unknown key '{key}' in {owner}").format(key=key, owner=owner),
                            suggestion)
                continue
            values[key] = value_node
        for key, required in allowed.items():
            if required and key not in values:
                self.report(node, "missing-key",
                            _("{owner} has no '{key}'").format(owner=owner, key=key),
                            _("add '{key}:' to it").format(key=key))
        return values

    def first_or_allowed(self, node: yaml.Node, size: int) -> bool:
        """False when `node` is reached again through an alias and what aliases repeat would
        pass MAX_REPEATED: then it is left out (reported once)."""
        if not self.holds.anchors:
            return True  # no node is reached twice
        if id(node) not in self.visited:
            self.visited.add(id(node))
            return True
        self.repeated += size
        if self.repeated <= MAX_REPEATED:
            return True
        if self.repeated - size <= MAX_REPEATED:  # the first time the bound is passed
            self.report(node, "yaml-alias", _(
                "aliases (*name) repeat more than {count} list items and characters in all; "
                "what they repeat from here on is left out").format(count=f"{MAX_REPEATED:,}"),
                _("write the repeated parts out, or use fewer aliases"))
        return False

    def check_tag(self, node: yaml.Node) -> bool:
        if node.tag in _STANDARD_TAGS or node.tag in ("!", "?"):
            return True
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.report(node, "yaml-tag", _("the tag {tag} is not allowed").format(tag=shown),
                    _("imfhist never runs YAML tags; remove the tag"))
        return False

    def wrong_type(self, node: yaml.Node, template: str, subject: str,
                   hint: str | None = None) -> None:
        """Report `template`, whose {owner} or {field} is `subject` and {found} what was found."""
        if not self.check_tag(node):
            return
        message = template.format(owner=subject, field=subject, found=_describe(node))
        self.report(node, "wrong-type", message, hint)

    def string(self, node: yaml.Node | None, field: str, *, year_ok: bool = False) -> Text | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and (
            node.tag == STR or (year_ok and node.tag == INT and _PLAIN_YEAR.fullmatch(node.value))
        ):
            if len(node.value) > _LONG_TEXT and not self.first_or_allowed(node, len(node.value)):
                return None
            unsafe = self.holds.hidden_characters and UNSAFE_CHARACTERS.search(node.value)
            if unsafe:
                self.report(node, "control-character",
                            _("{field} holds {character}").format(
                                field=field, character=_character_name(unsafe)),
                            _("remove it: it is invisible, or changes how the text shows"),
                            Severity.WARNING)
            return _text(node.value, node_loc(self.path, node))
        self.wrong_type(node, _("{field} should be text, {found}"), field, _quote_hint(node))
        return None

    def text_of(self, values: dict[str, yaml.Node], key: str, kind: str,
                *, year_ok: bool = False) -> Text | None:
        node = values.get(key)
        if node is None:
            return None
        # Most values: a short text with nothing to report, built without naming its field
        # (a hundred thousand names made for no message).
        if node.tag == STR and type(node) is yaml.ScalarNode and len(node.value) <= _LONG_TEXT \
                and not self.holds.hidden_characters:
            return _text(node.value, node_loc(self.path, node))
        return self.string(node, self.field(key, kind), year_ok=year_ok)

    def plain_of(self, values: dict[str, yaml.Node], key: str, kind: str) -> str | None:
        text = self.text_of(values, key, kind)
        return text.value if text else None

    def texts_of(self, values: dict[str, yaml.Node], key: str, kind: str) -> tuple[Text, ...]:
        node = values.get(key)
        if node is None:
            return ()
        if type(node) is yaml.SequenceNode and node.tag == SEQ and not self.holds.anchors:
            return self._texts(node, key, kind)
        if id(node) in self.text_lists:
            # Reached again through an alias: the texts built the first time, within the bound.
            _node, built = self.text_lists[id(node)]
            return built if self.first_or_allowed(node, len(built)) else ()
        field = self.field(key, kind)
        if id(node) in self.lists:  # built (and let go of) as objects
            self.report(node, "wrong-type", _("{field} should be a list of texts, but this list "
                                              "is used elsewhere for other things").format(
                field=field), _("write each list out"))
            return ()
        items = []
        item_field = self._items.get(field)
        if item_field is None:
            item_field = self._items[field] = _("an item of {field}").format(field=field)
        hidden = self.holds.hidden_characters
        for index, item in enumerate(self.sequence(node, field)):
            # As `text_of`: a short text with nothing to report is built at once.
            if item.tag == STR and type(item) is yaml.ScalarNode \
                    and len(item.value) <= _LONG_TEXT and not hidden:
                items.append(_text(item.value, node_loc(self.path, item)))
            else:
                text = self.string(item, item_field)
                if text:
                    items.append(text)
            # Let go of each node once its text is built (as `objects` does): a list of four
            # million tags is then never held twice.
            node.value[index] = None  # type: ignore[union-attr]
        built = tuple(items)
        if self.holds.anchors and isinstance(node, yaml.SequenceNode):
            self.text_lists[id(node)] = (node, built)
        return built

    def _texts(self, node: yaml.SequenceNode, key: str, kind: str) -> tuple[Text, ...]:
        """`texts_of` for a list in a file without anchors (so reached once, and never built as
        anything else): its texts, a short one with nothing to report built at once."""
        items: list[Text] = []
        values = node.value
        hidden, path = self.holds.hidden_characters, self.path
        for index, item in enumerate(values):
            if item.tag == STR and type(item) is yaml.ScalarNode \
                    and len(item.value) <= _LONG_TEXT and not hidden:
                items.append(_text(item.value, node_loc(path, item)))
            else:
                field = self.field(key, kind)
                text = self.string(item, self._items.get(field) or self._item_field(field))
                if text:
                    items.append(text)
            values[index] = None  # let go of each node once its text is built
        return tuple(items)

    def _item_field(self, field: str) -> str:
        named = self._items[field] = _("an item of {field}").format(field=field)
        return named

    def sequence(self, node: yaml.Node | None, field: str) -> Iterator[yaml.Node]:
        if node is None:
            return
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return  # `tags:` with nothing after it: an empty list
        if not isinstance(node, yaml.SequenceNode):
            hint = (_("write it as a list: [{value}]").format(value=node.value)
                    if isinstance(node, yaml.ScalarNode) and node.value else None)
            self.wrong_type(node, _("{field} should be a list, {found}"), field, hint)
            return
        if self.check_tag(node) and self.first_or_allowed(node, len(node.value)):
            yield from node.value

    def objects(self, values: dict[str, yaml.Node], key: str, kind: str,
                build: Callable[[dict[str, yaml.Node], yaml.Node], Any]) -> tuple[Any, ...]:
        node = values.get(key)
        if node is not None and id(node) in self.text_lists:  # built (and let go of) as texts
            self.report(node, "wrong-type", _("{field} should be a list of mappings, but this "
                                              "list is used elsewhere for other things").format(
                field=self.field(key, "timeline")),
                _("write each list out"))
            return ()
        if node is not None and id(node) in self.lists:
            # The same list reached again through an alias (`sources: *quotes` in two events):
            # its items were built, and let go of, the first time; it gives the same objects.
            _node, built_kind, built_objects = self.lists[id(node)]
            if built_kind == kind:
                if not self.first_or_allowed(node, len(built_objects)):
                    return ()
                return built_objects  # type: ignore[no-any-return]
            self.wrong_type(node, _("{field} should be a list, {found}"), self.field(key, kind))
            return ()
        items: list[yaml.Node | None] = list(self.sequence(node, self.field(key, "timeline")))
        # An alias makes the same node appear twice: found before any node is let go of.
        counts = Counter(map(id, items)) if self.holds.anchors else Counter()
        repeated = {identity for identity, count in counts.items() if count > 1}
        seen: set[int] = set()
        built = []
        for index, item in enumerate(items):
            assert item is not None
            identity = id(item)
            if identity in repeated:
                if identity in seen:
                    continue
                seen.add(identity)
                # One report for however many repetitions: a file of a million `- *e` lines
                # gets one line, not a million.
                self.report(item, "duplicate-id", n_(
                    "{owner} is repeated {count} time through a YAML alias (*name) further "
                    "down the list", "{owner} is repeated {count} times through a YAML alias "
                    "(*name) further down the list", counts[identity] - 1).format(
                        owner=_(OWNERS[kind]), count=counts[identity] - 1),
                    _("write each one out, with its own id"))
            fields = self.mapping(item, kind)
            if fields is not None:
                value = build(fields, item)
                if value is not None:
                    built.append(value)
            # Let go of each node once it is built, so that the node tree shrinks as the model
            # grows: the peak is one of them, not both.
            items[index] = None
            if isinstance(node, yaml.SequenceNode) and identity not in repeated:
                node.value[index] = None  # type: ignore[call-overload]
        result = tuple(built)
        if self.holds.anchors and isinstance(node, yaml.SequenceNode):
            self.lists[id(node)] = (node, kind, result)
        return result

    # -- the objects of imfhist/1 ------------------------------------------------------------

    def timeline(self, root: yaml.Node, path: Path) -> Timeline | None:
        values = self.mapping(root, "timeline")
        if values is None:
            return None
        events = values.get("events")
        if events is None or (isinstance(events, yaml.SequenceNode) and not events.value):
            self.report(events or root, "no-events", _("the timeline has no events"),
                        _("add one with `imfhist add`"),
                        severity=Severity.WARNING)
        return Timeline(
            path=path,
            loc=self.loc(root),
            format=self.text_of(values, "format", "timeline"),
            title=self.plain_of(values, "title", "timeline"),
            lang=self.plain_of(values, "lang", "timeline"),
            description=self.plain_of(values, "description", "timeline"),
            sources=self.objects(values, "sources", "source", self.source),
            actors=self.objects(values, "actors", "actor", self.actor),
            places=self.objects(values, "places", "place", self.place),
            events=self.objects(values, "events", "event", self.event),
        )

    def source(self, values: dict[str, yaml.Node], node: yaml.Node) -> Source | None:
        ident = self.text_of(values, "id", "source")
        title = self.plain_of(values, "title", "source")
        if ident is None or title is None:
            return None
        return Source(
            id=ident, title=title, loc=self.loc(node),
            url=self.plain_of(values, "url", "source"),
            publisher=self.plain_of(values, "publisher", "source"),
            accessed=self.plain_of(values, "accessed", "source"),
            archive=self.text_of(values, "archive", "source"),
            author=self.text_of(values, "author", "source"),
            former_ids=self.texts_of(values, "former_ids", "source"),
        )

    def actor(self, values: dict[str, yaml.Node], node: yaml.Node) -> Actor | None:
        ident = self.text_of(values, "id", "actor")
        name = self.plain_of(values, "name", "actor")
        kind = self.text_of(values, "kind", "actor")
        if ident is None or name is None or kind is None:
            return None
        return Actor(ident, name, kind, self.loc(node),
                     self.plain_of(values, "description", "actor"),
                     self.texts_of(values, "aliases", "actor"),
                     self.texts_of(values, "former_ids", "actor"))

    def place(self, values: dict[str, yaml.Node], node: yaml.Node) -> Place | None:
        ident = self.text_of(values, "id", "place")
        name = self.plain_of(values, "name", "place")
        country = self.text_of(values, "country", "place")
        if ident is None or name is None or country is None:
            return None
        return Place(ident, name, country, self.loc(node),
                     self.texts_of(values, "former_ids", "place"))

    def citation(self, values: dict[str, yaml.Node], node: yaml.Node) -> Citation | None:
        ref = self.text_of(values, "ref", "citation")
        quote = self.text_of(values, "quote", "citation")
        if ref is None or quote is None:
            return None
        return Citation(ref, quote, self.loc(node))

    def relation(self, values: dict[str, yaml.Node], node: yaml.Node) -> Relation | None:
        kinds = [key for key in values if key in RELATIONS]
        if len(kinds) != 1:
            message = (_("a relation names no other event") if not kinds else
                       _("a relation has {count} kinds ({kinds}); it has one")
                       .format(count=len(kinds), kinds=", ".join(kinds)))
            self.report(node, "relation-kind", message,
                        _("write one of {kinds}, then the other event's id").format(
                            kinds=", ".join(f"'{k}:'" for k in RELATIONS)))
            return None
        other = self.text_of(values, kinds[0], "relation")
        ref = self.text_of(values, "ref", "relation")
        quote = self.text_of(values, "quote", "relation")
        if other is None or ref is None or quote is None:
            return None
        kind = Text(kinds[0], self.loc(next(k for k, _v in node.value if k.value == kinds[0])))
        loc = self.loc(node)
        return Relation(kind, other, Citation(ref, quote, loc), loc)

    def bound(self, node: yaml.Node | None, key: str) -> DateBound | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and node.value:
            self.wrong_type(node, _("{owner} should be a mapping of keys to values, {found}"),
                            f"'{key}'", _("give the date with the quote that states it: "
                                          "{{date: {value}, ref: …, quote: …}}").format(
                                              value=node.value))
            return None
        values = self.mapping(node, "bound")
        if values is None:
            return None
        date = self.text_of(values, "date", "bound", year_ok=True)
        ref = self.text_of(values, "ref", "bound")
        quote = self.text_of(values, "quote", "bound")
        if date is None or ref is None or quote is None:
            return None
        loc = self.loc(node)
        return DateBound(date, Citation(ref, quote, loc), loc, try_parse(date.value))

    def event(self, values: dict[str, yaml.Node], node: yaml.Node) -> Event | None:
        ident = self.text_of(values, "id", "event")
        title_text = self.text_of(values, "title", "event")
        title = title_text.value if title_text else None
        summary = self.text_of(values, "summary", "event")
        date = self.text_of(values, "date", "event", year_ok=True)
        date_label = self.text_of(values, "date_label", "event")
        sources = self.objects(values, "sources", "citation", self.citation)
        relations = (self.objects(values, "relations", "relation", self.relation)
                     if "relations" in values else ())
        not_before = self.bound(values.get("not_before"), "not_before")
        not_after = self.bound(values.get("not_after"), "not_after")
        if ident is None or title is None:
            return None
        return Event(
            id=ident,
            title=title,
            loc=self.loc(node),
            summary=summary.value if summary else None,
            date=date,
            date_label=date_label.value if date_label else None,
            countries=self.texts_of(values, "countries", "event"),
            regions=self.texts_of(values, "regions", "event"),
            places=self.texts_of(values, "places", "event"),
            actors=self.texts_of(values, "actors", "event"),
            tags=self.texts_of(values, "tags", "event"),
            sources=sources,
            edtf=try_parse(date.value) if date else None,
            date_label_loc=date_label.loc if date_label else None,
            relations=relations,
            not_before=not_before,
            not_after=not_after,
            former_ids=self.texts_of(values, "former_ids", "event"),
            title_loc=title_text.loc if title_text else None,
            summary_loc=summary.loc if summary else None,
        )


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return _("but it is a mapping")
    if isinstance(node, yaml.SequenceNode):
        return _("but it is a list")
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "str":
        return _("but it is text")
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    if kind == "bool":
        true = node.value.lower() in ("yes", "on", "y", "true")
        return (_("but {value} is read as the boolean true (YAML 1.1)") if true else
                _("but {value} is read as the boolean false (YAML 1.1)")).format(value=shown)
    if kind == "int" and ":" in node.value:
        return _("but {value} is read as a base-60 number (YAML 1.1)").format(value=shown)
    if kind == "int" and re.fullmatch(r"[-+]?0[0-7]+", node.value):
        return _("but {value} is read as an octal number (YAML 1.1)").format(value=shown)
    if kind in ("int", "float"):
        return _("but {value} is read as a number").format(value=shown)
    if kind == "timestamp":
        return _("but {value} is read as a date, not text").format(value=shown)
    if kind == "null":
        return _("but it is empty")
    return _("but it is {kind}").format(kind=kind)


def _character_name(match: re.Match[str]) -> str:
    character = match.group()
    name = unicodedata.name(character, "").lower() or _("a control character")
    return f"U+{ord(character):04X} ({name})"


def _quote_hint(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and len(node.value) > 40:
        return _("put it in quotes")
    if isinstance(node, yaml.ScalarNode) and node.value and node.tag != "tag:yaml.org,2002:null":
        quoted = node.value.replace("'", "''")
        return _("put it in quotes: '{value}'").format(value=quoted)
    if isinstance(node, yaml.ScalarNode):
        return _("give it a value, or remove the key")
    return None
