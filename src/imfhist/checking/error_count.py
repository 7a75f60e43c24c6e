"""How many errors `validate` would find in a timeline that a reading command has loaded.

`list`, `filter`, `show` and the exports announce those errors, which takes every rule, quotes
against their archives included: about as long as the rest of a listing of the IMF timeline. The
count is kept in the user's cache under a key made of imfhist's version and code, the timeline
file and its archives (path, size and modification time of each), so that a timeline listed
again unchanged is not checked again; any change to one of them makes a new key.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from imfhist import __version__
from imfhist.common import cache
from imfhist.timeline.loader import LoadResult

_ENTRIES = 64  # timelines remembered at once


def _stamp(path: Path) -> str:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return f"{path}:-"
    return f"{path}:{status.st_size}:{status.st_mtime_ns}"


def _key(result: LoadResult) -> str:
    assert result.timeline is not None
    package = Path(__file__).resolve().parents[1]
    parts = [__version__, _stamp(result.path.resolve())]
    # The code that counts: a changed rule in a checkout must not reuse an old count.
    rules = package / "checking" / "rules"
    parts += [_stamp(rules / name) for name in sorted(os.listdir(rules)) if name.endswith(".py")]
    parts += [_stamp(package / "timeline" / "evidence.py"),
              _stamp(package / "timeline" / "archives.py")]
    folder = result.path.parent
    # Metadata only: the archives themselves are read, confined, by the rules on a miss.
    parts += [_stamp(folder / source.archive.value) for source in result.timeline.sources
              if source.archive is not None]
    text = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def error_count(result: LoadResult) -> int:
    """The number of distinct errors in the loaded timeline, as `validate` counts them."""
    assert result.timeline is not None
    key = _key(result)
    where = cache.folder() / "checked.json"
    known = cache.recall(where)
    known = known if isinstance(known, dict) else {}
    count = known.get(key)
    if isinstance(count, int):
        return count
    from imfhist.checking import rules

    errors = [p for p in result.problems if p.is_error]
    count = len({p for p in [*errors, *rules.check(result.timeline)] if p.is_error})
    kept = dict(list(known.items())[-(_ENTRIES - 1):])
    kept[key] = count
    cache.remember(where, kept)
    return count
