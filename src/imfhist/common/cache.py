"""The user's cache folder for imfhist: answers worth keeping between two runs (completion's
command descriptions and timeline values, the error count of a timeline already checked).
Everything here is a shortcut: a cache that cannot be read or written only makes a run slower."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "imfhist"


def remember(path: Path, document: Any, stale: str | None = None) -> None:
    """Write `document` to `path` atomically, removing first the files that `stale` matches
    (the older versions of what it replaces)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(stale) if stale else ():
            old.unlink(missing_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass


def recall(path: Path) -> Any:
    """What `remember` wrote at `path`, or None."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
