from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from imfhist.timeline.dates import EdtfError, format_bound, overlaps, parse_edtf, word

CASES = [
    # text, lower, upper, worded
    ("2004", (2004, 1, 1), (2004, 12, 31), "2004"),
    ("2019-05", (2019, 5, 1), (2019, 5, 31), "May 2019"),
    ("2019-05-01", (2019, 5, 1), (2019, 5, 1), "1 May 2019"),
    ("2020-02", (2020, 2, 1), (2020, 2, 29), "February 2020"),
    ("2019/2021", (2019, 1, 1), (2021, 12, 31), "2019–2021"),
    ("2004/..", (2004, 1, 1), None, "since 2004"),
    ("2004/", (2004, 1, 1), None, "2004–?"),
    ("../2004", None, (2004, 12, 31), "until 2004"),
    ("/2004", None, (2004, 12, 31), "?–2004"),
    ("199X", (1990, 1, 1), (1999, 12, 31), "1990s"),
    ("19XX", (1900, 1, 1), (1999, 12, 31), "1900–1999"),
    ("2004~", (2004, 1, 1), (2004, 12, 31), "c. 2004"),
    ("2004?", (2004, 1, 1), (2004, 12, 31), "2004?"),
    ("2004%", (2004, 1, 1), (2004, 12, 31), "c. 2004?"),
    ("2004-XX", (2004, 1, 1), (2004, 12, 31), "2004"),
    ("2004-06-XX", (2004, 6, 1), (2004, 6, 30), "June 2004"),
    ("2001-21", (2001, 3, 1), (2001, 5, 31), "spring 2001"),
    ("2001-24", (2001, 12, 1), (2002, 2, 28), "winter 2001"),
    ("0000", (0, 1, 1), (0, 12, 31), "1 BCE"),
    ("-0100", (-100, 1, 1), (-100, 12, 31), "101 BCE"),
    ("Y99999", (99999, 1, 1), (99999, 12, 31), "99999"),
    ("2019-05-01T10:20:30Z", (2019, 5, 1), (2019, 5, 1), "1 May 2019"),
    ("2000-02-29", (2000, 2, 29), (2000, 2, 29), "29 February 2000"),
]


@pytest.mark.parametrize(("text", "lower", "upper", "worded"), CASES)
def test_parse_and_word(text: str, lower: object, upper: object, worded: str) -> None:
    date = parse_edtf(text)
    assert (date.lower, date.upper) == (lower, upper)
    assert word(date) == worded


@pytest.mark.parametrize(
    ("text", "offset"),
    [("2019-13", 5), ("2019-02-30", 8), ("1900-02-29", 8), ("2021/2019", 5), ("20", 0),
     ("2004-05-01T25:00:00", 11), ("abcd", 0), ("2004 ", 0), ("/", 0), ("-0000", 0),
     ("2004//2005", 5), ("[1667,1668]", 0), ("2004-35", 5), ("Y123", 0), ("199X-05", 5)],
)
def test_invalid_dates_say_where(text: str, offset: int) -> None:
    with pytest.raises(EdtfError) as error:
        parse_edtf(text)
    assert error.value.offset == offset
    assert str(error.value)


def test_reversed_interval_is_its_own_kind() -> None:
    with pytest.raises(EdtfError) as error:
        parse_edtf("2021/2019")
    assert error.value.reversed_interval


def test_overlaps_with_open_ends() -> None:
    assert overlaps((2004, 1, 1), None, (2010, 1, 1), (2010, 12, 31))
    assert not overlaps((2004, 1, 1), (2004, 12, 31), (2005, 1, 1), None)
    assert overlaps(None, (2004, 12, 31), None, (1900, 1, 1))
    assert format_bound(None) == ".." and format_bound((-5, 1, 2)) == "-0005-01-02"


# The `edtf` package is an independent reading of the same specification: where both read a
# date, they must agree on its bounds.
import edtf as edtf_package  # noqa: E402

dates = st.builds(
    lambda y, m, d, q, form: (
        f"{y:04d}" if form == 0 else f"{y:04d}-{m:02d}" if form == 1 else f"{y:04d}-{m:02d}-{d:02d}"
    ) + q,
    st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31),
    st.sampled_from(["", "?", "~", "%"]), st.integers(0, 2),
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(dates, st.tuples(dates, dates).map("/".join),
                 st.text(alphabet="0123456789X-/.?~%Y", max_size=12)))
def test_agrees_with_the_edtf_package(text: str) -> None:
    try:
        theirs = edtf_package.parse_edtf(text)
    except Exception:
        theirs = None
    try:
        ours = parse_edtf(text)
    except EdtfError:
        ours = None
    if ours is None or theirs is None:
        # We read a subset of EDTF (no level 2), and refuse impossible days that the package
        # reads; never do we read something the package refuses, but for an unknown start
        # with an open end (and the reverse), which the other two references read.
        assert not (ours is not None and theirs is None and text not in ("/..", "../")), text
        return
    if ours.lower is not None and ours.start is not None:
        assert tuple(theirs.lower_strict()[:3]) == ours.lower, text
    if ours.upper is not None and ours.end is not None:
        assert tuple(theirs.upper_strict()[:3]) == ours.upper, text


# The published test strings of python-edtf, edtf-validate and edtf.js, with each one's answer
# (see the head of the file for where they come from and how they were judged).
REFERENCE = [line.split("\t") for line in
             (DATA / "edtf-reference.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
AGREED = [(json.loads(text), votes[0] == "1") for text, *votes in REFERENCE
          if len(set(votes)) == 1]
DISPUTED = [json.loads(text) for text, *votes in REFERENCE if len(set(votes)) > 1]


def _reads(text: str) -> bool:
    try:
        parse_edtf(text)
    except EdtfError as error:
        assert str(error) and 0 <= error.offset <= len(text)
        return False
    return True


@pytest.mark.parametrize(("text", "valid"), AGREED, ids=[repr(t) for t, _ in AGREED])
def test_reads_what_the_three_references_agree_on(text: str, valid: bool) -> None:
    assert _reads(text) == valid


def test_disputed_strings_are_answered() -> None:
    assert len(AGREED) > 400 and DISPUTED
    for text in DISPUTED:
        _reads(text)
