"""Finding passages of a long text through an index of its words, not by a pass over it.

A timeline's quotes are looked up in the archived pages of its sources: thousands of quotes in
the same pages. `str.find` scans the page for each quote, which makes checking a timeline grow
with the number of quotes times the size of its pages. A `TextIndex` reads its text once and
answers every lookup from the positions of a few of its words.

The text is taken as it is (the rules hand it over with its spacing already normalised: one plain
space between words): a *chunk* is what lies between two spaces. A chunk of a passage that has a
space on each side of it within the passage (an *interior* chunk) is a whole chunk of the text
wherever the passage occurs, so the passage's occurrences are among the positions of that chunk,
less its offset in the passage. Of a passage's interior chunks the rarest in the text is taken as
its anchor, and each of its positions is checked with `str.startswith`: no regular expression is
compiled and no page is scanned for a lookup.

The chunks are counted, and the positions of the anchors taken, in passes over the text made in C
(`str.split`, `collections.Counter`, `itertools.compress`), slice by slice so that the chunks of
only one slice are held at a time; the positions of chunks that are no anchor are never kept.
Which passages will be looked for is told first (`expect`), so that one pass serves them all.
A passage without an interior chunk (one or two words), one that comes unannounced once the
passes allowed are spent, and any passage of a short text (SCAN_ONLY characters at most), is
looked for with `str.find`: the answer is the same, at the cost of one scan.

Every lookup answers exactly as `str.find` (or the whole-word search that `whole` describes)
would on the same text: the property tests compare them on arbitrary texts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, repeat
from operator import add

__all__ = ["TextIndex", "is_word_character"]

# The text is split into slices of about this many characters (cut at a space) for each pass.
SLICE = 1 << 20
# Passages asked for without being expected get their chunks counted and anchored in a new pass,
# this many times at most; past that, they are looked for with `str.find`.
MAX_LATE_PASSES = 4
# A text this short is searched with `str.find`: one scan of it costs less than counting and
# placing its words (a timeline with a small page for each of its 10,000 events).
SCAN_ONLY = 1 << 14
# The seeds by which a passage that is not found is matched in part (see `occurrences`): the
# passages that begin a passage are expected with it.
SEED_LENGTHS = (32, 8)

_WORD_CHARACTER = re.compile(r"\w")


def is_word_character(character: str) -> bool:
    """Whether `character` is a letter, digit or underscore, as `\\w` matches it."""
    return _WORD_CHARACTER.match(character) is not None


class TextIndex:
    """The positions of a text's passages, found through the positions of their rarest chunk."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._counts: dict[str, int] = {}  # how often each chunk asked about occurs
        self._positions: dict[str, list[int]] = {}  # where each anchor starts
        self._anchors: dict[str, tuple[str, int] | None] = {}  # by passage
        self._waiting: list[str] = []  # passages expected, not yet anchored
        self._late_passes = 0
        self._found: dict[tuple[str, int], int] = {}  # the answers of `find`

    # -- what will be looked for ------------------------------------------------------------

    def expect(self, passages: Iterable[str]) -> None:
        """Passages that will be looked for: anchored together, in two passes over the text,
        at the first lookup. Those that do not occur in the text get the seeds that begin them
        (`SEED_LENGTHS`) anchored too, for the partial match that follows. (Nothing is anchored
        in a text of at most SCAN_ONLY characters: it is scanned.)"""
        if len(self.text) > SCAN_ONLY:
            self._waiting.extend(passages)

    def _slices(self) -> Iterator[tuple[int, list[str]]]:
        """The text's chunks, a slice at a time, each with the position of its first chunk."""
        text = self.text
        start = 0
        while True:
            end = text.find(" ", start + SLICE) if len(text) - start > SLICE else -1
            if end < 0:
                yield start, text[start:].split(" ")
                return
            yield start, text[start:end].split(" ")
            start = end + 1

    def _anchor_waiting(self) -> None:
        waiting = [p for p in dict.fromkeys(self._waiting) if p not in self._anchors]
        self._waiting = []
        self._anchor_all(waiting)
        # The passages that occur nowhere: the seeds that begin them will be looked for.
        seeds = [passage[:length] for passage in waiting if self.find(passage) < 0
                 for length in SEED_LENGTHS if len(passage) > length]
        self._anchor_all([seed for seed in dict.fromkeys(seeds) if seed not in self._anchors])

    def _anchor_all(self, passages: list[str]) -> None:
        """Choose the anchor of each passage (counting the chunks not counted yet), and find
        where the new anchors are, in a pass over the text for each."""
        if not passages:
            return
        interiors = [passage.split(" ")[1:-1] for passage in passages]
        counts = self._counts
        new = {chunk for chunks in interiors for chunk in chunks if chunk not in counts}
        if new:
            found: Counter[str] = Counter()
            for _start, chunks in self._slices():
                found.update(compress(chunks, map(new.__contains__, chunks)))
            counts.update(dict.fromkeys(new, 0))
            counts.update(found)
        anchors: set[str] = set()
        rarest = counts.__getitem__
        for passage, chunks in zip(passages, interiors, strict=True):
            # (An empty chunk, between two spaces in a row, is anchored like any other.)
            if not chunks:
                self._anchors[passage] = None
                continue
            best = min(chunks, key=rarest)
            # Any place the anchor has inside the passage will do: the first.
            self._anchors[passage] = best, passage.index(f" {best} ") + 1
            if best not in self._positions:
                anchors.add(best)
        if not anchors:
            return
        positions: dict[str, list[int]] = {anchor: [] for anchor in anchors}
        for start, chunks in self._slices():
            # Where each chunk starts (one more than the chunks: the end of the slice).
            starts = accumulate(map(add, map(len, chunks), repeat(1)), initial=start)
            pairs = zip(chunks, starts, strict=False)
            for chunk, at in compress(pairs, map(anchors.__contains__, chunks)):
                positions[chunk].append(at)
        self._positions.update(positions)

    def _anchor(self, passage: str) -> tuple[str, int] | None:
        """The rarest interior chunk of `passage` and its offset; None when it has none, or
        when it comes unannounced once the late passes are spent (then `str.find` serves)."""
        if passage in self._anchors:
            return self._anchors[passage]
        if len(self.text) <= SCAN_ONLY:
            return None
        if self._waiting:
            self._anchor_waiting()
            if passage in self._anchors:
                return self._anchors[passage]
        if self._late_passes >= MAX_LATE_PASSES:
            return None
        self._late_passes += 1
        self._anchor_all([passage])
        return self._anchors[passage]

    # -- lookups ----------------------------------------------------------------------------

    def occurrences(self, passage: str, start: int = 0) -> Iterator[int]:
        """Every position at or after `start` where `passage` begins in the text, in order
        (overlapping ones included): `str.find` called again from each one found, plus one."""
        text = self.text
        if not passage:
            yield from range(start, len(text) + 1)
            return
        anchor = self._anchor(passage)
        if anchor is None:
            found = text.find(passage, start)
            while found >= 0:
                yield found
                found = text.find(passage, found + 1)
            return
        chunk, offset = anchor
        positions = self._positions.get(chunk, ())
        for index in range(bisect_left(positions, start + offset), len(positions)):
            at = positions[index] - offset
            if text.startswith(passage, at):
                yield at

    def find(self, passage: str, start: int = 0) -> int:
        """`self.text.find(passage, start)` (for a `start` of 0 or more)."""
        # Each quote is looked for by several rules in turn (and once when it is anchored, to
        # know whether it occurs at all): the answers are kept.
        found = self._found.get((passage, start))
        if found is None:
            found = self._found[(passage, start)] = self._find(passage, start)
        return found

    def _find(self, passage: str, start: int) -> int:
        anchor = self._anchors.get(passage) if passage else None
        if anchor is None:  # not anchored yet, or without an anchor: as `occurrences` does
            return next(self.occurrences(passage, start), -1)
        chunk, offset = anchor
        positions = self._positions[chunk]
        text = self.text
        for index in range(bisect_left(positions, start + offset), len(positions)):
            at = positions[index] - offset
            if text.startswith(passage, at):
                return at
        return -1

    def find_whole(self, passage: str, start: int = 0) -> int:
        """Where `passage` first occurs at or after `start` without beginning or ending inside
        a word: a passage that begins (or ends) with a letter, digit or underscore must not
        have one just before it (or just after it) in the text. -1 when it does not occur so."""
        if not passage:
            return start if start <= len(self.text) else -1
        text = self.text
        check_before = is_word_character(passage[0])
        check_after = is_word_character(passage[-1])
        size = len(passage)
        first = self.find(passage, start)  # most often kept already, and whole
        if first < 0:
            return -1
        for at in self.occurrences(passage, first):
            if check_before and at > 0 and is_word_character(text[at - 1]):
                continue
            end = at + size
            if check_after and end < len(text) and is_word_character(text[end]):
                continue
            return at
        return -1
