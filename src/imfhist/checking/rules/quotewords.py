"""A quote must say something: enough words, taken whole from its page, in the page's order."""

from __future__ import annotations

from collections.abc import Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.checking.rules.quotes import quote_found
from imfhist.common.i18n import _
from imfhist.common.problems import Problem, Severity
from imfhist.timeline.evidence import (
    MIN_QUOTE_WORDS,
    archive_index,
    partial_word_part,
    too_few_words,
)
from imfhist.timeline.model import Timeline

QUOTE_WORDS = Rule("quote-words", Severity.ERROR, f"""
    A quote must state something: with its elisions (`[…]`, `…`) taken out it holds at least
    {MIN_QUOTE_WORDS} words (a word is a run of letters or digits, so `l’IMF` is two), enough for a
    subject, a verb and what it bears on. When its source has an archive, each part between
    elisions must match whole words of the page (`de` does not stand for the inside of `dès`),
    and the parts must come in the page's order. It is an error: a quote of a word or two can be
    found in any page and proves nothing, which is what `quote-not-found` alone would let
    through.""", example="""
    events:
      - id: essai
        title: Essai
        sources:
          - ref: imf-historique
            quote: "[…] de […]"      # one word: states nothing
    """)


@checker
def check_quote_words(timeline: Timeline) -> Iterator[Problem]:
    sources = timeline.source_by_id()
    for event in timeline.events:
        for citation in event.sources:
            quote = citation.quote.value
            source = sources.get(citation.ref.value)
            has_archive = source is not None and source.archive is not None
            if not quote.strip() and has_archive:
                continue  # `quote-not-found` says that the quote is empty
            too_short = too_few_words(quote)
            if too_short:
                yield QUOTE_WORDS.at(citation.quote.loc, too_short,
                                     _("quote the whole sentence of the source that states "
                                       "the event"))
                continue
            if source is None or not has_archive:
                continue
            archive = archive_index(timeline, source)
            if archive is None or not quote_found(quote, archive):
                continue  # unreadable (`source-archive`) or not found (`quote-not-found`)
            part = partial_word_part(quote, archive)
            if part is not None:
                yield QUOTE_WORDS.at(citation.quote.loc, _(
                    "“{part}” is not found as whole words in source '{source}', after the "
                    "part before it").format(part=part[:60], source=source.id.value),
                    _("quote whole words, in the order the page has them"))
