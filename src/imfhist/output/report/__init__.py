"""Validation reports, each format registered by name.

A reporter takes the Report and returns text (json, github, sarif: written as it is) or a Rich
renderable (text: styled on a terminal, plain in a pipe).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

Reporter = Callable[..., Any]  # (report, quiet=..., strict=...) -> str | Rich renderable

REPORTERS: dict[str, str] = {
    "text": "imfhist.output.report.text:render",
    "json": "imfhist.output.report.jsonfmt:render",
    "github": "imfhist.output.report.github:render",
    "sarif": "imfhist.output.report.sarif:render",
}


def reporter(name: str) -> Reporter:
    module_name, function = REPORTERS[name].split(":")
    return getattr(importlib.import_module(module_name), function)  # type: ignore[no-any-return]
