"""Rules about quotes and the archived sources they come from."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import _
from imfhist.common.problems import Problem, Severity
from imfhist.common.textindex import TextIndex
from imfhist.timeline.archives import archives_of, normalised_quote
from imfhist.timeline.evidence import first_part_missing
from imfhist.timeline.model import Timeline

__all__ = [
    "QUOTE_NOT_FOUND",
    "SOURCE_ARCHIVE",
    "SOURCE_UNARCHIVED",
    "Departure",
    "find_quote",
    "quote_departure",
    "quote_found",
]

QUOTE_NOT_FOUND = Rule("quote-not-found", Severity.ERROR, """
    A citation's `quote` must appear word for word in the archived text of its source (the
    source's `archive`). White space (including no-break spaces) and typographic apostrophes and
    quotation marks are compared loosely; an ellipsis `…` or `[…]` stands for words left out, and
    the parts around it must appear in that order. Sources without an archive are not checked.""")
SOURCE_ARCHIVE = Rule("source-archive", Severity.ERROR, """
    A source's `archive` must name a readable UTF-8 text file of at most 20 MB, by a path relative
    to the timeline file that stays inside the timeline's folder: an absolute path, `..`, or a
    symbolic link leading out of the folder is refused without the file being read. The archives
    of one timeline may hold 100 MB in all.""")

SOURCE_UNARCHIVED = Rule("source-unarchived", Severity.WARNING, """
    A source that events cite has no `archive`, so that their quotes cannot be checked: a quote
    that the source does not hold would go unnoticed. Save the page's text in a file beside the
    timeline and name it as the source's `archive`, or add the source with `imfhist source add
    --id ID --title TITLE --from FILE` (a saved copy) or `--url URL --fetch`, which archive it. It
    is a warning, not an error, so that a new timeline can be started before its sources are
    archived; `validate --strict` fails on it.""", example="""
    sources:
      - id: rapport-2019
        title: Rapport d'activité 2019   # no archive: the quotes citing it are not checked
    """)

# How the words a near miss shares with the source are found: from the first occurrences of the
# quote's first SEEDS characters, at most MAX_SEEDS of them, so that each quote costs a few
# lookups in its archive's index, never one per character (2,000 near misses against a 19 MB
# archive). The index expects these seeds with each quote (imfhist.common.textindex).
SEEDS = (32, 8, 1)
MAX_SEEDS = 256


def find_quote(quote: str, archive: str | TextIndex) -> str | None:
    """None when every part of `quote` is found in order in `archive`; otherwise the words of
    the quote that do match, up to where it departs from the source (empty if none). The
    archive is best given as its index (`Archives.index`), shared by all the quotes citing it."""
    departure = quote_departure(quote, archive)
    return None if departure is None else departure.matched


def quote_found(quote: str, archive: str | TextIndex) -> bool:
    """Whether every part of `quote` is found in order in `archive` (`find_quote` is None)."""
    return first_part_missing(quote, archive) is None


class Departure(NamedTuple):
    """Where a quote departs from its archive."""

    matched: str  # the words of the quote that match, up to where it departs (maybe none)
    at: int  # where in the archive they begin (-1 when no words match)
    part: str  # the part of the quote (between elisions) that departs


def quote_departure(quote: str, archive: str | TextIndex) -> Departure | None:
    """None when `quote` is found (see `find_quote`); otherwise where it departs."""
    missing = first_part_missing(quote, archive)
    if missing is None:
        return None
    part, position, index = missing
    length, at = _longest_prefix(part, index, position)
    return Departure(part[:length], at, part)


def _longest_prefix(part: str, index: TextIndex, start: int) -> tuple[int, int]:
    """How many characters of `part` (which is not in the archive) the archive holds from `start`
    on, and where, looked for where the part's first characters occur: a bounded number of
    lookups. (0, -1) when not even its first character is there."""
    archive = index.text
    for seed in SEEDS:
        if len(part) < seed:
            continue
        best, where = 0, -1
        for found in islice(index.occurrences(part[:seed], start), MAX_SEEDS):
            length = max(seed, _common_prefix(part, archive, found, max(best, seed)))
            if length > best:
                best, where = length, found
        if best:
            return best, where
    return 0, -1


def _common_prefix(part: str, archive: str, at: int, known: int) -> int:
    """The length of the longest prefix of `part` found at `at`, if longer than `known`."""
    if not archive.startswith(part[:known + 1], at):
        return known
    low, high = known + 1, len(part)
    while low < high:  # a prefix that is found has every shorter prefix found too
        middle = (low + high + 1) // 2
        if archive.startswith(part[:middle], at):
            low = middle
        else:
            high = middle - 1
    return low


@checker
def check_quotes(timeline: Timeline) -> Iterator[Problem]:
    archives = archives_of(timeline)
    for source in timeline.sources:
        refusal = archives.of(source).refusal
        if refusal:
            yield SOURCE_ARCHIVE.at(refusal.loc, refusal.message, refusal.hint)
    cited = {citation.ref.value for event in timeline.events for citation in event.sources}
    for source in timeline.sources:
        if source.archive is None and source.id.value in cited:
            yield SOURCE_UNARCHIVED.at(source.id.loc, _(
                "source '{id}' has no archive: the quotes that cite it cannot be checked").format(
                    id=source.id.value),
                _("save its text in a file beside the timeline and name it as the source's "
                  "'archive', or add it with `imfhist source add --id ID --title TITLE "
                  "--from FILE` (or `--url URL --fetch`), which archives it"))
    sources = timeline.source_by_id()
    whole_pages_left = WHOLE_PAGES_BUDGET
    for event in timeline.events:
        for citation in event.sources:
            source = sources.get(citation.ref.value)
            archive = archives.index(source) if source else None
            if archive is None:
                continue
            quote = normalised_quote(citation.quote.value)
            if not quote:
                yield QUOTE_NOT_FOUND.at(citation.quote.loc, _("the quote is empty"),
                                         _("copy the words of the source that state the event"))
                continue
            departure = quote_departure(quote, archive)
            if departure is not None:
                matched = departure.matched
                ref = citation.ref.value
                if matched:
                    message = _("the quote departs from source '{source}' after “{words}”").format(
                        source=ref, words=matched[-30:])
                else:
                    message = _("the quote is not in source '{source}'").format(source=ref)
                # The passage nearest the quote: around where its first words are found, else
                # over the whole page, as long as the budget for whole pages lasts (each costs
                # the length of the quote times the length of the page).
                around = departure.at if len(matched) >= MIN_ANCHORING else -1
                whole = around < 0 and len(archive.text) <= whole_pages_left
                if whole:
                    whole_pages_left -= len(archive.text)
                yield QUOTE_NOT_FOUND.at(citation.quote.loc, message, _nearest_hint(
                    quote, archive.text, departure.part, around, whole))


# A quote's first characters found in its page place the passage nearest it when there are
# at least this many (a letter or two are found anywhere).
MIN_ANCHORING = 8
# The characters of whole pages through which `validate` looks for the passages nearest its
# quotes: 2,000 near misses against a 19 MB page would otherwise take a quarter of an hour.
WHOLE_PAGES_BUDGET = 32 * 1024 * 1024


def _nearest_hint(quote: str, archive: str, part: str, around: int, whole: bool) -> str:
    """The hint, with the passage nearest the part of the quote that departs: about `around`
    (-1: not known), else over the whole page when `whole`."""
    from imfhist.timeline.nearest import described, nearest_around, nearest_in

    passage = (nearest_around(part, archive, around) if around >= 0 else
               nearest_in(quote, archive) if whole else None)
    if passage is None:
        return _("copy the words exactly as the archived source has them")
    return _("copy the words exactly as the archived source has them; {nearest}").format(
        nearest=described(passage))
