"""What a quote says: its words, whether it stands on whole words of its page, and whether it
names a date, a place, a region, a country or an actor.

The rules in `imfhist.checking.rules.quotewords` and `imfhist.checking.rules.claims`, and
`imfhist add` and `imfhist import`, all ask these questions; the answers are plain values and
nothing here prints.

Words are compared as people read them: case and accents set aside (`Algérie` is `algerie`), and
a word is a run of letters or digits, so that `l’IMF` holds the words `l` and `imf` and
`2019-2021` the words `2019` and `2021`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice

from imfhist.common.textindex import TextIndex
from imfhist.timeline.archives import ELLIPSIS, archives_of, quote_parts  # noqa: F401
from imfhist.timeline.model import Source, Timeline

# A quote states a fact when it holds at least a subject, a verb and what the verb bears on,
# with the articles and prepositions that bind them: "L’IMF a participé aux PCPA" is 6 words,
# "Ada founded ACME in 2004" 5. One or two words ("de", "le projet") state nothing.
MIN_QUOTE_WORDS = 5

_WORD = re.compile(r"\w+")
# The combining marks that accents decompose into; others split words alike on both sides.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# The words by which an author speaks of itself, in the languages of imfhist's timelines.
FIRST_PERSON = frozenset({"nous", "notre", "nos", "we", "our", "ours", "us"})
# Words that join two modifiers sharing one noun: "les PCPA marocain ou tunisien".
CONJUNCTIONS = frozenset({"et", "ou", "ni", "and", "or", "nor"})
# At most this many words between the shared noun and the second modifier: "marocain ou",
# "marocain, algérien et".
_MAX_COORDINATED = 4


def archive_text(timeline: Timeline, source: Source) -> str | None:
    """The archived text of `source`, spaces normalised, or None when it has none or it cannot
    be read (which the `source-archive` rule reports). Read through imfhist.timeline.archives:
    confined to the timeline's folder, and read once for all the rules that ask."""
    return archives_of(timeline).text(source)


def archive_index(timeline: Timeline, source: Source) -> TextIndex | None:
    """The archive of `source` as an index (imfhist.common.textindex), or None as
    `archive_text`: one per file, shared by every rule, its quotes announced to it."""
    return archives_of(timeline).index(source)


def words(text: str) -> list[str]:
    """The words of `text`, folded: lower case, no accents (as `textnorm.fold` folds them, but
    without its character-by-character loop, which costs more than all else on a large file)."""
    folded = text.casefold()
    if folded.isascii():
        return _WORD.findall(folded)
    # The whole text decomposed and stripped of its accents in three passes made in C: a
    # decomposition never crosses a white space, so the words are those of each word folded.
    return _WORD.findall(_MARKS.sub("", unicodedata.normalize("NFKD", folded)))


def word_count(quote: str) -> int:
    """The words of a quote; its elisions (`[…]`, `...`) hold none."""
    return len(_WORD.findall(quote))


def too_few_words(quote: str) -> str | None:
    """What is wrong with a quote too short to state a fact; None when it is long enough."""
    from imfhist.common.i18n import n_

    # The first words are enough to know that a quote is long enough.
    if next(islice(_WORD.finditer(quote), MIN_QUOTE_WORDS - 1, None), None) is not None:
        return None
    count = word_count(quote)
    return n_("the quote holds {count} word without its elisions; at least {minimum} are "
              "needed to state a fact",
              "the quote holds {count} words without its elisions; at least {minimum} are "
              "needed to state a fact", count).format(count=count, minimum=MIN_QUOTE_WORDS)


def partial_word_part(quote: str, archive: str | TextIndex) -> str | None:
    """None when every part of `quote` is found in `archive` as whole words and in the quote's
    order; otherwise the first part that is not (found only inside longer words, or only
    before the part that precedes it). The archive is best given as its index
    (`Archives.index`): no pattern is compiled and no page scanned for a quote."""
    missing = first_part_missing(quote, archive, whole_words=True)
    return None if missing is None else missing[0]


def first_part_missing(quote: str, archive: str | TextIndex, *, whole_words: bool = False
                       ) -> tuple[str, int, TextIndex] | None:
    """None when every part of `quote` is found in `archive` in the quote's order (as whole
    words, with `whole_words`); otherwise the first part that is not, the place after the part
    before it (where it was looked for from), and the archive's index."""
    index = archive if isinstance(archive, TextIndex) else TextIndex(archive)
    find = index.find_whole if whole_words else index.find
    position = 0
    for part in quote_parts(quote):
        found = find(part, position)
        if found < 0:
            return part, position, index
        position = found + len(part)
    return None


