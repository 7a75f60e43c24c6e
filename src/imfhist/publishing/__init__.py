"""Renderers for lists of events, each registered by name.

A renderer takes the events to show and the timeline they come from, and returns either text
(JSON, CSV, Markdown: written to the output as it is) or a Rich renderable (the table).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only named: every command imports this package (its stream guard, `cilog`), and the
    # model's imports would cost `--version` and each Tab half their time again.
    from imfhist.timeline.model import Event, Timeline

Renderer = Callable[[Sequence["Event"], "Timeline"], Any]

# name -> "module:function", imported only when that format is asked for.
FORMATS: dict[str, str] = {
    "table": "imfhist.publishing.table:render",
    "json": "imfhist.publishing.jsonfmt:render",
    "csv": "imfhist.publishing.csvfmt:render",
    "markdown": "imfhist.publishing.markdown:render",
}


def renderer(name: str) -> Renderer:
    from imfhist.common.registry import resolve

    return resolve(FORMATS[name])  # type: ignore[no-any-return]
