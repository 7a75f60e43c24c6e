"""Problems found in a timeline: sortable values, never exceptions, each at a `Loc` (a file's
line and column), which the model's objects carry too."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple


class Loc(NamedTuple):
    """A place in a file: 1-based line and column, with the end of the span when known."""

    path: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


MAX_MESSAGE = 300
# A value quoted inside a message (a date, a name typed on the command line): long enough to
# recognise, short enough to leave room for the reason.
MAX_QUOTED = 60


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def quoted(value: str, *, marks: bool = True) -> str:
    """A value from the user or a file as every message quotes it: in quotes, control
    characters escaped, cut to MAX_QUOTED characters (a 5,000-digit year stays one short line).
    `marks=False` for a message whose text puts the quote marks around it."""
    return shorten(repr(value) if marks else value, MAX_QUOTED)


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Problem:
    loc: Loc
    severity: Severity
    rule: str
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        # Messages quote values from the file; a 10 MB value must not become a 10 MB message.
        object.__setattr__(self, "message", shorten(self.message, MAX_MESSAGE))
        if self.hint is not None:
            object.__setattr__(self, "hint", shorten(self.hint, MAX_MESSAGE))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """By file, line and column; errors before warnings at the same place."""
        return (
            self.loc.path,
            self.loc.line,
            self.loc.column,
            0 if self.is_error else 1,
            self.rule,
            self.message,
        )

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()


class TimelineUnreadable(Exception):
    """The file cannot be read at all (missing, a directory, not text): nothing to check."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem
