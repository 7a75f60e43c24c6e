"""Whether the words of an event's title and summary are carried by its quotes.

A content word of a title is carried when one of the event's quotes holds the same word or
another form of it (`participe` for `a participé`, `développent` for `se sont développées`):
words are compared by their lemma in the timeline's language (simplemma's dictionaries), case
and accents aside. The language's function words (`le`, `de`, `sont`; the stop words of the
`stop-words` package) say nothing of their own and are left out. The words of what the event
claims (its actors' names and aliases, its places, countries and regions, its date and
`date_label`) count as carried: the `claim-*` rules check those against the quotes.

simplemma's dictionary of a language takes a fifth of a second to load, twice what a whole
listing of the IMF timeline takes otherwise: it is loaded only for a word that no quote writes as
it is, and whose lemma no earlier run has found. The lemmas found are kept in the user's cache
(`lemmas-LANG.txt`, under a key made of simplemma's version and how it is asked), read as
`common.cache` reads any cache file; anything wrong with it is a miss, and the dictionary is
loaded as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from imfhist.common import cache
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


# How the lemmas are asked for: a change here must not reuse the lemmas kept by another way.
_STRATEGY = b"simplemma DefaultStrategy(greedy=True)"
_KEPT_LEMMAS = 200_000  # words kept per language (about 4 MB)
_MAX_LEMMA_BYTES = 8 * 1024 * 1024


class _Lemmas:
    """The lemmas of one language: those kept by earlier runs, and those found in this one."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.path = cache.folder() / f"lemmas-{lang}.txt"
        self.key = _lemmas_key(lang)
        self.known: dict[str, str] | None = None
        self.found: dict[str, str] = {}

    def lemma(self, word: str) -> str:
        if self.known is None:
            self.known = _recall_lemmas(self.path, self.key)
        lemma = self.known.get(word)
        if lemma is None:
            lemma = _lemmatizer().lemmatize(word, lang=self.lang)
            self.known[word] = self.found[word] = lemma
        return lemma

    def keep(self) -> None:
        if not self.found or self.key is None or self.known is None:
            return
        kept = list(self.known.items())[-_KEPT_LEMMAS:]
        lines = "".join(f"{word}\t{lemma}\n" for word, lemma in kept
                        if "\t" not in lemma and "\n" not in lemma)
        cache.remember_text(self.path, f"{self.key}\n{lines}")
        self.found = {}


@lru_cache(maxsize=1)
def words_fingerprint() -> bytes:
    """What decides the words that the rule compares, besides imfhist's own code: simplemma's
    metadata (its version) and the stop-word lists, read without importing either (a file not
    found reads as `-`)."""
    parts = [_package_file("simplemma", "__metadata__.py"),
             _package_file("stop_words", "stop-words/french.txt"),
             _package_file("stop_words", "stop-words/english.txt")]
    return cache.digest(part or b"-" for part in parts).encode()


def _package_file(package: str, name: str) -> bytes | None:
    """The bytes of a file of an installed package (1 MB at most), without importing it; None
    when it is not there."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
        if spec is None or spec.origin is None:
            return None
        with open(Path(spec.origin).parent / name, "rb") as handle:
            return handle.read(1 << 20)
    except (OSError, ImportError, ValueError):
        return None


def _lemmas_key(lang: str) -> str | None:
    """simplemma's version (read from its metadata, without importing it), and the strategy;
    None when simplemma is not where it should be (then nothing is kept)."""
    metadata = _package_file("simplemma", "__metadata__.py")
    if metadata is None:
        return None
    return cache.digest([metadata, _STRATEGY, lang.encode()])


def _recall_lemmas(path: Path, key: str | None) -> dict[str, str]:
    text = cache.recall_text(path, _MAX_LEMMA_BYTES) if key is not None else None
    if text is None:
        return {}
    first, _newline, rest = text.partition("\n")
    if first != key:
        return {}
    known: dict[str, str] = {}
    for line in rest.splitlines():
        word, tab, lemma = line.partition("\t")
        if tab and word and lemma:
            known[word] = lemma
    return known


_BY_LANGUAGE: dict[str, _Lemmas] = {}


def _lemmas(lang: str) -> _Lemmas:
    found = _BY_LANGUAGE.get(lang)
    if found is None:
        found = _BY_LANGUAGE[lang] = _Lemmas(lang)
    return found


def keep_lemmas() -> None:
    """Keep in the user's cache the lemmas this run had to look up (after checking a file)."""
    for lemmas in _BY_LANGUAGE.values():
        lemmas.keep()


