"""Adding to a timeline file as text, so that every byte already there stays as it was.

New events (and the sources, actors and places they bring) are written in the file's own
indentation, line ends and quoting, and inserted where their list ends: after the last item's
last value, in a block list; before the closing bracket, in a flow list (`[…]`); as the first
item of an empty one. The change is planned as `Change` values (imfhist.keeping.changes) and made by
imfhist.keeping.transaction: locked, checked as a whole file, replaced atomically.
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

from imfhist.keeping.changes import Change, newline_of
from imfhist.keeping.outline import ListInfo, Outline
from imfhist.keeping.transaction import Outcome, WriteRefused, rewrite

# The order in which an event's keys are written, as in docs/format.md.
EVENT_KEYS = ("id", "title", "summary", "date", "date_label", "countries", "regions", "places",
              "actors", "tags", "sources")


@dataclass
class Addition:
    """What to add: events, and the actors and places they need that the file lacks."""

    events: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    # Events whose id was made from the title: given another if a writer took it meanwhile.
    made_ids: set[str] = field(default_factory=set)


# Words an id may not end on: a cut title must still end on what it is about ("...-de-promotion"
# rather than "...-de-promotion-sociale-de"). French and English articles, prepositions and
# conjunctions, elided forms included (l', d' fold to "l", "d").
_FUNCTION_WORDS = frozenset((
    "a", "au", "aux", "avec", "c", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le",
    "les", "leur", "leurs", "n", "ou", "par", "pour", "qu", "que", "qui", "s", "sa", "se", "ses",
    "son", "sur", "un", "une",
    "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with",
))
MAX_ID_LENGTH = 48


def slug(title: str, taken: Iterable[str] = ()) -> str:
    """An id made from a title: ASCII, lower-case, whole words joined by hyphens, at most
    MAX_ID_LENGTH characters, ending on a content word, unique in `taken`."""
    decomposed = unicodedata.normalize("NFKD", title.replace("’", "'"))
    ascii_text = decomposed.encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    kept: list[str] = []
    for word in words:  # cut between words, never inside one
        if kept and len("-".join([*kept, word])) > MAX_ID_LENGTH:
            break
        kept.append(word[:MAX_ID_LENGTH])
    while len(kept) > 1 and kept[-1] in _FUNCTION_WORDS:
        kept.pop()
    base = "-".join(kept) or "event"
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
    """How the file writes a list: line ends, and the indentation of its items and keys."""

    newline: str
    item_indent: str  # before the "-" of a list item
    key_indent: str  # before the second and later keys of a list item
    blank_line: bool = False  # whether the items of the list are separated by a blank line

    @property
    def first_prefix(self) -> str:
        """What comes before the first key of an item: "  - ", or "  -   " in a file that
        writes `-   id:`."""
        return self.item_indent + "-" + " " * (len(self.key_indent) - len(self.item_indent) - 1)


def style_of(outline: Outline, key: str) -> Style:
    """The style of the list `key`, read from its nodes; from another list when it has no block
    items; two spaces a level when the file has none."""
    newline = newline_of(outline.text)
    for name in (key, "events", "actors", "places", "sources"):
        info = outline.lists.get(name)
        if info is None or not info.is_block or not info.last:
            continue
        item = info.last[-1]
        dash = info.value.start_mark.column
        keys = item.start_mark.column if isinstance(item, yaml.MappingNode) else dash + 2
        if keys <= dash:
            keys = dash + 2
        return Style(newline, " " * dash, " " * keys, name == key and _separated(outline, info))
    base = " " * getattr(outline, "key_column", 0)
    return Style(newline, base + "  ", base + "    ")


def _separated(outline: Outline, info: ListInfo) -> bool:
    """Whether the last two items of a list are separated by a blank line."""
    if len(info.last) < 2:
        return False
    between = outline.text[outline.content_end(info.last[0]):info.last[1].start_mark.index]
    return re.search(r"(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)", between) is not None


def render_mapping(record: dict[str, Any], style: Style, order: Sequence[str]) -> str:
    """One list item in block style: `- id: x` then one key per line."""
    lines = []
    keys = [k for k in order if k in record] + [k for k in record if k not in order]
    for number, key in enumerate(keys):
        value = record[key]
        prefix = style.first_prefix if number == 0 else style.key_indent
        if key in ("sources", "relations") and isinstance(value, list):
            lines.append(f"{prefix}{key}:")
            lines += citation_lines(value, style)
        elif isinstance(value, list):
            lines.append(f"{prefix}{key}: {flow_list(value)}")
        else:
            lines.append(f"{prefix}{key}: {scalar(str(value))}")
    block = style.newline.join(lines) + style.newline
    return style.newline + block if style.blank_line else block


def citation_lines(citations: Sequence[dict[str, str]], style: Style) -> list[str]:
    """The items of an event's `sources` or `relations`: `ref` and `quote` after the relation's
    kind, if it has one."""
    lines = []
    for citation in citations:
        keys = [k for k in citation if k not in ("ref", "quote")] + ["ref", "quote"]
        for number, key in enumerate(keys):
            lines.append(f"{style.key_indent}  {'-' if number == 0 else ' '} "
                         f"{key}: {scalar(citation[key])}")
    return lines


def flow_list(values: Sequence[str]) -> str:
    return f"[{', '.join(scalar(v, flow=True) for v in values)}]"


def render_flow(record: dict[str, Any], order: Sequence[str]) -> str:
    """One item in flow style, for a list written `[{…}, {…}]`."""
    keys = [k for k in order if k in record] + [k for k in record if k not in order]
    parts = []
    for key in keys:
        value = record[key]
        if isinstance(value, list) and value and isinstance(value[0], dict):
            inner = ", ".join(render_flow(v, (*[k for k in v if k not in ("ref", "quote")],
                                              "ref", "quote")) for v in value)
            parts.append(f"{key}: [{inner}]")
        elif isinstance(value, list):
            parts.append(f"{key}: {flow_list(value)}")
        else:
            parts.append(f"{key}: {scalar(str(value), flow=True)}")
    return "{" + ", ".join(parts) + "}"


# The order of each list's keys, as in docs/format.md.
ORDERS = {"sources": ("id", "title", "publisher", "url", "accessed", "archive"),
          "actors": ("id", "name", "kind", "description"),
          "places": ("id", "name", "country"),
          "events": EVENT_KEYS}


def plan_addition(outline: Outline, addition: Addition) -> list[Change]:
    """The changes that add every record of `addition` at the end of its list."""
    text = outline.text
    changes: list[Change] = []
    appended: list[str] = []
    newline = newline_of(text)
    for key in ("sources", "actors", "places", "events"):
        records = getattr(addition, key)
        if not records:
            continue
        style = style_of(outline, key)
        block = "".join(render_mapping(r, style, ORDERS[key]) for r in records)
        info = outline.lists.get(key)
        if info is None:
            base = " " * getattr(outline, "key_column", 0)
            appended.append(f"{base}{key}:{newline}{block}")
            continue
        value = info.value
        if isinstance(value, yaml.SequenceNode) and value.flow_style and value.value:
            after = info.last[-1].end_mark.index
            rendered = "".join(f", {render_flow(r, ORDERS[key])}" for r in records)
            changes.append(Change(after, after, rendered))
            continue
        if isinstance(value, yaml.SequenceNode) and value.value:
            point = _after_own_comments(
                outline, outline.line_after(outline.content_end(info.last[-1])),
                value.start_mark.column)
        else:
            # Empty (`events:`, `events: ~` or `events: []`): the value goes, the items follow.
            if value.end_mark.index > value.start_mark.index:
                start = value.start_mark.index
                while start > 0 and text[start - 1] in " \t":
                    start -= 1  # no space left after the colon
                changes.append(Change(start, value.end_mark.index, ""))
            point = outline.lines.line_end(info.key_node.start_mark.index)
            block = "".join(render_mapping(r, Style(style.newline, style.item_indent,
                                                     style.key_indent), ORDERS[key])
                            for r in records)
        owner = None
        if point > 0 and text[point - 1] not in "\r\n\x85\u2028\u2029":
            block = newline + block
        elif info.last:
            owner = outline.end_of_list(key)  # whole items after whole items
        changes.append(Change(point, point, block, owner))
    if appended:
        tail = "".join(appended)
        if text and text[-1] not in "\r\n\x85\u2028\u2029":
            tail = newline + tail
        changes.append(Change(len(text), len(text), tail))
    return changes


def _after_own_comments(outline: Outline, point: int, dash: int) -> int:
    """After the comment lines that follow an item indented deeper than its `-` (such as the
    `# url:` that `imfhist init` writes inside its placeholder source): they belong to that
    item, and a new item goes after them, not between the item and its comments."""
    text = outline.text
    while point < len(text) and (point == 0 or text[point - 1] in "\r\n\x85\u2028\u2029"):
        end = outline.lines.line_end(point)
        line = text[point:end]
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) <= dash:
            break
        point = end
    return point


def fresh_ids(addition: Addition, timeline: Any) -> None:
    """Give another id to an event whose made-up id a concurrent writer took meanwhile."""
    taken = {e.id.value for e in timeline.events}
    for record in addition.events:
        if record["id"] in taken and record["id"] in addition.made_ids:
            record["id"] = slug(record["title"], taken)
        taken.add(record["id"])


def write_addition(path: Path, addition: Addition, *, dry_run: bool = False) -> Outcome:
    """Add to the file at `path`: locked, checked as a whole, replaced atomically. Raises
    WriteRefused when the result has errors the file did not have (see
    imfhist.keeping.transaction)."""

    def planner(outline: Outline, timeline: Any) -> list[Change]:
        fresh_ids(addition, timeline)
        return plan_addition(outline, addition)

    return rewrite(path, planner, dry_run=dry_run)


__all__ = ["EVENT_KEYS", "Addition", "Style", "WriteRefused", "plan_addition",
           "render_mapping", "scalar", "slug", "write_addition"]
