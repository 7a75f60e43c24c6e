"""YAML nodes to the model, checking the shape of the file on the way.

Everything about structure is found here, in one walk: keys that appear twice, keys that are not
part of `imfhist/1`, required keys that are missing, values of the wrong type (with the YAML 1.1
traps named: `NO` read as a boolean, `2019-05-01` as a date, `1:20` as a number), tags, merge
keys. What the values mean (references, dates, countries, quotes) is left to `imfhist.rules`.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from imfhist.dates import try_parse
from imfhist.model import Actor, Citation, Event, Loc, Place, Source, Text, Timeline
from imfhist.output.safety import UNSAFE_CHARACTERS
from imfhist.problems import Problem, Severity
from imfhist.yamlsource import compose, node_loc, read_text

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
_STANDARD_TAGS = {f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary", "set", "omap",
    "pairs", "merge", "value")}
_PLAIN_YEAR = re.compile(r"-?[0-9]+")

# The keys of each kind of object in imfhist/1, and which of them are required.
KEYS: dict[str, dict[str, bool]] = {
    "timeline": {"format": True, "title": False, "lang": False, "sources": False,
                 "actors": False, "places": False, "events": False},
    "source": {"id": True, "title": True, "url": False, "publisher": False, "accessed": False,
               "archive": False},
    "actor": {"id": True, "name": True, "kind": True, "description": False},
    "place": {"id": True, "name": True, "country": True},
    "event": {"id": True, "title": True, "summary": False, "date": False, "date_label": False,
              "countries": False, "regions": False, "places": False, "actors": False,
              "tags": False, "sources": True},
    "citation": {"ref": True, "quote": True},
}


@dataclass
class LoadResult:
    """What loading a file gave: the timeline when its shape allowed one, and the problems."""

    path: Path
    shown_as: str
    timeline: Timeline | None
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None


def shown_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def load(path: Path) -> LoadResult:
    """Read and load one timeline file. Raises TimelineUnreadable when there is no file to read."""
    shown_as = shown_path(path)
    text, problems = read_text(path, shown_as)
    if text is None:
        return LoadResult(path, shown_as, None, problems)
    return load_text(text, path, shown_as)


def load_text(text: str, path: Path, shown_as: str) -> LoadResult:
    document = compose(text, shown_as)
    if document.root is None:
        problems = list(document.problems) or [Problem(
            Loc(shown_as, 1, 1), Severity.ERROR, "empty",
            "the file holds no timeline", "start it with the line: format: imfhist/1")]
        return LoadResult(path, shown_as, None, problems, text)
    builder = _Builder(shown_as)
    timeline = builder.timeline(document.root, path)
    return LoadResult(path, shown_as, timeline, builder.problems, text)


class _Builder:
    def __init__(self, shown_as: str) -> None:
        self.path = shown_as
        self.problems: list[Problem] = []

    # -- reporting ---------------------------------------------------------------------------

    def loc(self, node: yaml.Node) -> Loc:
        return node_loc(self.path, node)

    def report(self, node: yaml.Node, rule: str, message: str, hint: str | None = None,
               severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.loc(node), severity, rule, message, hint))

    # -- generic shapes ----------------------------------------------------------------------

    def mapping(self, node: yaml.Node, kind: str, where: str) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node after checking them against KEYS[kind]."""
        if not isinstance(node, yaml.MappingNode):
            hint = ("a timeline starts with 'format: imfhist/1' at the left margin"
                    if kind == "timeline" else "write it as 'key: value' lines")
            self.wrong_type(node, f"{where} should be a mapping of keys to values", hint)
            return None
        self.check_tag(node)
        allowed = KEYS[kind]
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.report(key_node, "yaml-merge-key", "merge keys (<<) are not part of imfhist/1",
                            "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STR:
                self.report(key_node, "wrong-type", f"a key in {where} should be a plain word",
                            f"use one of: {', '.join(allowed)}")
                continue
            key = key_node.value
            if key in values:
                first = values[key].start_mark.line + 1
                self.report(key_node, "duplicate-key",
                            f"key '{key}' appears twice in {where} (first on line {first})",
                            "YAML readers keep only the last one; remove or merge the two")
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
                self.report(key_node, "unknown-key", f"unknown key '{key}' in {where}", hint)
                continue
            values[key] = value_node
        for key, required in allowed.items():
            if required and key not in values:
                self.report(node, "missing-key", f"{where} has no '{key}'",
                            f"add '{key}:' to it")
        return values

    def check_tag(self, node: yaml.Node) -> bool:
        if node.tag in _STANDARD_TAGS or node.tag in ("!", "?"):
            return True
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.report(node, "yaml-tag", f"the tag {shown} is not allowed",
                    "imfhist never runs YAML tags; remove the tag")
        return False

    def wrong_type(self, node: yaml.Node, expected: str, hint: str | None = None) -> None:
        if not self.check_tag(node):
            return
        self.report(node, "wrong-type", f"{expected}, {_describe(node)}", hint)

    def string(self, node: yaml.Node | None, where: str, *, year_ok: bool = False) -> Text | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and (
            node.tag == STR or (year_ok and node.tag == INT and _PLAIN_YEAR.fullmatch(node.value))
        ):
            unsafe = UNSAFE_CHARACTERS.search(node.value)
            if unsafe:
                self.report(node, "control-character", f"{where} holds {_character_name(unsafe)}",
                            "remove it: it is invisible, or changes how the text shows",
                            Severity.WARNING)
            return Text(node.value, self.loc(node))
        self.wrong_type(node, f"{where} should be text", _quote_hint(node))
        return None

    def plain(self, node: yaml.Node | None, where: str) -> str | None:
        text = self.string(node, where)
        return text.value if text else None

    def strings(self, node: yaml.Node | None, where: str) -> tuple[Text, ...]:
        items = []
        for item in self.sequence(node, where):
            text = self.string(item, f"each of the {where}")
            if text:
                items.append(text)
        return tuple(items)

    def sequence(self, node: yaml.Node | None, where: str) -> Iterator[yaml.Node]:
        if node is None:
            return
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return  # `tags:` with nothing after it: an empty list
        if not isinstance(node, yaml.SequenceNode):
            hint = (f"write it as a list: [{node.value}]"
                    if isinstance(node, yaml.ScalarNode) and node.value else None)
            self.wrong_type(node, f"{where} should be a list", hint)
            return
        if self.check_tag(node):
            yield from node.value

    def objects(self, node: yaml.Node | None, kind: str, where: str,
                build: Callable[[dict[str, yaml.Node], yaml.Node], Any]) -> tuple[Any, ...]:
        built = []
        article = "an" if kind[0] in "aeiou" else "a"
        seen: set[int] = set()
        for item in self.sequence(node, where):
            if id(item) in seen:
                self.report(item, "duplicate-id", f"{article} {kind} is repeated through a YAML "
                            "alias (*name) further down the list",
                            "write each one out, with its own id")
                continue
            seen.add(id(item))
            values = self.mapping(item, kind, f"{article} {kind}")
            if values is not None:
                value = build(values, item)
                if value is not None:
                    built.append(value)
        return tuple(built)

    # -- the objects of imfhist/1 ------------------------------------------------------------

    def timeline(self, root: yaml.Node, path: Path) -> Timeline | None:
        values = self.mapping(root, "timeline", "the timeline")
        if values is None:
            return None
        events = values.get("events")
        if events is None or (isinstance(events, yaml.SequenceNode) and not events.value):
            self.report(events or root, "no-events", "the timeline has no events",
                        "add an 'events:' list with at least one event")
        return Timeline(
            path=path,
            loc=self.loc(root),
            format=self.string(values.get("format"), "format"),
            title=self.plain(values.get("title"), "title"),
            lang=self.plain(values.get("lang"), "lang"),
            sources=self.objects(values.get("sources"), "source", "sources", self.source),
            actors=self.objects(values.get("actors"), "actor", "actors", self.actor),
            places=self.objects(values.get("places"), "place", "places", self.place),
            events=self.objects(values.get("events"), "event", "events", self.event),
        )

    def source(self, values: dict[str, yaml.Node], node: yaml.Node) -> Source | None:
        ident = self.string(values.get("id"), "a source's id")
        title = self.plain(values.get("title"), "a source's title")
        if ident is None or title is None:
            return None
        return Source(
            id=ident, title=title, loc=self.loc(node),
            url=self.plain(values.get("url"), "url"),
            publisher=self.plain(values.get("publisher"), "publisher"),
            accessed=self.plain(values.get("accessed"), "accessed"),
            archive=self.string(values.get("archive"), "archive"),
        )

    def actor(self, values: dict[str, yaml.Node], node: yaml.Node) -> Actor | None:
        ident = self.string(values.get("id"), "an actor's id")
        name = self.plain(values.get("name"), "an actor's name")
        kind = self.string(values.get("kind"), "an actor's kind")
        if ident is None or name is None or kind is None:
            return None
        return Actor(ident, name, kind, self.loc(node),
                     self.plain(values.get("description"), "description"))

    def place(self, values: dict[str, yaml.Node], node: yaml.Node) -> Place | None:
        ident = self.string(values.get("id"), "a place's id")
        name = self.plain(values.get("name"), "a place's name")
        country = self.string(values.get("country"), "a place's country")
        if ident is None or name is None or country is None:
            return None
        return Place(ident, name, country, self.loc(node))

    def citation(self, values: dict[str, yaml.Node], node: yaml.Node) -> Citation | None:
        ref = self.string(values.get("ref"), "a citation's ref")
        quote = self.string(values.get("quote"), "a citation's quote")
        if ref is None or quote is None:
            return None
        return Citation(ref, quote, self.loc(node))

    def event(self, values: dict[str, yaml.Node], node: yaml.Node) -> Event | None:
        ident = self.string(values.get("id"), "an event's id")
        title = self.plain(values.get("title"), "an event's title")
        date = self.string(values.get("date"), "date", year_ok=True)
        sources = self.objects(values.get("sources"), "citation", "an event's sources",
                               self.citation)
        if ident is None or title is None:
            return None
        return Event(
            id=ident,
            title=title,
            loc=self.loc(node),
            summary=self.plain(values.get("summary"), "summary"),
            date=date,
            date_label=self.plain(values.get("date_label"), "date_label"),
            countries=self.strings(values.get("countries"), "countries"),
            regions=self.strings(values.get("regions"), "regions"),
            places=self.strings(values.get("places"), "places"),
            actors=self.strings(values.get("actors"), "actors"),
            tags=self.strings(values.get("tags"), "tags"),
            sources=sources,
            edtf=try_parse(date.value) if date else None,
        )


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "but it is a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "but it is a list"
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "str":
        return "but it is text"
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    if kind == "bool":
        value = "true" if node.value.lower() in ("yes", "on", "y", "true") else "false"
        return f"but {shown} is read as the boolean {value} (YAML 1.1)"
    if kind == "int" and ":" in node.value:
        return f"but {shown} is read as a base-60 number (YAML 1.1)"
    if kind == "int" and re.fullmatch(r"[-+]?0[0-7]+", node.value):
        return f"but {shown} is read as an octal number (YAML 1.1)"
    if kind in ("int", "float"):
        return f"but {shown} is read as a number"
    if kind == "timestamp":
        return f"but {shown} is read as a date, not text"
    if kind == "null":
        return "but it is empty" if node.value in ("", "~", "null", "Null", "NULL") else "but null"
    return f"but it is {kind}"


def _character_name(match: re.Match[str]) -> str:
    character = match.group()
    name = unicodedata.name(character, "a control character")
    return f"U+{ord(character):04X} ({name.lower()})"


def _quote_hint(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and len(node.value) > 40:
        return "put it in quotes"
    if isinstance(node, yaml.ScalarNode) and node.value and node.tag != "tag:yaml.org,2002:null":
        quoted = node.value.replace("'", "''")
        return f"put it in quotes: '{quoted}'"
    if isinstance(node, yaml.ScalarNode):
        return "give it a value, or remove the key"
    return None

