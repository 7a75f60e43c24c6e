"""Rules about dates."""

from collections.abc import Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import _
from imfhist.common.problems import Problem, Severity, quoted
from imfhist.timeline.dates import EdtfError, parse_edtf
from imfhist.timeline.model import Loc, Timeline

EDTF = Rule("edtf", Severity.ERROR, """
    An event's `date` must be an EDTF date (ISO 8601-2, levels 0 and 1): `2002`, `2019-05`,
    `2019-05-01`, `2019/2021`, `2004/..` (goes on), `2004/` (end unknown), `199X`, `2004~`
    (approximate), `2004?` (uncertain), `2004%` (both), `Y-12000`, `../..`. It is read as
    python-edtf, edtf-validate and edtf.js read it where the three agree: `-0000`, `Y00001`,
    `198X/199X` or a time zone beyond +14:00 are refused. An event that the source does not date
    has no `date`; its wording can go in `date_label`.""")
INTERVAL_ORDER = Rule("interval-order", Severity.ERROR, """
    An interval must not end before it starts (`2021/2019`).""")


@checker
def check_dates(timeline: Timeline) -> Iterator[Problem]:
    for event in timeline.events:
        if event.date is None or event.edtf is not None:
            continue
        try:
            parse_edtf(event.date.value)
        except EdtfError as error:
            rule = INTERVAL_ORDER if error.reversed_interval else EDTF
            loc = event.date.loc
            # Point at the character at fault when the date is on one line, as it nearly always is.
            if loc.line == loc.end_line:
                in_quotes = (loc.end_column - loc.column) > len(event.date.value)
                column = loc.column + error.offset + (1 if in_quotes else 0)
                loc = Loc(loc.path, loc.line, column, loc.end_line, loc.end_column)
            hint = None if error.reversed_interval else _(
                "write it as EDTF, for example 2004, 2019-05, 2019/2021, 2004/.., 199X or 2004~")
            # A 5,000-digit year must not push the reason out of the message.
            date = quoted(event.date.value)
            yield rule.at(loc, _("date {date}: {error}").format(date=date, error=error), hint)
