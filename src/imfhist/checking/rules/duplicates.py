"""An event that repeats another."""

from __future__ import annotations

from collections.abc import Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import _
from imfhist.common.problems import Problem, Severity
from imfhist.timeline.duplicates import Duplicates, Seen
from imfhist.timeline.model import Timeline

DUPLICATE_EVENT = Rule("duplicate-event", Severity.WARNING, """
    Two events have the same title (case, accents, punctuation and spacing aside), or the same
    date and the same quotes: most often the same event entered twice, for instance by importing
    a spreadsheet again. The second one is reported with the line of the first. It is a warning,
    not an error: two real events can share a title (a yearly meeting); give them titles that tell
    them apart. `imfhist add` and `imfhist import` refuse such an event unless given
    `--allow-duplicate`, and `validate --strict` fails on it.""", example="""
    - id: altermed
      title: Le projet AlterMed
      ...
    - id: altermed-2
      title: Le projet Altermed       # the same title: the same event entered twice
    """)


@checker
def check_duplicate_events(timeline: Timeline) -> Iterator[Problem]:
    seen = Duplicates()
    for event in timeline.events:
        date = event.date.value if event.date else None
        quotes = [(c.ref.value, c.quote.value) for c in event.sources]
        found = seen.see(Seen(event.id.value, event.loc.line), event.title, date, quotes)
        if found is not None:
            first, how = found
            yield DUPLICATE_EVENT.at(event.id.loc, _(
                "event '{id}' repeats '{first}' (line {line}): {how}").format(
                    id=event.id.value, first=first.id, line=first.line, how=how),
                _("remove one of them, or tell them apart in their titles"))
