"""The user's cache folder for imfhist: answers worth keeping between two runs (completion's
command descriptions and timeline values, the error count of a timeline already checked).

Everything here is a shortcut: a cache that cannot be read or written only makes a run slower.
What is read from it is never trusted further than that. A cache file is read only when it is a
regular file (not a symbolic link, a FIFO or a device: it is opened without following a link
and without waiting, and checked with fstat before anything is read), no larger than the limit
its reader gives, and, for JSON, nested no deeper than that reader's documents can be; anything
else, and any failure to read or decode it, is a miss: the answer is worked out again, never a
traceback nor a wait.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Large enough for the values of a timeline of 100,000 events (completion); a reader may ask
# for less.
MAX_BYTES = 64 * 1024 * 1024
# What imfhist writes nests a few levels at most (completion's description of the commands).
MAX_DEPTH = 16

_OPEN = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
         | getattr(os, "O_CLOEXEC", 0))
# A JSON string (escapes included), written so that it never backtracks; and what is neither a
# bracket nor the start of a string. (Compiled when first needed: a millisecond at every start
# otherwise.)
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_NOT_BRACKET = r'[^\[\]{}"]+'


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "imfhist"


def remember(path: Path, document: Any, stale: str | None = None) -> None:
    """Write `document` to `path` as JSON, atomically, removing first the files that `stale`
    matches (the older versions of what it replaces)."""
    import json

    remember_text(path, json.dumps(document, ensure_ascii=False), stale)


def remember_text(path: Path, text: str, stale: str | None = None) -> None:
    """Write `text` to `path` atomically (a new file, then renamed over the old one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(stale) if stale else ():
            old.unlink(missing_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)
        # A new file of ours: whatever was at that name (a FIFO, a link) is not opened.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        temporary.replace(path)
    except (OSError, ValueError):
        pass


def recall_text(path: Path, limit: int = MAX_BYTES) -> str | None:
    """The text of the regular file at `path` when it has at most `limit` bytes of UTF-8, else
    None (missing, a link, a FIFO, a device, a folder, too large, unreadable, not UTF-8)."""
    try:
        handle = os.open(path, _OPEN)
    except (OSError, ValueError):
        return None
    try:
        with os.fdopen(handle, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
                return None
            data = file.read(limit + 1)
    except (OSError, ValueError):
        return None
    if len(data) > limit:  # it grew since fstat
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def nests_deeper(text: str, depth: int) -> bool:
    """Whether the JSON `text` has arrays or objects nested more than `depth` levels deep (the
    brackets inside strings do not count; text that is not JSON may be said to nest deeper)."""
    if text.count("[") + text.count("{") <= depth:
        return False
    brackets = re.sub(_NOT_BRACKET, "", re.sub(_STRING, "", text))
    # Each pass takes away the innermost pairs: what nests `depth` deep is gone after `depth`.
    for _ in range(depth):
        shorter = re.sub(r"\[\]|\{\}", "", brackets)  # both kinds in one pass
        if len(shorter) == len(brackets):
            break
        brackets = shorter
    return bool(brackets)


def digest(parts: Iterable[bytes]) -> str:
    """A digest of what `parts` hold, one after the other (BLAKE2b, 128 bits): a key that
    changes whenever a byte does."""
    try:
        # hashlib's own BLAKE2, without the import of OpenSSL's hashes that hashlib makes first
        # (10 ms, as long as the rest of a start).
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    hashed = blake2b(digest_size=16)
    for part in parts:
        hashed.update(len(part).to_bytes(8, "little"))  # so that no two splits hash alike
        hashed.update(part)
    return hashed.hexdigest()


def recall(path: Path, limit: int = MAX_BYTES, depth: int = MAX_DEPTH) -> Any:
    """What `remember` wrote at `path`, or None: see `recall_text` for what is read, and a
    document nested deeper than `depth` is not decoded."""
    text = recall_text(path, limit)
    if text is None or nests_deeper(text, depth):
        return None
    import json

    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None
