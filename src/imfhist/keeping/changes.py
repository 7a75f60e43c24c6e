"""A change to a file planned as a value: what to insert, replace or delete, and where.

Writing commands plan their change as a list of `Change` values on the file's text; applying
them touches nothing outside their spans, so every other byte (comments, blank lines, quoting,
line ends) stays as it was, and `--dry-run` shows them as a unified diff.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# YAML's line breaks, as the reader counts them.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class Change:
    """Replace text[start:end] by `text`: an insertion when start == end, a deletion when `text`
    is empty. `owner` says which item of a top-level list the change falls in, as (list, index),
    the index one past the last item for items added at its end; None when it is not within one
    item (the whole new file is then composed again to check it)."""

    start: int
    end: int
    text: str
    owner: tuple[str, int] | None = None


class OverlappingChanges(ValueError):
    """Two changes touch the same span: the plan is wrong."""


def apply(text: str, changes: Iterable[Change]) -> str:
    """`text` with every change made; the spans must not overlap. Insertions at one place are
    made in the order the plan gives them."""
    ordered = sorted(changes, key=lambda change: (change.start, change.end))
    pieces = []
    position = 0
    for change in ordered:
        if change.start < position or change.end < change.start or change.end > len(text):
            raise OverlappingChanges(change)
        pieces += [text[position:change.start], change.text]
        position = change.end
    pieces.append(text[position:])
    return "".join(pieces)


def _lines(text: str) -> list[str]:
    """Lines with their ends, split where YAML breaks them (a lone CR too)."""
    lines = []
    position = 0
    for match in _BREAK.finditer(text):
        lines.append(text[position:match.end()])
        position = match.end()
    if position < len(text):
        lines.append(text[position:])
    return lines


def unified_diff(old: str, new: str, shown: str, context: int = 3) -> str:
    """The difference as `diff -u` prints it, line ends shown as plain newlines."""
    before = [_BREAK.sub("", line) + "\n" for line in _lines(old)]
    after = [_BREAK.sub("", line) + "\n" for line in _lines(new)]
    return "".join(difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}", n=context))


def newline_of(text: str) -> str:
    """The line end the file uses: CRLF, a lone CR or LF (LF for a file with no line end)."""
    match = _BREAK.search(text)
    if match is None or match.group() not in ("\r\n", "\r"):
        return "\n"
    return match.group()


_BREAKS = "\r\n\x85\u2028\u2029"


class Lines:
    """The lines around a place in a text, found by looking at the characters near it: a table
    of every line start would cost more, on a large file, than the few lookups a change needs."""

    def __init__(self, text: str) -> None:
        self.text = text

    def line_start(self, index: int) -> int:
        """The index where the line holding `index` starts (a CRLF is one line end: its LF
        belongs to the line its CR ends)."""
        text = self.text
        position = min(index, len(text))
        if 0 < position < len(text) and text[position] == "\n" and text[position - 1] == "\r":
            position -= 1  # the LF of a CRLF ends the line its CR ends
        while position > 0 and text[position - 1] not in _BREAKS:
            position -= 1
        return position

    def line_end(self, index: int) -> int:
        """The index just after the line end of the line holding `index` (or the text's end)."""
        text = self.text
        position = index
        while position < len(text) and text[position] not in _BREAKS:
            position += 1
        if position >= len(text):
            return len(text)
        if text.startswith("\r\n", position):
            return position + 2
        return position + 1


class PlanRefused(Exception):
    """The change asked for cannot be planned (no such id, an id still referenced, …): a message,
    a hint, and lines that say more (each reference, for one)."""

    def __init__(self, message: str, hint: str | None = None, details: tuple[str, ...] = (),
                 code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details
        self.code = code
