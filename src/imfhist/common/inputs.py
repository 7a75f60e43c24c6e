"""Opening the files a user names (a timeline, a CSV sheet): regular files only, size-bounded.

A FIFO would block the read for ever and a device such as /dev/zero never ends; both are
refused as soon as they are opened, without reading: the open itself does not wait
(O_NONBLOCK), and what was opened is checked with fstat before anything is read.

The size limit is IMFHIST_MAX_FILE_MB (12 MB by default); the same limit bounds what `add` and
`import` may write, so that imfhist never writes a file it would then refuse to read.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

from imfhist.common.i18n import _

MAX_FILE_MB_VARIABLE = "IMFHIST_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 12
# A larger value (`inf`, `1e300`) means "no limit": capped here, where Python can still count.
_MOST_MB = 1024 * 1024


class NotRegularFile(OSError):
    """The path names a FIFO, a device or a socket."""


class BadLimit(ValueError):
    """IMFHIST_MAX_FILE_MB holds something other than a positive number."""

    def __init__(self, value: str) -> None:
        super().__init__(_("{variable} is '{value}', not a positive number of MB").format(
            variable=MAX_FILE_MB_VARIABLE, value=value[:40]))


def max_file_bytes() -> int:
    """The size limit for the files imfhist reads and writes, in bytes. Raises BadLimit."""
    value = os.environ.get(MAX_FILE_MB_VARIABLE, "").strip()
    if not value:
        return DEFAULT_MAX_FILE_MB * 1024 * 1024
    try:
        megabytes = float(value)
    except ValueError:
        raise BadLimit(value) from None
    if math.isnan(megabytes) or megabytes <= 0:
        raise BadLimit(value)
    return int(min(megabytes, _MOST_MB) * 1024 * 1024)


def limit_text(limit: int) -> str:
    return f"{limit / 1024 / 1024:g}"


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of the regular file at `path` (one more than the limit, so that
    the caller can tell a file that is too large). Raises the OSError of the failed open
    (FileNotFoundError, IsADirectoryError, PermissionError, ...) or NotRegularFile."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(file.fileno())
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(21, os.strerror(21), str(path))
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(_("is not a regular file (a pipe, a device or a socket)"))
        # One read of the size the file has (a read of `limit` bytes would allocate them all);
        # a file that grows meanwhile is read on, up to the limit.
        data = file.read(min(limit, status.st_size) + 1)
        while len(data) <= limit:
            more = file.read(min(limit + 1 - len(data), 1024 * 1024))
            if not more:
                break
            data += more
        return data
