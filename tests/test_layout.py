"""Plain-text output as a new user sees it: wide tables give short columns their room, wrapping
keeps closing punctuation with its word, the chart's legend explains only what is drawn, and no
line ends with spaces, in a terminal or redirected."""

from __future__ import annotations

import re

import pytest

from conftest import SHIPPED
from imfhist.publishing.table import EventTable, wrap
from imfhist.timeline.loader import load
from imfhist.timeline.query import in_date_order

TIMELINE = load(SHIPPED).timeline
CLOSING = "»”).,;:!?"


def test_a_wide_terminal_keeps_countries_and_actors_from_wrapping_word_by_word() -> None:
    assert TIMELINE is not None
    table = EventTable(in_date_order(TIMELINE), TIMELINE)
    text = list(table.text_lines(200))
    assert any("Morocco, Algeria," in line for line in text)
    assert not any(line.rstrip().endswith(("Morocco,", "Algeria,")) for line in text)


@pytest.mark.parametrize("width", [100, 120, 160, 200, 250])
def test_the_chosen_widths_make_the_table_no_taller_than_an_even_share(width: int) -> None:
    assert TIMELINE is not None
    table = EventTable(in_date_order(TIMELINE), TIMELINE)
    widths = table.widths(width)
    assert widths is not None
    room = sum(widths)
    wanted = [c.wanted for c in table._columns()]
    needed = [c.needed for c in table._columns()]
    even = [max(n, min(w, room // 5)) for n, w in zip(needed, wanted, strict=True)]
    even[1] += room - sum(even)
    if all(n <= e for n, e in zip(needed, even, strict=True)):
        assert table._height(widths) <= table._height(even)


@pytest.mark.parametrize("width", range(12, 60))
def test_closing_punctuation_never_starts_a_line(width: int) -> None:
    text = ("« De nombreuses expériences nous ont fait grandir : en Algérie, le projet FAR sur "
            "Annaba » ( voir aussi ) ! fin .")
    lines = wrap(text, width)
    assert all(len(line) <= width for line in lines)
    assert " ".join(lines).split() == text.split()
    for line in lines[1:]:
        if len(line.split()[0]) <= width:  # a mark alone wider than the line is another matter
            assert line[0] not in CLOSING, lines
    for line in lines[:-1]:
        assert not line.endswith(("«", "(")), lines


def test_show_keeps_the_closing_guillemet_with_its_word(run, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    lines = run("show", "projet-far-annaba").stdout.splitlines()
    assert not any(re.match(r"\s*[»”)]", line) for line in lines), lines


def test_the_legend_lists_only_the_marks_drawn(run) -> None:
    lines = run("chart").stdout.splitlines()
    legend = next(line for line in lines if "interval" in line or "end unknown" in line)
    drawn = "".join(lines[1:lines.index(legend)])
    for mark, meaning in (("━", "interval"), ("●", "point"), ("→", "goes on"),
                          ("┄", "end unknown"), ("~", "approximate")):
        assert (f"{mark} {meaning}" in legend) == (mark in drawn), (mark, legend)
    assert "● point" not in legend  # the shipped timeline has no single-point event drawn


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("args", [
    ["list"], ["show", "altermed"], ["show", "projet-far-annaba"], ["chart"],
    ["chart", "--lanes", "country"], ["stats"], ["filter", "--country", "DZ"]])
def test_no_line_ends_with_spaces(run, monkeypatch, args: list[str], colour: bool) -> None:
    if colour:
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("FORCE_COLOR", "1")
    output = run(*args).stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert plain.strip()
    assert [line for line in plain.splitlines() if line != line.rstrip()] == []
