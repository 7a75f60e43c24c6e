"""Whether the words of an event's title and summary are carried by its quotes.

A content word of a title is carried when one of the event's quotes holds the same word or
another form of it (`participe` for `a participé`, `développent` for `se sont développées`):
words are compared by their lemma in the timeline's language (simplemma's dictionaries), case
and accents aside. The language's function words (`le`, `de`, `sont`; the stop words of the
`stop-words` package) say nothing of their own and are left out. The words of what the event
claims (its actors' names and aliases, its places, countries and regions, its date and
`date_label`) count as carried: the `claim-*` rules check those against the quotes.

simplemma's dictionary of a language takes most of a second to load; it is imported and loaded
only when a timeline in that language is checked, never at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from imfhist.common.textnorm import fold
from imfhist.timeline.evidence import words

# The languages whose lemmas and function words imfhist knows (a timeline's `lang`).
LANGUAGES = ("fr", "en")

_WORD = re.compile(r"\w+")


def checks(lang: str | None) -> bool:
    """Whether the words of a timeline in `lang` can be compared by lemma."""
    return lang in LANGUAGES


@lru_cache(maxsize=4)
def _function_words(lang: str) -> frozenset[str]:
    from stop_words import get_stop_words

    # Elided words are written with their apostrophe in the list (`l'`) and split from the next
    # word here (`l’IMF` is `l` and `imf`): both forms are function words.
    return frozenset(fold(word).strip("'") for word in get_stop_words(lang))


@lru_cache(maxsize=1)
def _lemmatizer():  # type: ignore[no-untyped-def]
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    # Greedy: `développées` is `développer`, as `développent` is, rather than the adjective
    # `développée`.
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(greedy=True))


@lru_cache(maxsize=65536)
def keys(word: str, lang: str) -> frozenset[str]:
    """The forms by which `word` is compared: itself and its lemma, folded."""
    folded = _folded(word)
    if folded.isdigit():
        return frozenset((folded,))
    lemma = _lemmatizer().lemmatize(word.casefold(), lang=lang)
    return frozenset((folded, fold(lemma)))


def _folded(word: str) -> str:
    return word.casefold() if word.isascii() else _folded_accents(word)


@lru_cache(maxsize=65536)
def _folded_accents(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=4096)
def _plain(text: str) -> frozenset[str]:
    # The words of a text as written, folded (names of actors and countries recur: cached).
    return frozenset(words(text))


@lru_cache(maxsize=4096)
def _forms(text: str, lang: str) -> frozenset[str]:
    found: set[str] = set()
    for token in _WORD.findall(text):
        found |= keys(token, lang)
    return frozenset(found)


def content_words(text: str, lang: str) -> list[str]:
    """The words of `text` that are not function words, as written, each once."""
    stop = _function_words(lang)
    found: list[str] = []
    seen: set[str] = set()
    for token in _WORD.findall(text):
        folded = _folded(token)
        if folded in stop or folded in seen or (len(folded) == 1 and not folded.isdigit()):
            continue
        seen.add(folded)
        found.append(token)
    return found


class Carried:
    """What an event's quotes and claims carry: their words, and those words' lemmas."""

    def __init__(self, lang: str, quotes: Iterable[str], claimed: Iterable[str] = ()) -> None:
        self.lang = lang
        self.texts = [*quotes, *claimed]
        # Most words of a title are written as the quote writes them: lemmas are looked up only
        # for the others.
        self.plain: set[str] = set().union(*(_plain(text) for text in self.texts))
        self._forms: set[str] | None = None

    def carries(self, word: str) -> bool:
        if _folded(word) in self.plain:
            return True
        if self._forms is None:
            self._forms = set().union(*(_forms(text, self.lang) for text in self.texts))
        return bool(keys(word, self.lang) & self._forms)

    def missing(self, text: str) -> list[str]:
        """The content words of `text` that nothing carries, as written, in their order."""
        return [word for word in content_words(text, self.lang) if not self.carries(word)]
