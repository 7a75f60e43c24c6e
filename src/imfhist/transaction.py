"""One change to a timeline file, from reading it to replacing it, losing nothing on the way.

`rewrite` holds the timeline's lock (imfhist.locking) while it reads the file, composes it once,
lets the planner turn what it finds into `Change` values, applies them to the text, checks the
whole new file, and replaces the file atomically (imfhist.atomic). The byte-order mark and the
line ends come back as they were; a symlink stays a link; a read-only file is refused.

The new file is checked once. Only when it has errors is the old file checked too, so that the
errors it already had (which the change did not make) do not stop the change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from imfhist.atomic import check_writable, real_path, write_atomically
from imfhist.changes import Change, apply, unified_diff
from imfhist.loader import _build, load_text, shown_path
from imfhist.locking import locked
from imfhist.model import Timeline
from imfhist.outline import Outline
from imfhist.problems import Problem, TimelineUnreadable
from imfhist.yamlsource import compose, read_source

BOM = b"\xef\xbb\xbf"

Planner = Callable[[Outline, Timeline], Sequence[Change]]


class WriteRefused(Exception):
    """The change would make the timeline invalid; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = list(problems)


class NotATimeline(Exception):
    """The file is not a timeline that can be changed: its problems say why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = list(problems)


@dataclass(frozen=True)
class Outcome:
    path: Path
    shown: str
    old: str
    new: str
    written: bool

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def diff(self) -> str:
        return unified_diff(self.old, self.new, self.shown)


def _errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def rewrite(path: Path, planner: Planner, *, wanted: Iterable[str] = (),
            dry_run: bool = False, expected: Iterable[str] = ()) -> Outcome:
    """Plan a change on the file at `path` and, unless `dry_run`, write it.

    Raises WriteRefused (the new file would have new errors), NotATimeline, TimelineUnreadable,
    atomic.WriteError (incl. ReadOnly), locking.LockTimeout, outline.Unsupported, and whatever
    the planner raises to refuse the change. Problems of the rules in `expected` are let
    through: a dry run of `source add` has no archive yet."""
    real = real_path(path)
    shown = shown_path(path)
    if not dry_run:
        check_writable(real)
    if dry_run:
        return _change(path, real, shown, planner, wanted, dry_run, set(expected))
    with locked(real):
        return _change(path, real, shown, planner, wanted, dry_run, set(expected))


def _change(path: Path, real: Path, shown: str, planner: Planner, wanted: Iterable[str],
            dry_run: bool, expected: set[str]) -> Outcome:
    from imfhist import rules

    data, problems = read_source(real, shown)
    if data is None:
        raise NotATimeline(problems)
    with real.open("rb") as handle:
        bom = handle.read(3) == BOM
    text = data.decode("utf-8")
    del data
    document = compose(text, shown)
    outline = Outline(text, document.root, wanted)
    loaded = _build(document, path, shown)
    del document
    if loaded.timeline is None:
        raise NotATimeline(_errors(loaded.problems))
    changes = planner(outline, loaded.timeline)
    del outline
    new = apply(text, changes)
    if new == text:
        return Outcome(path, shown, text, new, False)
    result = load_text(new, path, shown)
    found = _errors(result.problems)
    if result.timeline is not None:
        found += _errors(rules.check(result.timeline))
    if found:
        before = _errors(loaded.problems) + _errors(rules.check(loaded.timeline))
        known = {(p.rule, p.message) for p in before}
        introduced = [p for p in found
                      if (p.rule, p.message) not in known and p.rule not in expected]
        if introduced:
            raise WriteRefused(sorted(introduced))
    del result, loaded
    if not dry_run:
        write_atomically(real, (BOM if bom else b"") + new.encode("utf-8"))
    return Outcome(path, shown, text, new, not dry_run)


__all__ = ["NotATimeline", "Outcome", "Planner", "TimelineUnreadable", "WriteRefused", "rewrite"]
