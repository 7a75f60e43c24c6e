"""Events that say the same thing twice: the same title (case, accents and punctuation aside),
or the same date and the same quotes. Used by the `duplicate-event` rule, and by `imfhist add`
and `imfhist import` to refuse a second copy of an event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from imfhist.i18n import _
from imfhist.textnorm import fold_name, normalise_spacing


class Seen(NamedTuple):
    """An event already there: its id and its line in the file (0 for a row being imported)."""

    id: str
    line: int
    row: int = 0


class Duplicates:
    """The events seen so far, by folded title and by date and quotes."""

    def __init__(self) -> None:
        self._titles: dict[str, Seen] = {}
        self._contents: dict[tuple[str, frozenset[tuple[str, str]]], Seen] = {}

    def see(self, seen: Seen, title: str, date: str | None,
            quotes: Iterable[tuple[str, str]]) -> tuple[Seen, str] | None:
        """The event that this one repeats, and how; None when it is new. Either way it is
        remembered, so that a later one repeating it names it."""
        title_key = fold_name(title)
        # Quotes are compared as written, spaces aside: the same words, the same quote.
        said = frozenset((ref, normalise_spacing(quote)) for ref, quote in quotes)
        content_key = (date or "", said)
        found = None
        if title_key and title_key in self._titles:
            found = self._titles[title_key], _("the same title")
        elif said and content_key in self._contents:
            found = self._contents[content_key], _("the same date and the same quotes")
        if title_key:
            self._titles.setdefault(title_key, seen)
        if said:
            self._contents.setdefault(content_key, seen)
        return found
