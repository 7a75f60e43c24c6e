"""Rules about the timeline as a whole."""

from collections.abc import Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import _
from imfhist.common.problems import Problem, Severity
from imfhist.timeline.model import Timeline

FORMAT_VERSION = Rule("format-version", Severity.ERROR, """
    The `format` key must be `imfhist/1`, so that a reader knows which rules the file follows.""")
NO_EVENTS = Rule("no-events", Severity.WARNING, """
    A timeline with no event yet: an `events` list that is empty or missing. A warning, not an
    error, so that a timeline just made by `imfhist init` validates; `--strict` still fails on
    it. (Applied by the loader, which sees the list before any of its events is built.)""")

FORMAT = "imfhist/1"


@checker
def check_document(timeline: Timeline) -> Iterator[Problem]:
    if timeline.format is not None and timeline.format.value != FORMAT:
        yield FORMAT_VERSION.at(
            timeline.format.loc,
            _("format is '{found}', not '{expected}'").format(found=timeline.format.value,
                                                             expected=FORMAT),
            _("write: format: {expected}").format(expected=FORMAT))
