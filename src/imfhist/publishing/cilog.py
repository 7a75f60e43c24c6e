"""Output read by a GitHub Actions runner: no text from the data may become a workflow command.

The runner reads every line a step writes, on stdout and stderr alike, and obeys a line that
starts with `::` (after spaces: `::add-mask::`, `::error::`, `::stop-commands::`) or that holds
`##[` anywhere (the older form). A title, a quote or an id can hold either, and reach a line of
their own in a table, a chart, an HTML page or a message. Under GitHub Actions
(GITHUB_ACTIONS=true), when a stream is not a terminal or a file, `guard_streams` wraps it so
that `##[` is written `## [` and a line that would start with `::` starts with an apostrophe.
`validate --format github`, whose annotations are workflow commands on purpose, writes through
`commands()`, and escapes what it quotes from the data itself (output/report/github.py).
"""

from __future__ import annotations

import os
import re
import stat
import sys
from typing import Any, TextIO

_LINE = re.compile(r"([^\n]*)(\n?)")


class _Guarded:
    """A text stream that writes no workflow command; everything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._line_start = True  # only spaces written since the last line break

    def write(self, text: str) -> int:
        text = text.replace("##[", "## [")
        pieces = []
        for line, newline in _LINE.findall(text):
            if not line and not newline:
                continue
            if self._line_start:
                stripped = line.lstrip(" \t")
                if stripped.startswith("::"):
                    indent = len(line) - len(stripped)
                    line = line[:indent] + "'" + stripped
            pieces.append(line + newline)
            if newline:
                self._line_start = True
            elif line.strip(" \t"):
                self._line_start = False
        self._stream.write("".join(pieces))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _read_by_the_runner(stream: TextIO) -> bool:
    try:
        if stream.isatty():
            return False
        return not stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def guard_streams() -> None:
    """Under GitHub Actions, guard stdout and stderr where the runner may read them."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and _read_by_the_runner(stream):
            setattr(sys, name, _Guarded(stream))


def commands() -> TextIO:
    """stdout as it is, for output that is made of workflow commands on purpose."""
    stream = sys.stdout
    return stream._stream if isinstance(stream, _Guarded) else stream
