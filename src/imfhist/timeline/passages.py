"""The sentences of the archived pages: the ones that hold given words (to find what to quote),
and the ones no quote of the timeline covers yet (what remains to be entered).

A page's text is cut into lines, and each line into sentences after `.`, `!`, `?` or `…`. A
piece with no sentence end that is shorter than MIN_WORDS words (`Accueil`, `Nous contacter`, a
heading) or that holds a web address (`Lien permanent pour cet article : https://…`) is
navigation: it states nothing to quote, and coverage counts it apart.

Words are compared as the `claim-words` rule compares them (imfhist.timeline.carried): by lemma
in the timeline's language, case and accents aside (`projets` finds `projet`); in a timeline
without a known `lang`, as written, case and accents aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from imfhist.timeline.carried import checks, keys
from imfhist.timeline.evidence import archive_text, quote_parts, words
from imfhist.timeline.model import Source, Timeline

MIN_WORDS = 5
# Runs of this many words shared by a sentence and a quote make the sentence covered: a quote may
# begin inside one sentence and end inside the next, or leave words out with […].
SHARED_RUN = 5

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”’)\]]*\s+")
_WORD = re.compile(r"\w+")
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)



class Sentence(NamedTuple):
    source: str  # the source's id
    number: int  # its place among the sentences of that page, from 1
    text: str
    navigation: bool  # too short and unended to state anything


def sentences(source_id: str, text: str) -> list[Sentence]:
    """The sentences of a page's text, in order."""
    found: list[Sentence] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        # Archives are read with their spacing normalised, line ends included: a web address
        # (a permalink, a share link) also ends what it stands in.
        pieces = [part for sentence in _SENTENCE_END.split(line)
                  for part in _after_addresses(sentence)]
        for piece in pieces:
            piece = piece.strip()
            if piece:
                navigation = piece[-1] not in ".!?…" and (
                    len(words(piece)) < MIN_WORDS or _ADDRESS.search(piece) is not None)
                found.append(Sentence(source_id, len(found) + 1, piece, navigation))
    return found


def _after_addresses(text: str) -> list[str]:
    parts, start = [], 0
    for found in _ADDRESS.finditer(text):
        parts.append(text[start:found.end()])
        start = found.end()
    return [*parts, text[start:]] if parts else [text]


def _archived(timeline: Timeline, source_id: str | None) -> list[tuple[Source, str]]:
    return [(source, text) for source in timeline.sources
            if (source_id is None or source.id.value == source_id)
            for text in [archive_text(timeline, source)] if text is not None]


class Hit(NamedTuple):
    sentence: Sentence
    found: int  # how many of the words asked for it holds


def search(timeline: Timeline, wanted: Iterable[str], source_id: str | None = None,
           limit: int = 10) -> list[Hit]:
    """The sentences of the archived pages that hold the most of the `wanted` words, best first:
    those holding all of them, then fewer; in page order among equals. At most `limit`."""
    lang = timeline.lang if checks(timeline.lang) else None
    asked = [_forms(word, lang) for text in wanted for word in _WORD.findall(text)]
    if not asked:
        return []
    hits = []
    for source, text in _archived(timeline, source_id):
        for sentence in sentences(source.id.value, text):
            if sentence.navigation:
                continue
            held: set[str] = set()
            for word in _WORD.findall(sentence.text):
                held |= _forms(word, lang)
            found = sum(1 for forms in asked if forms & held)
            if found:
                hits.append(Hit(sentence, found))
    hits.sort(key=lambda hit: -hit.found)  # stable: page order among equals
    return hits[:limit]


def _forms(word: str, lang: str | None) -> frozenset[str]:
    return keys(word, lang) if lang else frozenset(words(word))


class Coverage(NamedTuple):
    source: str
    sentences: list[Sentence]  # every sentence of the page, navigation included
    uncovered: list[Sentence]  # the sentences (not navigation) no quote covers

    @property
    def stated(self) -> int:
        return sum(1 for sentence in self.sentences if not sentence.navigation)

    @property
    def share(self) -> float:
        """The share of the page's sentences that quotes cover, from 0 to 1."""
        return 1 - len(self.uncovered) / self.stated if self.stated else 1.0


def coverage(timeline: Timeline, source_id: str | None = None) -> list[Coverage]:
    """For each archived source (or `source_id` alone), the sentences of its page that no quote
    citing it covers."""
    quoted: dict[str, list[list[str]]] = {}
    for event in timeline.events:
        citations = [*event.sources, *(r.citation for r in event.relations),
                     *(b.citation for b in (event.not_before, event.not_after) if b)]
        for citation in citations:
            quoted.setdefault(citation.ref.value, []).extend(
                words(part) for part in quote_parts(citation.quote.value))
    found = []
    for source, text in _archived(timeline, source_id):
        parts = quoted.get(source.id.value, [])
        runs = {tuple(part[i:i + SHARED_RUN]) for part in parts
                for i in range(max(1, len(part) - SHARED_RUN + 1))}
        joined = [" ".join(part) for part in parts]
        page = sentences(source.id.value, text)
        uncovered = [sentence for sentence in page if not sentence.navigation
                     and not _covered(words(sentence.text), runs, joined)]
        found.append(Coverage(source.id.value, page, uncovered))
    return found


def _covered(said: list[str], runs: set[tuple[str, ...]], joined: list[str]) -> bool:
    if len(said) < SHARED_RUN:
        text = " ".join(said)
        return any(f" {text} " in f" {part} " for part in joined)
    return any(tuple(said[i:i + SHARED_RUN]) in runs
               for i in range(len(said) - SHARED_RUN + 1))
