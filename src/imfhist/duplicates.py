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
    def __init__(self) -> None:
        self._titles: dict[str, Seen] = {}
        self._contents: dict[tuple[str, frozenset[tuple[str, str]]], Seen] = {}

    @staticmethod
    def _keys(title: str, date: str | None, quotes: Iterable[tuple[str, str]]
              ) -> tuple[str, tuple[str, frozenset[tuple[str, str]]]]:
        said = frozenset((ref, fold_name(normalise_spacing(quote))) for ref, quote in quotes)
        return fold_name(title), (date or "", said)

    def find(self, title: str, date: str | None,
             quotes: Iterable[tuple[str, str]]) -> tuple[Seen, str] | None:
        """The event this one repeats, and how it repeats it; None when it is new."""
        title_key, content_key = self._keys(title, date, quotes)
        if title_key and title_key in self._titles:
            return self._titles[title_key], _("the same title")
        if content_key[1] and content_key in self._contents:
            return self._contents[content_key], _("the same date and the same quotes")
        return None

    def add(self, seen: Seen, title: str, date: str | None,
            quotes: Iterable[tuple[str, str]]) -> None:
        title_key, content_key = self._keys(title, date, quotes)
        if title_key:
            self._titles.setdefault(title_key, seen)
        if content_key[1]:
            self._contents.setdefault(content_key, seen)
