""""Did you mean": the closest names to a word that matched nothing."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class Suggester:
    """Close matches among a fixed set of names, remembered per word so that a file with many
    copies of the same typo pays for one search."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = list(dict.fromkeys(names))
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, word: str, n: int = 3) -> tuple[str, ...]:
        found = self._cache.get(word)
        if found is None:
            found = tuple(difflib.get_close_matches(word, self._names, n=n, cutoff=0.6))
            self._cache[word] = found
        return found


def did_you_mean(matches: Iterable[str]) -> str | None:
    names = [f"'{m}'" for m in matches]
    if not names:
        return None
    return f"did you mean {' or '.join(names)}?"
