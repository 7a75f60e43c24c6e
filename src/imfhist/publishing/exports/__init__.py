"""Exports: the selected events as a document for another tool or for people, each registered by
name. An exporter returns the document's text and any notes for the user (written to stderr)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from imfhist.common.registry import resolve
from imfhist.timeline.model import Event, Timeline


@dataclass(frozen=True)
class Exported:
    text: str
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ExportOptions:
    group_by: str | None = None  # "country" or "tag", for timelinejs
    lang: str = "en"  # the interface language
    asked_lang: str | None = None  # the language --lang asked for, which pages then speak
    embed: bool = False  # html: a fragment to paste into another site's page
    theme: str | None = None  # html: "light", "dark" or "auto"; None: light embedded, else auto
    title: bool = True  # html: show the timeline's title


def document_language(timeline: Timeline, options: ExportOptions) -> str:
    """The language a document for people speaks (its own words, its worded dates): --lang when
    given, else the timeline's own when imfhist speaks it, else the interface's."""
    from imfhist.common.i18n import LANGUAGES

    if options.asked_lang:
        return options.asked_lang
    own = (timeline.lang or "").lower().replace("_", "-").split("-")[0]
    return own if own in LANGUAGES else options.lang


Exporter = Callable[[Sequence[Event], Timeline, ExportOptions], Exported]

EXPORTS: dict[str, str] = {
    "json": "imfhist.publishing.exports.data:export",
    "csv": "imfhist.publishing.exports.data:export_csv",
    "markdown": "imfhist.publishing.exports.chronology:export",
    "timelinejs": "imfhist.publishing.exports.timelinejs:export",
    "html": "imfhist.publishing.exports.html:export",
}


def exporter(name: str) -> Exporter:
    return resolve(EXPORTS[name])  # type: ignore[no-any-return]
