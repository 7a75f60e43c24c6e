"""Validation reports, each format registered by name.

A reporter takes the Report and returns text (json, github, sarif, junit, gitlab: written as it
is) or a Rich renderable (text: styled on a terminal, plain in a pipe).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from imfhist.registry import resolve

Reporter = Callable[..., Any]  # (report, quiet=..., strict=...) -> str | Rich renderable

REPORTERS: dict[str, str] = {
    "text": "imfhist.output.report.text:render",
    "json": "imfhist.output.report.jsonfmt:render",
    "github": "imfhist.output.report.github:render",
    "sarif": "imfhist.output.report.sarif:render",
    "junit": "imfhist.output.report.junit:render",
    "gitlab": "imfhist.output.report.gitlab:render",
}


def reporter(name: str) -> Reporter:
    return resolve(REPORTERS[name])  # type: ignore[no-any-return]
