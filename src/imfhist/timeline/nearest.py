"""The passage of an archived page that comes closest to a quote it does not hold.

A quote copied with one wrong letter, a word left out or an apostrophe typed differently is not
found in its archive; the keeper then needs the page's own words, not a search through the
page. rapidfuzz aligns the quote on the archive (`fuzz.partial_ratio_alignment`: the window of
the page most like the quote), the window is widened to whole words, and the words that differ
are named, so that the passage can be copied as it is.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from imfhist.common.textnorm import normalise_spacing
from imfhist.timeline.evidence import quote_parts

# Below this likeness (0-100) the page holds nothing close enough to be worth showing.
MIN_SCORE = 70.0
# Longer parts are cut to this many characters before aligning: the alignment costs the length
# of the part times the length of the page.
MAX_PART = 400

_WORD = re.compile(r"\w+|[^\w\s]")


class Passage(NamedTuple):
    text: str  # the page's words, ready to copy
    score: float
    # Pairs (the quote's words, the page's words) where they differ; either may be empty.
    differences: tuple[tuple[str, str], ...]


def nearest_passage(quote: str, archive: str) -> Passage | None:
    """The passage of `archive` closest to the first part of `quote` (between its elisions)
    that the archive does not hold word for word; None when every part is held or nothing is
    close enough."""
    return nearest_in(quote, normalise_spacing(archive))


def nearest_in(quote: str, archive: str) -> Passage | None:
    """`nearest_passage` in an archive whose spacing is normalised already."""
    for part in quote_parts(quote):
        if part in archive:
            continue
        return _align(part[:MAX_PART], archive)
    return None


def nearest_around(part: str, archive: str, around: int) -> Passage | None:
    """The passage closest to `part` (a part of a quote, not held by the archive, whose spacing
    is normalised already) in the window of the page about `around`, where the part's first
    words are found: a few times the part's length is aligned, whatever the page's size."""
    part = part[:MAX_PART]
    # The passage begins where the part's first words are; it may be longer than the part
    # (words the quote left out), or shorter.
    return _align(part, archive[around:around + 2 * len(part) + _MARGIN])


# Characters taken beyond the window, so that its last word is whole.
_MARGIN = 64


def _align(part: str, archive: str) -> Passage | None:
    from rapidfuzz import fuzz

    if not part or not archive:
        return None
    found = fuzz.partial_ratio_alignment(part, archive, score_cutoff=MIN_SCORE)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    # Whole words: the window may begin or end inside one.
    while start > 0 and archive[start - 1].isalnum():
        start -= 1
    while end < len(archive) and archive[end].isalnum():
        end += 1
    text = archive[start:end].strip()
    return Passage(text, found.score, _differences(part, text))


def _differences(quote: str, passage: str) -> tuple[tuple[str, str], ...]:
    from difflib import SequenceMatcher  # two short lists of words, never the whole page

    said, page = _WORD.findall(quote), _WORD.findall(passage)
    differences = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, said, page, autojunk=False).get_opcodes():
        if tag != "equal":
            differences.append((" ".join(said[i1:i2]), " ".join(page[j1:j2])))
    return tuple(differences)


def described(passage: Passage) -> str:
    """The passage and its differences, as a hint says them."""
    from imfhist.common.i18n import _

    changes = []
    for said, page in passage.differences[:5]:
        if said and page:
            changes.append(_("“{quote}” where the page has “{page}”").format(
                quote=said, page=page))
        elif said:
            changes.append(_("“{quote}”, which the page does not have").format(quote=said))
        else:
            changes.append(_("the page has “{page}” here").format(page=page))
    text = _("the closest passage of the page is “{passage}”").format(passage=passage.text)
    if changes:
        text += _(" (differs: {changes})").format(changes="; ".join(changes))
    return text