@lru_cache(maxsize=65536)
def keys(word: str, lang: str) -> frozenset[str]:
    """The forms by which `word` is compared: itself and its lemma, folded."""
    folded = _folded(word)
    if folded.isdigit():
        return frozenset((folded,))
    lemma = _lemmas(lang).lemma(word.casefold())
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
    return [written for written, _folded_word in _content_words(text, lang)]


def _content_words(text: str, lang: str) -> list[tuple[str, str]]:
    """The content words of `text`, each once, as written and folded. The text is folded as the
    quotes are (`evidence.words`), piece by piece between white spaces: a title's words are then
    the quotes' words however either is encoded (`é` as one character or as `e` and an accent)."""
    stop = _function_words(lang)
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for piece in text.split():
        folded = words(piece)
        written = _WORD.findall(piece)
        if len(written) != len(folded):  # folding joined or split its words: show them folded
            written = folded
        for as_written, word in zip(written, folded, strict=True):
            if word in stop or word in seen or (len(word) == 1 and not word.isdigit()):
                continue
            seen.add(word)
            found.append((as_written, word))
    return found


class Carried:
    """What an event's quotes and claims carry: their words, and those words' lemmas."""

    def __init__(self, lang: str, quotes: Iterable[str],
                 claimed: Iterable[str] | Callable[[], Iterable[str]] = (),
                 quote_words: set[str] | None = None) -> None:
        """`claimed`: the texts of what the event claims, or a function that gives them, called
        only if a word is not in the quotes. `quote_words`: the words of `quotes`, folded, when
        the caller has them already."""
        self.lang = lang
        self.quotes = list(quotes)
        self._claimed = claimed
        # Most words of a title are written as the quote writes them: what the event claims is
        # looked at only for the others, and lemmas only for the words still not carried.
        self.plain: set[str] = (quote_words if quote_words is not None
                                else set().union(*map(_plain, self.quotes)))
        self._claimed_texts: list[str] | None = None
        self._claimed_plain: set[str] | None = None
        self._forms: set[str] | None = None

    def _claimed_words(self) -> set[str]:
        if self._claimed_plain is None:
            claimed = self._claimed() if callable(self._claimed) else self._claimed
            self._claimed_texts = list(claimed)
            self._claimed_plain = set().union(*map(_plain, self._claimed_texts))
        return self._claimed_plain

    def carries(self, word: str) -> bool:
        return self._carries(word, _folded(word))

    def _carries(self, word: str, folded: str) -> bool:
        if folded in self.plain or folded in self._claimed_words():
            return True
        if self._forms is None:
            texts = [*self.quotes, *(self._claimed_texts or ())]
            self._forms = set().union(*(_forms(text, self.lang) for text in texts))
        return bool(keys(word, self.lang) & self._forms)

    def missing(self, text: str) -> list[str]:
        """The content words of `text` that nothing carries, as written, in their order."""
        plain, stop = self.plain, _function_words(self.lang)
        # Most titles: every word is a quote's word or a function word, known from the whole
        # text folded at once (the same words as `_content_words` finds piece by piece).
        if all(word in plain or word in stop or (len(word) == 1 and not word.isdigit())
               for word in words(text)):
            return []
        return [word for word, folded in _content_words(text, self.lang)
                if folded not in plain and not self._carries(word, folded)]
