"""Events that say the same thing twice: the same title (case, accents and punctuation aside),
or the same date and the same quotes. Used by the `duplicate-event` rule, and by `imfhist add`
and `imfhist import` to refuse a second copy of an event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from imfhist.common.i18n import _
from imfhist.timeline.archives import normalised_quote


class Seen(NamedTuple):
    """An event already there: its id and its line in the file (0 for a row being imported)."""

    id: str
    line: int
    row: int = 0


Quotes = tuple[tuple[str, str], ...]  # (source id, quote) as written


def _title_key(title: str) -> str:
    # Its words, case and accents aside: "Le projet AlterMed." is "le projet altermed".
    from imfhist.timeline.evidence import words

    return " ".join(words(title))


class Duplicates:
    """The events seen so far. Only hashes of their folded title and of their date and quotes
    are kept, with the texts they were made from (which the timeline holds anyway): a large
    timeline's quotes are not copied a second time."""

    def __init__(self) -> None:
        self._titles: dict[int, list[tuple[Seen, str]]] = {}
        self._contents: dict[int, list[tuple[Seen, str, Quotes]]] = {}

    @staticmethod
    def _said(quotes: Quotes) -> frozenset[tuple[str, str]]:
        # Quotes are compared as written, spaces aside: the same words, the same quote.
        return frozenset((ref, normalised_quote(quote)) for ref, quote in quotes)

    def see(self, seen: Seen, title: str, date: str | None,
            quotes: Iterable[tuple[str, str]], *, remember: bool = True) -> tuple[Seen, str] | None:
        """The event that this one repeats, and how; None when it is new. Either way it is
        remembered (unless `remember` is false: a draft still being corrected), so that a later
        one repeating it names it."""
        quotes = tuple(quotes)
        title_key = _title_key(title)
        said = self._said(quotes)
        content_hash = hash((date or "", said))
        same_title = same_content = None
        if title_key:
            same_title = next((first for first, first_title in self._titles.get(
                hash(title_key), ()) if _title_key(first_title) == title_key), None)
            if same_title is None and remember:  # the first of its title is the one to name
                self._titles.setdefault(hash(title_key), []).append((seen, title))
        if said:
            same_content = next((first for first, first_date, first_quotes in self._contents.get(
                content_hash, ()) if first_date == (date or "") and
                self._said(first_quotes) == said), None)
            if same_content is None and remember:
                self._contents.setdefault(content_hash, []).append((seen, date or "", quotes))
        if same_title is not None:
            return same_title, _("the same title")
        if same_content is not None:
            if not date:  # "the same date" would be untrue of two events that have none
                return same_content, _("the same quotes, and neither has a date")
            return same_content, _("the same date and the same quotes")
        return None
