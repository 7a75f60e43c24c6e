"""Writing a file so that it is either wholly written or not touched at all.

The text goes to a temporary file in the same directory, is flushed to disk, then renamed over
the target: a reader never sees half a file, and an interrupted or failed write (a full disk, a
read-only directory, Ctrl-C) leaves the old file, if any, as it was, and no temporary file behind.

A symlink is written through: the file it points at is replaced and the link stays a link. A file
the user may not write (`chmod 444`) is refused, never replaced, even in a folder they may write.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


class WriteError(Exception):
    """The file could not be written; nothing was changed."""


class ReadOnly(WriteError):
    """The file exists and its permissions do not let the user write it."""


def real_path(path: Path) -> Path:
    """The file that `path` names once every symlink is followed: the one to replace."""
    return Path(os.path.realpath(path))


def check_writable(real: Path) -> None:
    """Refuse a file whose permissions say it must not be written."""
    try:
        mode = real.stat().st_mode
    except OSError:
        return  # a new file: the folder decides
    # The write bits too: the superuser may write anything, but `chmod 444` still says "keep".
    if not os.access(real, os.W_OK) or not mode & 0o222:
        raise ReadOnly("read-only")


def write_atomically(path: Path, data: bytes) -> None:
    path = real_path(path)
    check_writable(path)
    directory = path.parent if str(path.parent) else Path(".")
    temporary = directory / f".{path.name}.{os.getpid()}.tmp"
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise WriteError(_reason(error)) from None
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as error:
        raise WriteError(_reason(error)) from None
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:  # including KeyboardInterrupt: never leave a partial file
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteError(_reason(error)) from None
        raise


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
