"""Quotes are found through an index of each archive's words: the answers are those of the scans
and patterns it replaces, on arbitrary quotes and pages, and a page is read once for all the
quotes that cite it."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imfhist.checking.rules.quotes import MAX_SEEDS, SEEDS, find_quote
from imfhist.common import textindex
from imfhist.common.textindex import TextIndex
from imfhist.common.textnorm import normalise_spacing
from imfhist.timeline.evidence import partial_word_part
from imfhist.timeline.loader import load

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from generate import write

# -- the definitions the index replaces: a scan of the page, a pattern per quote -----------------

_ELLIPSIS = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|\(…\)|…)\s*")
_WORD = re.compile(r"\w+")


def scanned_find_quote(quote: str, archive: str) -> str | None:
    parts = [p for p in _ELLIPSIS.split(normalise_spacing(quote)) if p]
    position = 0
    for part in parts:
        found = archive.find(part, position)
        if found < 0:
            return part[:_scanned_prefix(part, archive, position)]
        position = found + len(part)
    return None


def _scanned_prefix(part: str, archive: str, start: int) -> int:
    for seed in SEEDS:
        if len(part) < seed:
            continue
        found = archive.find(part[:seed], start)
        if found < 0:
            continue
        best = seed
        for _seen in range(MAX_SEEDS):
            while best < len(part) and archive.startswith(part[:best + 1], found):
                best += 1
            found = archive.find(part[:seed], found + 1)
            if found < 0:
                break
        return best
    return 0


def patterned_partial_word_part(quote: str, archive: str) -> str | None:
    position = 0
    for part in [p for p in _ELLIPSIS.split(normalise_spacing(quote)) if p]:
        before = r"(?<!\w)" if _WORD.match(part[0]) else ""
        after = r"(?!\w)" if _WORD.match(part[-1]) else ""
        found = re.compile(before + re.escape(part) + after).search(archive, position)
        if found is None:
            return part
        position = found.end()
    return None


# -- pages and quotes -----------------------------------------------------------------------------

# Few words, so that quotes are found, found in part, found inside longer words, or out of order.
WORDS = ["de", "dès", "des", "l'IMF", "IMF", "a", "à", "2004", "2004,", "projet", "projets",
         "Tunisie", "tunisien", "_x", "x_", "—", "(", ")", "…", "[…]", "…ab", "é"]
pages = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
raw_pages = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(["  ", "\t", "\u00a0"])),
                     max_size=40).map(" ".join)


@st.composite
def quotes(draw: st.DrawFn, page: str) -> str:
    """A passage of the page (perhaps changed a little, perhaps with elisions), or other words."""
    if not page or (draw(st.booleans()) and draw(st.booleans())):
        return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
    start = draw(st.integers(0, len(page) - 1))
    end = draw(st.integers(start + 1, min(len(page), start + 80)))
    quote = page[start:end]
    change = draw(st.sampled_from(["none", "replace", "elide", "swap"]))
    at = draw(st.integers(0, len(quote)))
    if change == "replace":
        quote = quote[:at] + draw(st.sampled_from(["z", "é", " ", "2"])) + quote[at + 1:]
    elif change == "elide":
        quote = quote[:at] + draw(st.sampled_from([" … ", " [...] ", "[…]"])) + quote[at:]
    elif change == "swap":
        quote = quote[at:] + " " + quote[:at]
    return quote


@contextmanager
def scanned_up_to(size: int) -> Iterator[None]:
    """Texts of at most `size` characters scanned rather than indexed (0: every text indexed,
    as a large page is)."""
    kept = textindex.SCAN_ONLY
    textindex.SCAN_ONLY = size
    try:
        yield
    finally:
        textindex.SCAN_ONLY = kept


@pytest.fixture()
def indexed_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textindex, "SCAN_ONLY", 0)


BOTH_WAYS = pytest.mark.parametrize("scan_only", [0, textindex.SCAN_ONLY],
                                    ids=["indexed", "scanned"])


@BOTH_WAYS
@given(st.data(), pages)
def test_indexed_quotes_agree_with_the_scans_they_replace(scan_only: int, data: st.DataObject,
                                                           page: str) -> None:
    with scanned_up_to(scan_only):
        _quotes_agree(data, page)


def _quotes_agree(data: st.DataObject, page: str) -> None:
    asked = [data.draw(quotes(page)) for _ in range(data.draw(st.integers(1, 12)))]
    index = TextIndex(page)
    # Half the time the quotes are announced first (as the rules do), else asked unannounced.
    if data.draw(st.booleans()):
        index.expect(part for quote in asked for part in _ELLIPSIS.split(normalise_spacing(quote))
                     if part)
    for quote in asked:
        assert find_quote(quote, index) == scanned_find_quote(quote, page), quote
        assert partial_word_part(quote, index) == patterned_partial_word_part(quote, page), quote


@BOTH_WAYS
@given(st.data(), raw_pages)
def test_every_lookup_is_the_scan_it_replaces(scan_only: int, data: st.DataObject, page: str
                                              ) -> None:
    with scanned_up_to(scan_only):
        _lookups_agree(data, page)


def _lookups_agree(data: st.DataObject, page: str) -> None:
    # Any text, not only one whose spacing was normalised.
    index = TextIndex(page)
    for _ in range(data.draw(st.integers(1, 10))):
        if page and data.draw(st.booleans()):
            start = data.draw(st.integers(0, len(page) - 1))
            passage = page[start:data.draw(st.integers(start, len(page)))]
        else:
            passage = data.draw(st.text(st.sampled_from(" ab_é,"), max_size=12))
        at = data.draw(st.integers(0, len(page) + 1))
        assert index.find(passage, at) == page.find(passage, at), (passage, at)
        expected = []
        found = page.find(passage, at)
        while found >= 0 and len(expected) < 20:
            expected.append(found)
            found = page.find(passage, found + 1)
        assert list(islice(index.occurrences(passage, at), 20)) == expected


@pytest.mark.usefixtures("indexed_always")
def test_a_page_is_split_a_fixed_number_of_times_for_all_its_quotes(tmp_path, monkeypatch) -> None:
    # 300 events citing 10 pages: each page's words are counted once and its anchors placed once
    # (plus once for the seeds of quotes found nowhere, of which there are none), however many
    # quotes cite it; a scan per quote would make it 300.
    timeline = load(write(tmp_path / "timeline.yaml", 300)).timeline
    assert timeline is not None
    passes = []
    slices = TextIndex._slices

    def counted(self: TextIndex):  # type: ignore[no-untyped-def]
        passes.append(id(self))
        return slices(self)

    monkeypatch.setattr(TextIndex, "_slices", counted)
    from imfhist.checking.rules import check

    assert [p for p in check(timeline) if p.severity == "error"] == []
    assert len(set(passes)) == 10
    assert len(passes) <= 2 * 10


@pytest.mark.usefixtures("indexed_always")
def test_a_long_page_is_read_in_slices(monkeypatch) -> None:
    monkeypatch.setattr(textindex, "SLICE", 16)
    page = " ".join(f"mot{n} de la page" for n in range(200))
    index = TextIndex(page)
    index.expect(["mot150 de la page mot151", "page mot7 de"])
    assert index.find("mot150 de la page mot151") == page.find("mot150 de la page mot151")
    assert index.find("page mot7 de", 5) == page.find("page mot7 de", 5)
    assert index.find_whole("ot150 de") == -1
    assert index.find_whole("mot150 de") == page.find("mot150 de")


@given(st.text(st.sampled_from("ab \n\t\u00a0\u2019\u3000x"), max_size=400), st.integers(1, 40))
def test_a_page_normalised_in_slices_is_the_page_normalised_whole(text: str, size: int) -> None:
    # A 19 MB page was split into millions of words at once to normalise its spacing (200 MB).
    from imfhist.timeline import archives

    assert archives.normalised_page(text, size) == normalise_spacing(text)