class QuoteWords:
    """The words of an event's quotes, each part kept apart: a name is never found across an
    elision, where the page has words the quote leaves out."""

    def __init__(self, quotes: Sequence[str]) -> None:
        self.parts: list[list[str]] = []
        # The words of each quote (the claim rules also ask who speaks in it, and the
        # claim-words rule takes them all): folded once, here.
        self.by_quote: list[set[str]] = []
        for quote in quotes:
            parts = [words(part) for part in quote_parts(quote)]
            self.parts += parts
            self.by_quote.append(set().union(*parts))
        self.all: set[str] = set().union(*self.by_quote)
        # Each part as one string of words between spaces, the parts joined by a line break: a
        # name in a row is a substring, which cannot run across an elision.
        self._joined = "\n".join(f" {' '.join(part)} " for part in self.parts)

    def has_word(self, word: str) -> bool:
        return word in self.all

    def in_first_person(self, quote: int) -> bool:
        """Whether the author of the quote at this index speaks of itself in it ("nous ont fait
        grandir")."""
        return not FIRST_PERSON.isdisjoint(self.by_quote[quote])

    def names(self, phrase: str) -> bool:
        """Whether the quotes hold the words of `phrase` in a row, or shared through a
        coordination: "les PCPA marocain ou tunisien" names "PCPA tunisien"."""
        wanted, in_a_row = _phrase_words(phrase)
        if not wanted or not self.all.issuperset(wanted):
            return False
        if in_a_row in self._joined:
            return True
        return len(wanted) > 1 and any(_coordinated(part, wanted) for part in self.parts)


@lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> tuple[list[str], str]:
    # The same names (of actors, places, regions) are looked for in event after event: their
    # words, and those words in a row between spaces.
    wanted = words(phrase)
    return wanted, f" {' '.join(wanted)} "


def _coordinated(said: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    for split in range(1, size):  # the first words shared, the rest after a coordination
        head, tail = wanted[:split], wanted[split:]
        for start in range(len(said) - split + 1):
            if said[start:start + split] != head:
                continue
            after = start + split
            for gap in range(2, _MAX_COORDINATED + 1):
                if said[after + gap - 1:after + gap] and said[after + gap - 1] in CONJUNCTIONS \
                        and said[after + gap:after + gap + len(tail)] == tail:
                    return True
    return False


# -- countries ----------------------------------------------------------------------------------

# Demonyms that are not the country's name followed by an ending (see `country_words`).
_DEMONYM_EXCEPTIONS = {
    "fr": {"FR": ("français", "française", "françaises"), "GR": ("grec", "grecque", "grecs",
           "grecques"), "TR": ("turc", "turque", "turcs", "turques"),
           "ES": ("espagnol", "espagnole", "espagnols", "espagnoles"),
           "DE": ("allemand", "allemande", "allemands", "allemandes"),
           "GB": ("britannique", "britanniques"), "BE": ("belge", "belges"),
           "CH": ("suisse", "suisses"), "NL": ("néerlandais", "néerlandaise"),
           "US": ("américain", "américaine", "américains", "américaines")},
    "en": {"FR": ("french",), "GR": ("greek",), "TR": ("turkish",), "ES": ("spanish",),
           "GB": ("british",), "NL": ("dutch",), "CH": ("swiss",), "US": ("american",)},
}
# Endings that make a demonym of a country's name, once its final "e", "a" or "o" is dropped
# (Tunisie -> tunisi + en, Maroc -> maroc + ain, Liban -> liban + ais, Morocco -> morocc + an).
_ENDINGS = {
    "fr": ("en", "enne", "ens", "ennes", "ain", "aine", "ains", "aines", "ais", "aise",
           "aises", "ois", "oise", "oises", "ien", "ienne", "iens", "iennes"),
    "en": ("an", "ans", "ian", "ians", "ese", "i", "is"),
}


@lru_cache(maxsize=512)
def country_words(code: str, lang: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
    """The names of a country in the timeline's language (both French and English when it has
    none) as phrases, and the single words formed from them (demonyms)."""
    from imfhist.timeline.places import countries

    languages = [lang] if lang in ("fr", "en") else ["fr", "en"]
    names: list[str] = []
    formed: set[str] = set()
    for language in languages:
        name = countries().name(code, language)
        names.append(name)
        for exception in _DEMONYM_EXCEPTIONS[language].get(code, ()):
            formed.update(words(exception))
        name_words = words(name)
        if len(name_words) == 1:
            stem = name_words[0]
            if stem[-1] in "eao" and len(stem) > 3:
                stem = stem[:-1]
            formed.update(stem + ending for ending in _ENDINGS[language])
    return tuple(names), frozenset(formed)
