"""Dates as people word them, and the one EDTF date each wording means.

`WORDINGS` is the only table: `imfhist add`, `import`, `edit` and the `--from/--to` options all
read dates through `from_wording`, the `claim-date` rule reads a `date_label` through it, and
docs/format.md shows it (a test checks that the page holds `markdown_table()`).

Each wording is read on the text folded as names are (case and accents aside, `’` as `'`), with
`{year}` a year of one to four digits, `{decade}` a year ending in 0, `{month}` a month's name,
`{day}` a day of the month (`1er` in French) and `{season}` a season's name; `{year2}`, `{month2}`
and `{day2}` are the second of a pair.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from imfhist.common.i18n import _
from imfhist.common.problems import quoted
from imfhist.timeline.dates import EdtfError, parse_edtf


class Wording(NamedTuple):
    words: str  # the wording, with {year}, {decade}, {month}, {day}, {season}, {year2}…
    edtf: str  # the EDTF date made of it
    meaning: str  # what the wording says, and so why this EDTF
    keep: bool = True  # whether the words are kept as `date_label`: they say more than the EDTF


WORDINGS = (
    Wording("dès {year}", "{year}/", "a start stated, an end not stated (end unknown)"),
    Wording("à partir de {year}", "{year}/", "a start stated, an end not stated (end unknown)"),
    Wording("from {year}", "{year}/", "a start stated, an end not stated (end unknown)"),
    Wording("starting in {year}", "{year}/", "a start stated, an end not stated (end unknown)"),
    Wording("depuis {year}", "{year}/..", "a start, and still going on when written (open end)"),
    Wording("since {year}", "{year}/..", "a start, and still going on when written (open end)"),
    Wording("jusqu'en {year}", "../{year}", "an end stated, no start (open start)"),
    Wording("until {year}", "../{year}", "an end stated, no start (open start)"),
    Wording("vers {year}", "{year}~", "about that year (approximate)"),
    Wording("environ {year}", "{year}~", "about that year (approximate)"),
    Wording("circa {year}", "{year}~", "about that year (approximate)"),
    Wording("c. {year}", "{year}~", "about that year (approximate)"),
    Wording("about {year}", "{year}~", "about that year (approximate)"),
    Wording("around {year}", "{year}~", "about that year (approximate)"),
    Wording("peut-être en {year}", "{year}?", "that year, uncertain"),
    Wording("perhaps in {year}", "{year}?", "that year, uncertain"),
    Wording("années {decade}", "{decade}X", "some time in that decade"),
    Wording("les années {decade}", "{decade}X", "some time in that decade"),
    Wording("the {decade}s", "{decade}X", "some time in that decade"),
    Wording("{decade}s", "{decade}X", "some time in that decade"),
    Wording("fin {year}", "{year}",
            "in that year; EDTF levels 0 and 1 cannot say which part, the words keep it"),
    Wording("début {year}", "{year}",
            "in that year; EDTF levels 0 and 1 cannot say which part, the words keep it"),
    Wording("late {year}", "{year}",
            "in that year; EDTF levels 0 and 1 cannot say which part, the words keep it"),
    Wording("early {year}", "{year}",
            "in that year; EDTF levels 0 and 1 cannot say which part, the words keep it"),
    Wording("en {year}", "{year}", "that year", keep=False),
    Wording("in {year}", "{year}", "that year", keep=False),
    Wording("{year}-{year2}", "{year}/{year2}", "from the first year to the second", keep=False),
    Wording("de {year} à {year2}", "{year}/{year2}", "from the first year to the second",
            keep=False),
    Wording("entre {year} et {year2}", "{year}/{year2}",
            "some time between the two years; the words keep that it is not a span"),
    Wording("from {year} to {year2}", "{year}/{year2}", "from the first year to the second",
            keep=False),
    Wording("between {year} and {year2}", "{year}/{year2}",
            "some time between the two years; the words keep that it is not a span"),
    Wording("{season} {year}", "{year}-{season}", "that season of that year (EDTF 21-24)",
            keep=False),
    Wording("{month} {year}", "{year}-{month}", "that month", keep=False),
    Wording("{day} {month} {year}", "{year}-{month}-{day}", "that day", keep=False),
    Wording("{month} {day}, {year}", "{year}-{month}-{day}", "that day", keep=False),
    Wording("le {day} {month} {year}", "{year}-{month}-{day}", "that day", keep=False),
    Wording("{day}/{monthnumber}/{year}", "{year}-{monthnumber}-{day}",
            "that day, written day/month/year as in French", keep=False),
    Wording("du {day} au {day2} {month} {year}", "{year}-{month}-{day}/{year}-{month}-{day2}",
            "from the first day to the second, in that month", keep=False),
    Wording("du {day} {month} au {day2} {month2} {year}",
            "{year}-{month}-{day}/{year}-{month2}-{day2}",
            "from the first day to the second, in that year", keep=False),
    Wording("from {day} to {day2} {month} {year}", "{year}-{month}-{day}/{year}-{month}-{day2}",
            "from the first day to the second, in that month", keep=False),
    Wording("from {day} {month} to {day2} {month2} {year}",
            "{year}-{month}-{day}/{year}-{month2}-{day2}",
            "from the first day to the second, in that year", keep=False),
    Wording("{day}-{day2} {month} {year}", "{year}-{month}-{day}/{year}-{month}-{day2}",
            "from the first day to the second, in that month", keep=False),
)

_MONTH_NAMES = {
    1: ("janvier", "january", "jan"), 2: ("fevrier", "february", "feb"), 3: ("mars", "march"),
    4: ("avril", "april", "apr"), 5: ("mai", "may"), 6: ("juin", "june", "jun"),
    7: ("juillet", "july", "jul"), 8: ("aout", "august", "aug"),
    9: ("septembre", "september", "sept", "sep"), 10: ("octobre", "october", "oct"),
    11: ("novembre", "november", "nov"), 12: ("decembre", "december", "dec"),
}
_SEASON_NAMES = {21: ("printemps", "spring"), 22: ("ete", "summer"),
                 23: ("automne", "autumn", "fall"), 24: ("hiver", "winter")}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_SEASONS = {name: number for number, names in _SEASON_NAMES.items() for name in names}
_SLOTS = {
    "year": r"(?P<year>-?\d{1,4})", "year2": r"(?P<year2>-?\d{1,4})",
    "decade": r"(?P<decade>\d{3})0", "day": r"(?P<day>\d{1,2})(?:er|st|nd|rd|th)?",
    "day2": r"(?P<day2>\d{1,2})(?:er|st|nd|rd|th)?",
    "month": "(?P<month>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + ")",
    "month2": "(?P<month2>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
              + ")",
    "season": "(?P<season>" + "|".join(sorted(_SEASONS, key=len, reverse=True)) + ")",
    "monthnumber": r"(?P<monthnumber>0?[1-9]|1[0-2])",
}


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Wording], ...]:
    from imfhist.common.textnorm import fold

    compiled = []
    for wording in WORDINGS:
        pieces = re.split(r"(\{\w+\})", fold(wording.words))
        regex = "".join(_SLOTS[p[1:-1]] if p.startswith("{") else
                        # a comma after a day ("March 21, 2022") may be left out
                        r"\s*".join(map(re.escape, p.split(" "))).replace(",", ",?")
                        for p in pieces)
        regex = regex.replace(r"\-", r"\s*[-–—]\s*").replace("'", "['’]")
        compiled.append((re.compile(regex), wording))
    return tuple(compiled)


def _year(text: str) -> str:
    return f"-{int(text[1:]):04d}" if text.startswith("-") else f"{int(text):04d}"


def from_wording(text: str) -> tuple[str, str | None]:
    """An EDTF date for what a person typed, and the wording to keep as `date_label` (None when
    the text was EDTF already, or says no more than the EDTF): "2004" -> ("2004", None);
    "dès 2004" -> ("2004/", "dès 2004"); "2019-2021" -> ("2019/2021", None).
    Raises EdtfError when the text says no date that imfhist can read."""
    from imfhist.common.textnorm import fold

    written = " ".join(text.split())
    try:
        parse_edtf(written)
        return written, None
    except EdtfError as error:
        # An EDTF date imfhist cannot place (a 13-digit year, month 13) gets validate's
        # reason, not "neither an EDTF date nor a wording".
        as_edtf = error if error.written_as_edtf else None
    folded = fold(written).replace("’", "'")
    for pattern, wording in _patterns():
        found = pattern.fullmatch(folded)
        if found is None:
            continue
        slots = found.groupdict()
        values = {
            "year": _year(slots["year"]) if slots.get("year") else "",
            "year2": _year(slots["year2"]) if slots.get("year2") else "",
            "decade": slots.get("decade") or "",
            "month": f"{_MONTHS[slots['month']]:02d}" if slots.get("month") else "",
            "month2": f"{_MONTHS[slots['month2']]:02d}" if slots.get("month2") else "",
            "monthnumber": f"{int(slots['monthnumber']):02d}" if slots.get("monthnumber") else "",
            "season": str(_SEASONS[slots["season"]]) if slots.get("season") else "",
            "day": f"{int(slots['day']):02d}" if slots.get("day") else "",
            "day2": f"{int(slots['day2']):02d}" if slots.get("day2") else "",
        }
        date = wording.edtf.format(**values)
        parse_edtf(date)  # the numbers make a valid date, or this raises
        return date, written if wording.keep else None
    if as_edtf is not None:
        raise as_edtf
    # An example of each form the table reads, in the user's language.
    raise EdtfError(_("{date} is not a date imfhist reads: write it as 2004, 2019-2021, March "
                      "2022, spring 2022, 21 March 2022, from 21 to 25 March 2022, from 2004, "
                      "about 1995, the 1990s, or in EDTF").format(date=quoted(written)))


def markdown_table() -> str:
    """The table of wordings, as docs/format.md shows it."""
    lines = ["| wording | EDTF | meaning | kept as `date_label` |", "|---|---|---|---|"]
    for wording in WORDINGS:
        french = not wording.words.startswith(("from {day}", "{month} {day}"))
        example = wording.words.format(
            year="2004", year2="2006", decade="1990", month="mai" if french else "May",
            month2="juin" if french else "June", day="1er" if french else "1",
            day2="5", season="printemps", monthnumber="05")
        date, _label = from_wording(example)
        lines.append(f"| `{wording.words}` (`{example}`) | `{wording.edtf}` (`{date}`) | "
                     f"{wording.meaning} | {'yes' if wording.keep else 'no'} |")
    return "\n".join(lines) + "\n"
