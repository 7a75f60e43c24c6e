"""EDTF dates: text to a span (lower and upper bounds, precision, qualifiers, open ends) and back
to words.

imfhist reads the part of the Library of Congress Extended Date/Time Format (ISO 8601-2) that a
history needs: EDTF level 0 (dates, date-times, intervals) and level 1 (the qualifiers `?`, `~`
and `%`, unspecified digits `X`, seasons 21-24, `Y`-prefixed long years, unknown and open interval
ends). Level 2 forms (sets, partial qualifiers, exponents) are reported as not supported.

The parser is written here rather than taken from the `edtf` package because that package costs
about 200 ms to import and 14 ms per date, which a command-line listing cannot afford; the test
suite checks this parser against `edtf` as an independent oracle, and against the published test
strings of python-edtf, edtf-validate and edtf.js: it accepts and refuses exactly where those
three agree (tests/data/edtf-reference.tsv). Where they agree that a form is level 2 (unspecified
digits or a `Y` year in an interval, a qualified season), it is refused here too.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from imfhist.common.i18n import N_, _, p_
from imfhist.common.problems import MAX_QUOTED, quoted, shorten

# A bound is (year, month, day); None stands for an unbounded end (open or unknown).
Bound = tuple[int, int, int]

_MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
# EDTF level 1 seasons: code -> (name, first month, last month); winter runs into the next year.
_SEASONS = {
    21: (N_("spring"), 3, 5), 22: (N_("summer"), 6, 8), 23: (N_("autumn"), 9, 11),
    24: (N_("winter"), 12, 2),
}

_DATE = re.compile(
    r"""
    (?P<year> Y-?[1-9][0-9]{4,} | -?[0-9]{4} | -?[0-9]{3}X | -?[0-9]{2}XX )
    (?: -(?P<month> [0-9]{2} | XX )
        (?: -(?P<day> [0-9]{2} | XX )
            (?P<time> T[0-9]{2}:[0-9]{2}:[0-9]{2}
                (?P<offset> Z | [+-][0-9]{2}(?::[0-9]{2})? )? )?
        )?
    )?
    (?P<qualifier> [?~%] )?
    """,
    re.VERBOSE,
)


# EDTF sets no bound on Y-years, but a time axis needs a year that a float can hold and that
# Python turns into a string (4,300 digits at most): nine digits are nearly a billion years.
MAX_YEAR_DIGITS = 9


class EdtfError(ValueError):
    """Text that is not an EDTF date this module reads; `offset` is where the trouble starts.
    `written_as_edtf`: the text is written as an EDTF date, but names none imfhist can place
    (month 13, a 13-digit year): the reason is then worth more than "not a date"."""

    def __init__(self, message: str, offset: int = 0, *, reversed_interval: bool = False,
                 written_as_edtf: bool = False) -> None:
        super().__init__(message)
        self.offset = offset
        self.reversed_interval = reversed_interval
        self.written_as_edtf = written_as_edtf


class DatePoint(NamedTuple):
    """One EDTF date (an interval has two)."""

    lower: Bound
    upper: Bound
    precision: str  # "day", "month", "season", "year", "decade", "century"
    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False


class EdtfDate(NamedTuple):
    """A parsed EDTF value: a single date, or an interval whose ends may be open or unknown."""

    text: str
    start: DatePoint | None
    end: DatePoint | None
    is_interval: bool = False
    start_open: bool = False  # "../2004": no beginning
    start_unknown: bool = False  # "/2004": a beginning that is not known
    end_open: bool = False  # "2004/..": goes on
    end_unknown: bool = False  # "2004/": an end that is not known

    @property
    def lower(self) -> Bound | None:
        return self.start.lower if self.start else None

    @property
    def upper(self) -> Bound | None:
        return self.end.upper if self.end else None


def is_leap(year: int) -> bool:
    # Proleptic Gregorian, as ISO 8601: year 0 is a leap year.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _parse_point(text: str, base: int) -> DatePoint:
    match = _DATE.fullmatch(text)
    if match is None:
        partial = _DATE.match(text)
        offset = partial.end() if partial else 0
        raise EdtfError(_explain(text, offset), base + offset)
    try:
        return _point(match, text, base)
    except EdtfError as error:
        error.written_as_edtf = True
        raise


def _point(match: re.Match[str], text: str, base: int) -> DatePoint:
    year_text = match["year"]
    negative = year_text.lstrip("Y").startswith("-")
    digits = year_text.lstrip("Y-")
    unspecified_year = digits.count("X")
    if year_text.startswith("Y") and (len(digits) < 5 or digits.startswith("0")):
        raise EdtfError(_("a Y-prefixed year has at least 5 digits and no leading zero"), base)
    if negative and not digits.strip("0"):
        raise EdtfError(_("year 0 has no sign: write 0000"), base)
    if len(digits) > MAX_YEAR_DIGITS:
        raise EdtfError(_("a year of more than {digits} digits cannot be placed on a time "
                          "axis").format(digits=MAX_YEAR_DIGITS), base)
    low_year = int(digits.replace("X", "0"))
    high_year = int(digits.replace("X", "9"))
    if negative:
        low_year, high_year = -high_year, -low_year
    qualifier = match["qualifier"] or ""
    common = {"approximate": qualifier in "~%" and bool(qualifier),
              "uncertain": qualifier in "?%" and bool(qualifier)}

    month_text, day_text = match["month"], match["day"]
    if unspecified_year and month_text:
        raise EdtfError(_("a year with X digits cannot have a month (EDTF level 2)"), base + 5)
    if unspecified_year:
        precision = "decade" if unspecified_year == 1 else "century"
        return DatePoint((low_year, 1, 1), (high_year, 12, 31), precision, low_year, **common)
    year = low_year
    if month_text is None:
        return DatePoint((year, 1, 1), (year, 12, 31), "year", year, **common)

    month_offset = base + match.start("month")
    if month_text == "XX":
        if day_text not in (None, "XX"):
            raise EdtfError(_("a day cannot be given when the month is XX"),
                            base + match.start("day"))
        return DatePoint((year, 1, 1), (year, 12, 31), "year", year, **common)
    month = int(month_text)
    if month in _SEASONS:
        if day_text is not None:
            raise EdtfError(_("a season cannot have a day"), base + match.start("day"))
        if qualifier:
            raise EdtfError(_("a qualified season ({date}) is EDTF level 2").format(date=text),
                            base + match.start("qualifier"))
        first, last = _SEASONS[month][1:]
        end_year = year + 1 if last < first else year
        upper = (end_year, last, days_in_month(end_year, last))
        return DatePoint((year, first, 1), upper, "season", year, month, **common)
    if not 1 <= month <= 12:
        message = (_("month {month} does not exist (seasons 25-41 are EDTF level 2)")
                   if 25 <= month <= 41 else _("month {month} does not exist"))
        raise EdtfError(message.format(month=month_text), month_offset)
    last_day = days_in_month(year, month)
    if day_text is None or day_text == "XX":
        return DatePoint((year, month, 1), (year, month, last_day), "month", year, month, **common)
    day = int(day_text)
    if not 1 <= day <= last_day:
        raise EdtfError(
            _("day {day} does not exist in {month}").format(
                day=day_text, month=_("{month} {year}").format(month=_(_MONTHS[month - 1]),
                                                               year=year)),
            base + match.start("day"),
        )
    time_text = match["time"]
    if time_text:
        hours, minutes, seconds = (int(x) for x in time_text[1:9].split(":"))
        # 24:00:00 is the end of the day, as ISO 8601 allows.
        if (hours > 23 and (hours, minutes, seconds) != (24, 0, 0)) or minutes > 59 \
                or seconds > 59:
            raise EdtfError(_("time {time} does not exist").format(time=time_text[1:9]),
                            base + match.start("time") + 1)
        offset = match["offset"]
        if offset and offset != "Z":
            offset_hours, offset_minutes = int(offset[1:3]), int(offset[4:6] or 0)
            signed = (offset_hours * 60 + offset_minutes) * (-1 if offset[0] == "-" else 1)
            # Time zones run from -12:00 to +14:00; "-00" is not a zone (ISO 8601 writes +00).
            negative_zero = signed == 0 and offset[0] == "-"
            if offset_minutes > 59 or not -12 * 60 <= signed <= 14 * 60 or negative_zero:
                raise EdtfError(_("time zone offset {offset} does not exist (from -12:00 to "
                                  "+14:00)").format(offset=offset),
                                base + match.start("offset"))
    point = (year, month, day)
    return DatePoint(point, point, "day", year, month, day, **common)


def _explain(text: str, offset: int) -> str:
    if not text:
        return _("empty date")
    if re.fullmatch(r"-?[0-9]{5,}", text):
        return _("a year of more than four digits is written with a Y: {date}").format(
            date=shorten(f"Y{text}", MAX_QUOTED))
    if text[:1] in "[{":
        return _("sets of dates ([..] and {{..}}) are EDTF level 2, which imfhist/1 does not "
                 "read").format()
    if offset < len(text):
        return _("unexpected {character} at position {position} of {date}").format(
            character=repr(text[offset]), position=offset + 1, date=quoted(text))
    return _("{date} ends too early").format(date=quoted(text))


def parse_edtf(text: str) -> EdtfDate:
    """Parse `text` or raise EdtfError saying what is wrong and where."""
    if text != text.strip():
        raise EdtfError(_("spaces are not allowed in an EDTF date"), 0)
    if "/" not in text:
        point = _parse_point(text, 0)
        return EdtfDate(text, point, point)
    if text.count("/") > 1:
        raise EdtfError(_("an interval has exactly one '/'"),
                        text.index("/", text.index("/") + 1))
    first, second = text.split("/")
    slash = len(first)
    if first == second == "":
        raise EdtfError(_("an interval needs at least one end that is known or open"), 0)
    for part, offset in ((first, 0), (second, slash + 1)):
        if "X" in part:
            raise EdtfError(_("unspecified digits (X) in an interval are EDTF level 2"),
                            offset + part.index("X"))
        if part.startswith("Y"):
            raise EdtfError(_("a Y-prefixed year in an interval is EDTF level 2"), offset)
    start = None if first in ("", "..") else _parse_point(first, 0)
    end = None if second in ("", "..") else _parse_point(second, slash + 1)
    if start and end and start.lower > end.upper:
        raise EdtfError(_("the interval ends ({end}) before it starts ({start})").format(
            end=second, start=first), slash + 1,
                        reversed_interval=True, written_as_edtf=True)
    return EdtfDate(
        text,
        start,
        end,
        is_interval=True,
        start_open=first == "..",
        start_unknown=first == "",
        end_open=second == "..",
        end_unknown=second == "",
    )


def try_parse(text: str) -> EdtfDate | None:
    """The date to place an event by, or None when the text is not EDTF or names no known end
    (`../..`, `/..`): such an event is listed with the undated ones."""
    try:
        date = parse_edtf(text)
    except EdtfError:
        return None
    return None if date.start is None and date.end is None else date


def word_point(point: DatePoint) -> str:
    """One date in words, in the interface language: "2004", "May 2019" or "mai 2019",
    "1990s" or "années 1990", "c. 2004" or "vers 2004", "2004?" or "2004 ?"."""
    year = _word_year(point.year)
    if point.precision == "day":
        assert point.month and point.day
        # The first day is "1er" in French: the only day number that changes.
        day = p_("day of the month", "1") if point.day == 1 else str(point.day)
        text = _("{day} {month} {year}").format(day=day, month=_(_MONTHS[point.month - 1]),
                                               year=year)
    elif point.precision == "month":
        assert point.month
        text = _("{month} {year}").format(month=_(_MONTHS[point.month - 1]), year=year)
    elif point.precision == "season":
        assert point.month
        text = _("{season} {year}").format(season=_(_SEASONS[point.month][0]), year=year)
    elif point.precision == "decade":
        text = _("{decade}s").format(decade=_word_year(point.lower[0]))
    elif point.precision == "century":
        text = _("{start}–{end}").format(start=_word_year(point.lower[0]),
                                         end=_word_year(point.upper[0]))
    else:
        text = year
    if point.approximate and point.uncertain:
        return _("c. {date}?").format(date=text)
    if point.approximate:
        return _("c. {date}").format(date=text)
    if point.uncertain:
        return _("{date}?").format(date=text)
    return text


def _word_year(year: int) -> str:
    # ISO 8601 counts a year 0, which is 1 BCE; so -0100 is 101 BCE.
    return _("{year} BCE").format(year=1 - year) if year <= 0 else str(year)


def word(date: EdtfDate) -> str:
    """The whole date in words, as a reader of the listing sees it."""
    if not date.is_interval:
        assert date.start is not None
        return word_point(date.start)
    if date.start is None and date.end is None:
        return _("dates unknown")
    if date.start is None:
        assert date.end is not None
        end = word_point(date.end)
        return (_("until {date}") if date.start_open else _("?–{date}")).format(date=end)
    if date.end is None:
        start = word_point(date.start)
        return (_("since {date}") if date.end_open else _("{date}–?")).format(date=start)
    start, end = date.start, date.end
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    if plain and start.precision == end.precision == "day" and start.year == end.year:
        # Days of one year: "du 21 au 25 mars 2022", "21–25 March 2022", as people write them.
        assert start.month and start.day and end.month and end.day
        first = p_("day of the month", "1") if start.day == 1 else str(start.day)
        if start.month == end.month:
            return _("{first}–{last} {month} {year}").format(
                first=first, last=end.day, month=_(_MONTHS[end.month - 1]),
                year=_word_year(end.year))
        return _("{first} {month}–{last} {last_month} {year}").format(
            first=first, month=_(_MONTHS[start.month - 1]), last=end.day,
            last_month=_(_MONTHS[end.month - 1]), year=_word_year(end.year))
    return _("{start}–{end}").format(start=word_point(start), end=word_point(end))


def format_bound(bound: Bound | None) -> str:
    if bound is None:
        return ".."
    year, month, day = bound
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"


def overlaps(
    lower: Bound | None, upper: Bound | None, range_lower: Bound | None, range_upper: Bound | None
) -> bool:
    """Whether [lower, upper] meets [range_lower, range_upper]; None is an unbounded end."""
    starts_in_time = upper is None or range_lower is None or upper >= range_lower
    ends_in_time = lower is None or range_upper is None or lower <= range_upper
    return starts_in_time and ends_in_time
