"""Validation reports, each format registered by name.

A reporter takes the Report and returns text (json, github, sarif, junit, gitlab: written as it
is) or a Rich renderable (text: styled on a terminal, plain in a pipe).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from imfhist.common.registry import resolve

Reporter = Callable[..., Any]  # (report, quiet=..., strict=...) -> str | Rich renderable

REPORTERS: dict[str, str] = {
    "text": "imfhist.publishing.report.text:render",
    "json": "imfhist.publishing.report.jsonfmt:render",
    "github": "imfhist.publishing.report.github:render",
    "sarif": "imfhist.publishing.report.sarif:render",
    "junit": "imfhist.publishing.report.junit:render",
    "gitlab": "imfhist.publishing.report.gitlab:render",
}


def reporter(name: str) -> Reporter:
    return resolve(REPORTERS[name])  # type: ignore[no-any-return]
