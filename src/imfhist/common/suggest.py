""""Did you mean": the closest names to a word that matched nothing.

A file with ten thousand ids and a thousand typos must not compare every typo with every id.
For a large set of names, a trigram index picks a few dozen candidates that share the most
three-letter pieces with the word, and only those are ranked by difflib; pieces that nearly every
name has (such as "ev" in "event-0001") say nothing and are skipped.

The work is bounded whatever the file holds: each Suggester answers at most MAX_WORDS distinct
words (further ones get no suggestion; a file with 170,000 unknown references gets suggestions
for the first thousand), and words or names longer than MAX_LENGTH characters, which difflib
compares in time proportional to the product of their lengths, are never compared.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable

_SMALL = 64  # up to this many names, difflib over all of them is quick enough
_CANDIDATES = 16
_COMMON = 0.2  # a trigram found in more than this share of the names is skipped
MAX_WORDS = 1000
MAX_LENGTH = 100


def _trigrams(word: str) -> set[str]:
    padded = f"  {word.casefold()} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """Close matches among a fixed set of names, remembered per word."""

    def __init__(self, names: Iterable[str], cutoff: float = 0.6) -> None:
        self._names = [n for n in dict.fromkeys(names) if len(n) <= MAX_LENGTH]
        self._cutoff = cutoff
        self._cache: dict[str, tuple[str, ...]] = {}
        self._index: dict[str, list[int]] | None = None

    def __call__(self, word: str, n: int = 3) -> tuple[str, ...]:
        found = self._cache.get(word)
        if found is None:
            if len(word) > MAX_LENGTH or len(self._cache) >= MAX_WORDS:
                return ()
            candidates = self._names if len(self._names) <= _SMALL else self._candidates(word)
            found = tuple(difflib.get_close_matches(word, candidates, n=n, cutoff=self._cutoff))
            self._cache[word] = found
        return found

    def _candidates(self, word: str) -> list[str]:
        if self._index is None:
            index: dict[str, list[int]] = defaultdict(list)
            for number, name in enumerate(self._names):
                for gram in _trigrams(name):
                    index[gram].append(number)
            self._index = dict(index)
        limit = max(_CANDIDATES, int(len(self._names) * _COMMON))
        postings = [self._index[g] for g in _trigrams(word) if g in self._index]
        informative = [p for p in postings if len(p) <= limit]
        if not informative and postings:
            informative = [min(postings, key=len)[:limit]]
        shared: Counter[int] = Counter()
        for posting in informative:
            shared.update(posting)
        return [self._names[number] for number, _ in shared.most_common(_CANDIDATES)]


def close_names(word: str, names: Iterable[str], n: int = 3) -> tuple[str, ...]:
    """The names a user most likely meant by `word`: those that contain it, whatever the case
    (`far` for `projet-far-annaba`), shortest first; then the closest spellings."""
    names = list(dict.fromkeys(names))
    key = word.casefold()
    containing = sorted((name for name in names if key and key in name.casefold()),
                        key=lambda name: (len(name), name)) if len(key) >= 2 else []
    close = Suggester(names)(word.casefold(), n=n)
    return tuple(dict.fromkeys([*containing, *close]))[:n]


def did_you_mean(matches: Iterable[str]) -> str | None:
    from imfhist.common.i18n import _, p_

    # Quoted as the language quotes: 'x' in English, « x » in French.
    names = [p_("quoting", "'{text}'").format(text=m) for m in matches]
    if not names:
        return None
    return _("did you mean {names}?").format(names=_(" or ").join(names))
