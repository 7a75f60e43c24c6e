"""Values typed on the command line are quoted in messages the way validate quotes values from
a file: cut to 60 characters, in a message of at most 300; an EDTF date imfhist cannot place
gets validate's reason, whichever command reads it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from imfhist.common.problems import MAX_MESSAGE, MAX_QUOTED, quoted
from test_script import ENV, SCRIPT

HUGE_YEAR = "Y1" + "0" * 5000
BARE_YEAR = "1" + "0" * 400
TOO_LONG_TO_PLACE = "Y1000000000000"
PLACE_REASON = "a year of more than 9 digits cannot be placed on a time axis"


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=ENV,
                          cwd=tmp_path, timeout=60)


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    assert run(tmp_path, "init").returncode == 0
    return tmp_path


def assert_short(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        # "error: " and the hint in brackets come on top of the 300-character message.
        assert len(line) <= 2 * MAX_MESSAGE, line[:200]
        assert "0" * MAX_QUOTED not in line, line[:200]


@pytest.mark.parametrize("date", [HUGE_YEAR, BARE_YEAR, "2004-13-" + "0" * 400, "x" * 400])
@pytest.mark.parametrize("option", ["--from", "--to"])
def test_filter_quotes_a_long_date_cut(timeline: Path, option: str, date: str) -> None:
    result = run(timeline, "filter", option, date)
    assert result.returncode == 2
    assert_short(result)
    assert quoted(date) in result.stderr


@pytest.mark.parametrize("date", [HUGE_YEAR, BARE_YEAR, "x" * 400])
def test_add_quotes_a_long_date_cut(timeline: Path, date: str) -> None:
    result = run(timeline, "add", "--title", "X", "--date", date, "--quote", "q", "--yes")
    assert result.returncode != 0
    assert_short(result)
    assert all(len(line) <= MAX_MESSAGE for line in result.stderr.splitlines())


def test_long_names_are_cut_too(timeline: Path) -> None:
    result = run(timeline, "filter", "--country", "z" * 5000)
    assert result.returncode == 2
    assert "z" * MAX_QUOTED not in result.stderr and len(result.stderr) < 2 * MAX_MESSAGE


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_filter_gives_validates_reason_for_a_year_too_long(timeline: Path, option: str) -> None:
    result = run(timeline, "filter", option, TOO_LONG_TO_PLACE)
    assert result.returncode == 2
    assert PLACE_REASON in result.stderr and "not a date imfhist reads" not in result.stderr


def test_add_gives_validates_reason_for_a_year_too_long(timeline: Path) -> None:
    result = run(timeline, "add", "--title", "X", "--date", TOO_LONG_TO_PLACE, "--quote", "q",
                 "--yes")
    assert result.returncode != 0
    assert PLACE_REASON in result.stderr and "not a date imfhist reads" not in result.stderr


def test_a_wording_still_reads_and_a_non_date_is_still_neither(timeline: Path) -> None:
    assert run(timeline, "filter", "--from", "dès 2004").returncode == 0
    result = run(timeline, "filter", "--from", "soon")
    assert "is not a date imfhist reads: write it as 2004" in result.stderr


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    data = Path(__file__).parents[1] / "data"
    (tmp_path / "t.yaml").write_text((data / "timeline.yaml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    return tmp_path


def test_edit_and_import_give_validates_reason_and_cut_dates(shipped: Path) -> None:
    for date in (TOO_LONG_TO_PLACE, HUGE_YEAR):
        result = run(shipped, "edit", "-f", "t.yaml", "altermed", "--date", date)
        assert result.returncode != 0
        assert PLACE_REASON in result.stderr
        assert_short(result)
    (shipped / "i.csv").write_text(f"title,date,source,quote\nX,{TOO_LONG_TO_PLACE},s,q\n",
                                   encoding="utf-8")
    result = run(shipped, "import", "-f", "t.yaml", "i.csv")
    assert f"column date: {PLACE_REASON}" in result.stderr


def test_a_long_lang_is_cut(timeline: Path) -> None:
    result = run(timeline, "list", "--lang", "q" * 5000)
    assert result.returncode == 2
    assert "q" * MAX_QUOTED not in result.stderr and "Traceback" not in result.stderr
