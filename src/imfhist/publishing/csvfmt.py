"""The events as CSV: one row per event, lists joined with "; ".

A cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) is prefixed with an apostrophe, which spreadsheets read as "this is text".
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from imfhist.publishing.records import event_record
from imfhist.timeline.model import Event, Timeline

COLUMNS = ("id", "date", "worded_date", "date_label", "title", "summary", "countries",
           "country_codes", "regions", "places", "actors", "tags", "sources", "quotes", "start_min",
           "start_max", "end_min", "end_max")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_RUNNER_COMMAND = re.compile(r"^(?=[ \t]*::)", re.MULTILINE)


def inert_for_logs(text: str) -> str:
    """CSV `text` in which no line is a CI runner's workflow command. An apostrophe at the start
    of a line keeps the CSV valid, whether the line starts a row (the first cell gains it) or
    continues a quoted cell."""
    return _RUNNER_COMMAND.sub("'", text.replace("##[", "## ["))


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def render(events: Sequence[Event], timeline: Timeline) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for event in events:
        record = event_record(event, timeline)
        # The countries as the table shows them, in the language of the rest of the row: those
        # of the event's places included.
        shown = record.pop("shown_countries", [])
        record["countries"] = [c["name"] for c in shown]
        record["country_codes"] = [c["code"] or "" for c in shown]
        record.update(record.pop("bounds", {}))
        record["sources"] = [c["ref"] for c in record["sources"]]
        record["quotes"] = [c.quote.value for c in event.sources]
        row = []
        for column in COLUMNS:
            value = record.get(column, "")
            cell = "; ".join(value) if isinstance(value, list) else str(value)
            row.append(neutralise(cell))
        writer.writerow(row)
    return out.getvalue()
