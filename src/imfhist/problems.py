"""Problems found in a timeline: sortable values, never exceptions."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from imfhist.model import Loc


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
