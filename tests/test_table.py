"""The event table at every width: no word cut, ids whole, one block per event when narrow."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHIPPED
from imfhist.publishing.table import EventTable, wrap
from imfhist.timeline.loader import load
from imfhist.timeline.query import in_date_order

GOLDEN = Path(__file__).parent / "golden"
TIMELINE = load(SHIPPED).timeline


def laid_out(width: int) -> str:
    assert TIMELINE is not None
    table = EventTable(in_date_order(TIMELINE), TIMELINE)
    return "".join("".join(part for part, _ in line).rstrip() + "\n"
                   for line in table.lines(width))


@pytest.mark.parametrize("width", [60, 80, 100, 200])
def test_list_at_width_matches_golden_file(run, width: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run("list")
    assert result.exit_code == 0
    golden = GOLDEN / f"list-{width}.txt"
    if os.environ.get("IMFHIST_UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def words_of_timeline() -> set[str]:
    assert TIMELINE is not None
    text = laid_out(1000)  # one line per cell: every word whole
    words = {w for w in re.split(r"[\s,]+", text) if w and not set(w) <= {"━"}}
    return words | {"Id"}  # the stacked layout's only label that the table has not


WORDS = words_of_timeline()


@pytest.mark.parametrize("width", range(40, 301, 7))
def test_no_word_is_cut_at_any_width(width: int) -> None:
    text = laid_out(width)
    assert max(len(line) for line in text.splitlines()) <= width
    for token in re.split(r"[\s,]+", text):
        if not token or set(token) <= {"━"}:
            continue
        # A piece of a word ends with its hyphen (`non-` / `gouvernementaux`); anything else on
        # the page is a whole word of the timeline.
        whole = token in WORDS or any(token in word for word in WORDS)
        assert whole, token
        if token not in WORDS:
            assert token.endswith("-") or any(word.endswith(token) and "-" in word
                                               for word in WORDS), token


def test_ids_stay_whole_in_the_table() -> None:
    assert TIMELINE is not None
    text = laid_out(100)
    assert "│" not in text
    for event in TIMELINE.events:
        assert re.search(rf"(^|\s){re.escape(event.id.value)}(\s|$)", text, re.M), event.id.value


def test_narrow_terminals_get_one_block_per_event() -> None:
    text = laid_out(60)
    assert "━" not in text
    assert "  Id         altermed\n" in text
    assert "  Date       2019–2021\n" in text


def test_wide_terminals_give_actors_the_room_they_need() -> None:
    text = laid_out(300)
    line = next(line for line in text.splitlines() if "pcpa-mis-en-place" in line
                or line.lstrip().startswith("à partir de 2002"))
    assert "Ministère français des affaires étrangères, Acteurs non-gouvernementaux" in line


@given(st.lists(st.text(alphabet="ab-c ", min_size=0, max_size=40), max_size=5),
       st.integers(min_value=1, max_value=30))
def test_wrap_keeps_every_character_and_the_width(parts: list[str], width: int) -> None:
    text = " ".join(parts)
    lines = wrap(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


@pytest.mark.parametrize("width", range(40, 301, 13))
def test_plain_lines_are_the_styled_lines_without_styles(width: int) -> None:
    assert TIMELINE is not None
    table = EventTable(in_date_order(TIMELINE), TIMELINE)
    styled = ["".join(part for part, _ in line).rstrip() for line in table.lines(width)]
    assert list(table.text_lines(width)) == styled
