"""An exclusive lock on a timeline, held from reading it to replacing it.

Writers take an advisory lock (flock) on the folder that holds the timeline, never on the
timeline itself: the timeline is replaced by a rename, and a lock on the old file would not stop a
writer that opened the new one. The folder stays the same, and leaves no lock file behind for
version control to list. Two `imfhist add` started at once therefore run one after the other,
and the second reads the file the first wrote.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT_TIMEOUT = 30.0  # seconds; IMFHIST_LOCK_TIMEOUT changes it
TIMEOUT_VARIABLE = "IMFHIST_LOCK_TIMEOUT"


class LockTimeout(Exception):
    """Another writer held the lock for longer than the timeout; nothing was written."""

    def __init__(self, lock: Path, seconds: float) -> None:
        super().__init__(str(lock))
        self.lock = lock
        self.seconds = seconds


class LockError(Exception):
    """The lock file could not be made (a read-only folder, for one)."""


def lock_path(real: Path) -> Path:
    """What is locked for a timeline: the folder of the real file (a symlink's target)."""
    return real.parent if str(real.parent) else Path(".")


def timeout() -> float:
    try:
        return max(0.0, float(os.environ.get(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


@contextlib.contextmanager
def locked(real: Path, seconds: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of the timeline at `real` (already resolved) while inside."""
    import fcntl

    wait = timeout() if seconds is None else seconds
    lock = lock_path(real)
    try:
        descriptor = os.open(lock, os.O_RDONLY)
    except OSError as error:
        raise LockError((error.strerror or str(error)).lower()) from None
    try:
        deadline = time.monotonic() + wait
        pause = 0.01
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(lock, wait) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
