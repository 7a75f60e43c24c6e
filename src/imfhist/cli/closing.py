"""A reader that goes away (`imfhist list | head -1`, `imfhist validate | head`) ends the command
quietly, with the exit code it would have had for what it did.

A command whose exit code is known before it prints (validate's verdict) records it with
`settle`; a command that records nothing exits 0, its work (reading, or writing a file before
the message saying so) being done. Not 128+SIGPIPE (141): under `set -o pipefail` a CI job
running `imfhist validate | head` would fail on a valid timeline, and would lose the verdict.
"""

from __future__ import annotations

import os
import sys

_settled = 0


def settle(code: int) -> None:
    """The code to exit with should the output be closed from now on."""
    global _settled
    _settled = code


def settled() -> int:
    return _settled


def _identity(descriptor: int) -> tuple[int, int] | None:
    try:
        status = os.fstat(descriptor)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _devnull() -> tuple[int, int] | None:
    try:
        status = os.stat(os.devnull)
    except OSError:
        return None
    return status.st_dev, status.st_ino


_started_on_devnull = _identity(1) == _devnull()


def met_closed_pipe() -> bool:
    """Whether a library met the closed pipe and ended the process itself: Click wraps stdout
    to silence its flush, Rich (the help pages of Typer) points it at /dev/null."""
    if type(sys.stdout).__name__ == "PacifyFlushWrapper":
        return True
    return not _started_on_devnull and _identity(1) == _devnull()


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that what is still buffered, and the interpreter's final
    flush, go nowhere instead of failing again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no descriptor behind stdout (tests)
        pass


def flush_stdout() -> bool:
    """Flush stdout; False, and stdout silenced, when its reader has gone."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return False
    except (OSError, ValueError):
        return True
    return True
