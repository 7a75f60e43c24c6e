"""Adding events to a timeline file as text, so that every byte already there stays as it was.

New events (and the actors and places they bring) are written in the file's own indentation,
line ends and quoting, and inserted where their list ends. The whole resulting file is checked
before it replaces the old one, and the replacement is atomic (see imfhist.atomic).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from imfhist.atomic import write_atomically
from imfhist.loader import load_text, shown_path
from imfhist.problems import Problem

# The order in which an event's keys are written, as in docs/format.md.
EVENT_KEYS = ("id", "title", "summary", "date", "date_label", "countries", "regions", "places",
              "actors", "tags", "sources")


@dataclass
class Addition:
    """What to add: events, and the actors and places they need that the file lacks."""

    events: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)


class WriteRefused(Exception):
    """The change would make the timeline invalid; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = list(problems)


def slug(title: str, taken: Iterable[str] = ()) -> str:
    """An id made from a title: ASCII, lower-case, words joined by hyphens, unique in `taken`."""
    decomposed = unicodedata.normalize("NFKD", title.replace("’", "'"))
    ascii_text = decomposed.encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    base = ""
    for word in words:  # at most about 50 characters, cut between words
        if base and len(base) + len(word) + 1 > 50:
            break
        base = f"{base}-{word}" if base else word
    base = base or "event"
    existing = set(taken)
    candidate, number = base, 2
    while candidate in existing:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def scalar(value: str, flow: bool = False) -> str:
    """`value` as YAML text: plain when every YAML reader reads it back as this same text,
    double-quoted otherwise (JSON string syntax is valid YAML)."""
    plain_ok = (
        value != ""
        and value == value.strip()
        and "\n" not in value
        and not re.search(r":\s|\s#|^[-?:,\[\]{}#&*!|>'\"%@`]", value)
        and not (flow and re.search(r"[,\[\]{}]", value))
    )
    if plain_ok:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Style:
    """How the file writes things: line ends, and the indentation of list items and keys."""

    newline: str
    item_indent: str  # before "- " of a list item
    key_indent: str  # before the second and later keys of a list item
    blank_line: bool = False  # whether the items of the list are separated by a blank line


def detect_style(text: str, list_key: str = "events") -> Style:
    newline = "\r\n" if "\r\n" in text else "\n"
    found = re.search(rf"(?m)^{list_key}:[ \t]*\r?\n(?:[ \t]*(?:#.*)?\r?\n)*([ \t]*)- ", text)
    item = found.group(1) if found else "  "
    if found:
        after = text[found.end():]
        key = re.search(r"\r?\n([ \t]*)[A-Za-z_]+:", after)
        key_indent = key.group(1) if key and len(key.group(1)) > len(item) else item + "  "
    else:
        key_indent = item + "  "
    separated = False
    if found:  # look only within this list: up to the next top-level key
        region = text[found.end():]
        next_key = re.search(r"\n[A-Za-z_][\w-]*:", region)
        region = region[:next_key.start()] if next_key else region
        separated = re.search(rf"\r?\n[ \t]*\r?\n{re.escape(item)}- ", region) is not None
    return Style(newline, item, key_indent, separated)


def render_mapping(record: dict[str, Any], style: Style, order: Sequence[str]) -> str:
    """One list item in block style: `- id: x` then one key per line."""
    lines = []
    keys = [k for k in order if k in record] + [k for k in record if k not in order]
    for number, key in enumerate(keys):
        value = record[key]
        prefix = f"{style.item_indent}- " if number == 0 else style.key_indent
        if key == "sources":
            lines.append(f"{prefix}sources:")
            for citation in value:
                lines.append(f"{style.key_indent}  - ref: {scalar(citation['ref'])}")
                lines.append(f"{style.key_indent}    quote: {scalar(citation['quote'])}")
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]")
        else:
            lines.append(f"{prefix}{key}: {scalar(str(value))}")
    block = style.newline.join(lines) + style.newline
    return style.newline + block if style.blank_line else block


def _last_scalar(node: yaml.Node) -> yaml.Node:
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _insertion_point(text: str, root: yaml.Node | None, key: str) -> int | None:
    """Where a new item of the top-level list `key` goes: just after the line on which its
    last item's last value ends (before the blank lines and comments that follow it)."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value_node in root.value:
        if key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            if value_node.flow_style or not value_node.value:
                return None
            end = _last_scalar(value_node.value[-1]).end_mark.index
            content_end = len(text[:end].rstrip())
            line_end = text.find("\n", content_end)
            return len(text) if line_end < 0 else line_end + 1
    return None


def apply(text: str, addition: Addition) -> str:
    """The file's text with the addition inserted; every other byte is kept."""
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    pieces: list[tuple[int, str]] = []
    appended: list[str] = []
    for key, records, order in (("actors", addition.actors, ("id", "name", "kind",
                                                              "description")),
                                ("places", addition.places, ("id", "name", "country")),
                                ("events", addition.events, EVENT_KEYS)):
        if not records:
            continue
        style = detect_style(text, key if re.search(rf"(?m)^{key}:", text) else "events")
        block = "".join(render_mapping(r, style, order) for r in records)
        point = _insertion_point(text, root, key)
        if point is not None:
            pieces.append((point, block))
        else:
            appended.append(f"{key}:{style.newline}{block}")
    result = text
    for point, block in sorted(pieces, reverse=True):
        before = result[:point]
        if before and not before.endswith("\n"):
            block = detect_style(text).newline + block
        result = before + block + result[point:]
    if appended:
        newline = detect_style(text).newline
        if result and not result.endswith("\n"):
            result += newline
        result += "".join(appended)
    return result


def write_addition(path: Path, addition: Addition, *, dry_run: bool = False) -> str:
    """Add to the file at `path`: check the whole result, then replace the file atomically.
    Returns the new text. Raises WriteRefused when the result has errors the file did not."""
    from imfhist import rules

    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    result = apply(text, addition)
    shown = shown_path(path)

    def errors(source: str) -> list[Problem]:
        loaded = load_text(source, path, shown)
        found = list(loaded.problems)
        if loaded.timeline is not None:
            found += rules.check(loaded.timeline)
        return [p for p in found if p.is_error]

    before = {(p.rule, p.message) for p in errors(text)}
    new = [p for p in errors(result) if (p.rule, p.message) not in before]
    if new:
        raise WriteRefused(sorted(new))
    if not dry_run:
        write_atomically(path, (b"\xef\xbb\xbf" if bom else b"") + result.encode("utf-8"))
    return result
