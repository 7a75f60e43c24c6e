"""How many errors `validate` would find in a timeline that a reading command has loaded.

`list`, `filter`, `show` and the exports announce those errors, which takes every rule, quotes
against their archives included: about as long as the rest of a listing of the IMF timeline. The
count is kept in the user's cache under a key made of what decides it: imfhist's version, the
code that checks (every module of `checking`, `timeline` and `common`), the versions of the
word lists the `claim-words` rule compares with (simplemma's, the stop words'), the bytes of the
timeline as they were read, and the text of each archive as the rules read it (or why it could
not be read). These are digests of contents, never sizes and times: an edit that keeps the
size, its time set back with `touch -r`, still makes a new key. The cache file is one line per
timeline (`KEY COUNT`), read as `common.cache` reads any cache file: a regular file of a bounded
size, and anything else is a miss.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from imfhist import __version__
from imfhist.common import cache
from imfhist.timeline.loader import LoadResult
from imfhist.timeline.model import Timeline

_ENTRIES = 64  # timelines remembered at once
_FILE = "checked.txt"
_LINE = re.compile(r"([0-9a-f]{32}) ([0-9]{1,9})")
_MAX_BYTES = 64 * 1024  # _ENTRIES lines of 44 bytes, with room to spare
_PACKAGE = Path(__file__).resolve().parents[1]
# The code that counts: a changed module in a checkout must not reuse an old count.
_CODE = ("checking", "timeline", "common")


def _code() -> list[bytes]:
    parts = [__version__.encode()]
    for name in _CODE:
        for folder, folders, files in os.walk(_PACKAGE / name):
            folders[:] = sorted(f for f in folders if f not in ("__pycache__", "locale"))
            for file in sorted(files):
                if file.endswith(".py"):
                    path = os.path.join(folder, file)
                    parts.append(path.encode("utf-8", "surrogateescape"))
                    try:
                        with open(path, "rb") as handle:
                            parts.append(handle.read())
                    except OSError:
                        parts.append(b"-")
    return parts


def _key(result: LoadResult) -> str | None:
    """The key of the loaded timeline's count; None when its bytes are not known."""
    if result.timeline is None or result.digest is None:
        return None
    return _key_of(result.path, result.digest, result.timeline)


def _key_of(path: Path, digest: str, timeline: Timeline) -> str:
    from imfhist.timeline.archives import archives_of
    from imfhist.timeline.carried import words_fingerprint

    parts = _code()
    # What the claim-words rule compares words with: simplemma's version, the stop-word lists.
    parts.append(words_fingerprint())
    parts += [str(path.resolve()).encode("utf-8", "surrogateescape"), digest.encode()]
    # The archives as the rules will read them (confined to the timeline's folder, bounded):
    # on a miss, the rules find them already read.
    archives = archives_of(timeline)
    for source in timeline.sources:
        if source.archive is None:
            continue
        read = archives.of(source)
        parts.append(source.archive.value.encode("utf-8", "surrogateescape"))
        if read.text is not None:
            parts += [b"text", read.text.encode("utf-8", "surrogateescape")]
        else:
            parts += [b"refused", repr(read.refusal).encode("utf-8", "surrogateescape")]
    return cache.digest(parts)


def _known(where: Path) -> dict[str, int]:
    text = cache.recall_text(where, _MAX_BYTES)
    known: dict[str, int] = {}
    for line in (text or "").splitlines():
        found = _LINE.fullmatch(line)
        if found:
            known[found.group(1)] = int(found.group(2))
    return known


def error_count(result: LoadResult) -> int:
    """The number of distinct errors in the loaded timeline, as `validate` counts them."""
    assert result.timeline is not None
    key = _key(result)
    where = cache.folder() / _FILE
    known = _known(where) if key is not None else {}
    count = known.get(key) if key is not None else None
    if count is not None:
        return count
    from imfhist.checking import rules

    errors = [p for p in result.problems if p.is_error]
    count = len({p for p in [*errors, *rules.check(result.timeline)] if p.is_error})
    if key is not None:
        _keep(where, known, key, count)
    return count


def written_key(path: Path, data: bytes, timeline: Timeline) -> str:
    """The key under which a writing command keeps the count of the timeline it has just
    checked whole, to be written as `data` (its bytes without a byte-order mark, as `load`
    digests them). Made right after the check, from the pages as the rules read them: a page
    changed after that makes another key, never a stale count."""
    return _key_of(path, cache.digest([data]), timeline)


def remember_written(key: str, errors: int) -> None:
    """Keep the count of a timeline a writing command has written: the first listing after
    `imfhist add` or `edit` then finds it rather than checking every rule again."""
    where = cache.folder() / _FILE
    _keep(where, _known(where), key, errors)


def _keep(where: Path, known: dict[str, int], key: str, count: int) -> None:
    known.pop(key, None)
    kept = [*list(known.items())[-(_ENTRIES - 1):], (key, count)]
    # checked.json: the count as it was kept before, by sizes and times.
    cache.remember_text(where, "".join(f"{k} {n}\n" for k, n in kept), "checked.json")
