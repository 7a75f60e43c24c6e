"""A progress display on stderr for work that can take a second or more: reading a large
timeline, validating many files. Only when stderr is a terminal, and only for large work;
nothing at all in a pipe, a file or a CI log, so that output stays byte for byte the same.

The display is transient: it is gone before the command writes its result.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

# About 3,000 events of a typical timeline: below this, reading takes well under a second.
LARGE = 1_000_000  # bytes


def _size(paths: Iterable[Path]) -> int:
    total = 0
    for path in paths:
        with suppress(OSError):
            total += path.stat().st_size
    return total


def wanted(paths: Iterable[Path]) -> bool:
    return sys.stderr.isatty() and _size(paths) >= LARGE


@contextmanager
def progress(description: str, paths: list[Path]) -> Iterator[Any]:
    """A spinner with `description` and the time taken while the block runs, when `paths` are
    large and stderr is a terminal; yields the Rich Progress, or None when nothing is shown."""
    if not wanted(paths):
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from imfhist.cli.streams import stderr

    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if len(paths) > 1:
        columns += [BarColumn(), MofNCompleteColumn()]
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=stderr(), transient=True) as shown:
        shown.add_task(description, total=len(paths) if len(paths) > 1 else None)
        yield shown


def counted(shown: Any, paths: list[Path]) -> Iterator[Path]:
    """`paths`, advancing the display by one as each next one is taken."""
    for number, path in enumerate(paths):
        if shown is not None and number:
            shown.advance(shown.task_ids[0])
        yield path
