"""The console the commands print with: Rich's, with no space left at the end of a line.

Rich pads a table's cells and a drawing's lines to their width; in a terminal the padding is
invisible, but in a file or a pipe it is trailing whitespace that diffs, editors and
`grep ' $'` all see. Lines are trimmed after rendering, keeping the colour codes that follow
the spaces so that a style is still closed."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console

_STYLE = re.compile(r"\x1b\[[0-9;]*m")
_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.MULTILINE)


def trimmed(text: str) -> str:
    """`text` with no space or tab at the end of any line (colour codes there are kept)."""
    return _TRAILING.sub(lambda found: "".join(_STYLE.findall(found.group())), text)


class TrimmedConsole(Console):
    """A Rich console whose printed lines never end with spaces."""

    def print(self, *objects: Any, **options: Any) -> None:
        with self.capture() as capture:
            super().print(*objects, **options)
        self.file.write(trimmed(capture.get()))
