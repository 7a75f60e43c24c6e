"""Rules about quotes and the archived sources they come from."""

from __future__ import annotations

import re
from collections.abc import Iterator

from imfhist.i18n import _
from imfhist.model import Source, Timeline
from imfhist.problems import Problem, Severity
from imfhist.rules import Rule, checker
from imfhist.textnorm import normalise_spacing

QUOTE_NOT_FOUND = Rule("quote-not-found", Severity.ERROR, """
    A citation's `quote` must appear word for word in the archived text of its source (the
    source's `archive`). White space (including no-break spaces) and typographic apostrophes and
    quotation marks are compared loosely; an ellipsis `…` or `[…]` stands for words left out, and
    the parts around it must appear in that order. Sources without an archive are not checked.""")
SOURCE_ARCHIVE = Rule("source-archive", Severity.ERROR, """
    A source's `archive` must name a readable UTF-8 text file, relative to the timeline file.""")

# An archive is a page of text; anything far larger is a mistake (or /dev/zero).
MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
_ELLIPSIS = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|\(…\)|…)\s*")


def _archive_text(timeline: Timeline, source: Source) -> tuple[str | None, Problem | None]:
    assert source.archive is not None
    path = timeline.path.parent / source.archive.value
    name = source.archive.value

    def problem(template: str, hint: str, **values: object) -> Problem:
        return SOURCE_ARCHIVE.at(source.archive.loc,  # type: ignore[union-attr]
                                 template.format(archive=name, **values), hint)
    try:
        if not path.is_file():
            return None, problem(_("archive '{archive}' is not a file"),
                                 _("give a path relative to the timeline file"))
        with path.open("rb") as handle:
            data = handle.read(MAX_ARCHIVE_BYTES + 1)
    except OSError as error:
        return None, problem(_("archive '{archive}' cannot be read: {reason}"),
                             _("check the file's permissions"), reason=error.strerror or error)
    if len(data) > MAX_ARCHIVE_BYTES:
        return None, problem(_("archive '{archive}' is larger than {size} MB"),
                             _("archive the text of the page only"),
                             size=MAX_ARCHIVE_BYTES // 2**20)
    try:
        return normalise_spacing(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        return None, problem(_("archive '{archive}' is not UTF-8 text"), _("save it as UTF-8"))


def find_quote(quote: str, archive: str) -> str | None:
    """None when every part of `quote` is found in order in `archive`; otherwise the words of
    the quote that do match, up to where it departs from the source (empty if none)."""
    parts = [p for p in _ELLIPSIS.split(normalise_spacing(quote)) if p]
    position = 0
    for part in parts:
        found = archive.find(part, position)
        if found < 0:
            return part[:_longest_prefix(part, archive, position)]
        position = found + len(part)
    return None


def _longest_prefix(part: str, archive: str, start: int) -> int:
    low, high = 0, len(part)
    while low < high:  # a prefix that is found has every shorter prefix found too
        middle = (low + high + 1) // 2
        if archive.find(part[:middle], start) >= 0:
            low = middle
        else:
            high = middle - 1
    return low


@checker
def check_quotes(timeline: Timeline) -> Iterator[Problem]:
    archives: dict[str, str | None] = {}
    for source in timeline.sources:
        if source.archive is None or source.id.value in archives:
            continue
        text, problem = _archive_text(timeline, source)
        archives[source.id.value] = text
        if problem:
            yield problem
    for event in timeline.events:
        for citation in event.sources:
            archive = archives.get(citation.ref.value)
            if archive is None:
                continue
            quote = normalise_spacing(citation.quote.value)
            if not quote:
                yield QUOTE_NOT_FOUND.at(citation.quote.loc, _("the quote is empty"),
                                         _("copy the words of the source that state the event"))
                continue
            matched = find_quote(quote, archive)
            if matched is not None:
                ref = citation.ref.value
                if matched:
                    message = _("the quote departs from source '{source}' after “{words}”").format(
                        source=ref, words=matched[-30:])
                else:
                    message = _("the quote is not in source '{source}'").format(source=ref)
                yield QUOTE_NOT_FOUND.at(
                    citation.quote.loc, message,
                    _("copy the words exactly as the archived source has them"))
