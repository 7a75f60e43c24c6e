"""One change to a timeline file, from reading it to replacing it, losing nothing on the way.

`rewrite` holds the timeline's lock (imfhist.keeping.locking) while it reads the file, composes it
once, lets the planner turn what it finds into `Change` values, applies them to the text, checks the
whole new file, and replaces the file atomically (imfhist.keeping.atomic). The byte-order mark and
the line ends come back as they were; a symlink stays a link; a read-only file is refused.

The new file is checked once. When every change falls within whole items of the top-level lists
(as the planners of add, edit, remove and rename say, with each Change's `owner`), only those
items' new text is composed: the new timeline is the old one with those objects built again, and
the rules run on the whole of it. A timeline of 30,000 events is then composed once, not twice.
Anything else (a flow list, an anchor near the change, an error found) takes the long way: the
whole new text is composed and checked. Only when it has errors is the old file checked too, so
that the errors it already had (which the change did not make) do not stop the change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from imfhist.common.problems import Problem, TimelineUnreadable
from imfhist.keeping.atomic import check_writable, real_path, write_atomically
from imfhist.keeping.changes import Change, apply, unified_diff
from imfhist.keeping.locking import locked
from imfhist.keeping.outline import Outline
from imfhist.timeline.loader import LoadResult, _build, load_text, shown_path
from imfhist.timeline.model import Timeline
from imfhist.timeline.yamlsource import compose, read_source

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
            dry_run: bool = False, expected: Iterable[str] = (), held: bool = False) -> Outcome:
    """Plan a change on the file at `path` and, unless `dry_run`, write it.

    Raises WriteRefused (the new file would have new errors), NotATimeline, TimelineUnreadable,
    atomic.WriteError (incl. ReadOnly), locking.LockTimeout, outline.Unsupported, and whatever
    the planner raises to refuse the change. Problems of the rules in `expected` are let
    through: a dry run of `source add` has no archive yet. `held`: the caller holds the lock
    already (`holding`), around more than this change."""
    real = real_path(path)
    shown = shown_path(path)
    if not dry_run:
        check_writable(real)
    if dry_run or held:
        return _change(path, real, shown, planner, wanted, dry_run, set(expected))
    with locked(real):
        return _change(path, real, shown, planner, wanted, dry_run, set(expected))


@contextlib.contextmanager
def holding(path: Path) -> Iterator[None]:
    """Hold the lock of the timeline at `path` across several steps (an archive created, then
    the source added to the timeline by `rewrite(..., held=True)`). Raises locking.LockTimeout,
    locking.LockError."""
    with locked(real_path(path)):
        yield


def _within_the_size_limit(new: str, bom: bool, shown: str) -> None:
    """Never write a file that imfhist would then refuse to read (IMFHIST_MAX_FILE_MB)."""
    from imfhist.common.i18n import _
    from imfhist.common.inputs import MAX_FILE_MB_VARIABLE, limit_text, max_file_bytes
    from imfhist.common.problems import Severity
    from imfhist.timeline.model import Loc

    limit = max_file_bytes()
    if len(new.encode("utf-8")) + (len(BOM) if bom else 0) > limit:
        raise WriteRefused([Problem(
            Loc(shown), Severity.ERROR, "file",
            _("the timeline would be larger than {size} MB, the most imfhist reads").format(
                size=limit_text(limit)),
            _("add fewer events, or set {variable} to a larger number of MB").format(
                variable=MAX_FILE_MB_VARIABLE))])


def _change(path: Path, real: Path, shown: str, planner: Planner, wanted: Iterable[str],
            dry_run: bool, expected: set[str]) -> Outcome:
    from imfhist.checking import rules

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
    changes = list(planner(outline, loaded.timeline))
    new = apply(text, changes)
    if new == text:
        return Outcome(path, shown, text, new, False)
    _within_the_size_limit(new, bom, shown)
    quick = _patched(outline, loaded, changes, new, shown)
    del outline
    if quick is not None and not _errors(rules.check(quick)):
        if not dry_run:
            _write(real, new, bom, _count_key(path, new, quick), 0)
        return Outcome(path, shown, text, new, not dry_run)
    result = load_text(new, path, shown)
    found = _errors(result.problems)
    key = None
    if result.timeline is not None:
        found += _errors(rules.check(result.timeline))
        key = None if dry_run else _count_key(path, new, result.timeline)
    if found:
        before = _errors(loaded.problems) + _errors(rules.check(loaded.timeline))
        known = {(p.rule, p.message) for p in before}
        introduced = [p for p in found
                      if (p.rule, p.message) not in known and p.rule not in expected]
        if introduced:
            raise WriteRefused(sorted(introduced))
    del result, loaded
    if not dry_run:
        _write(real, new, bom, key, len(set(found)))
    return Outcome(path, shown, text, new, not dry_run)


def _count_key(path: Path, new: str, timeline: Timeline) -> str:
    """The key of the new text's error count, made right after its check (see `_write`)."""
    from imfhist.checking.error_count import written_key

    return written_key(path, new.encode("utf-8"), timeline)


def _write(real: Path, new: str, bom: bool, key: str | None, errors: int) -> None:
    """Write the new text, and keep its error count (checked whole just now) under `key` for
    the reading commands that come next."""
    from imfhist.checking.error_count import remember_written

    write_atomically(real, (BOM if bom else b"") + new.encode("utf-8"))
    if key is not None:
        remember_written(key, errors)


_KINDS = {"events": "event", "actors": "actor", "places": "place", "sources": "source"}


def _patched(outline: Outline, loaded: LoadResult, changes: list[Change], new: str,
             shown: str) -> Timeline | None:
    """The new timeline as the old one with the changed items built again from the new text,
    or None when the changes do not allow it (see the module's docstring)."""
    import yaml

    from imfhist.timeline.loader import _Builder

    timeline = loaded.timeline
    if timeline is None or _errors(loaded.problems) or any(c.owner is None for c in changes):
        return None
    text = outline.text
    owners: dict[tuple[str, int], list[Change]] = {}
    for change in changes:
        owners.setdefault(change.owner, []).append(change)  # type: ignore[arg-type]
    spans = {}
    for owner, owned in owners.items():
        kind, index = owner
        info = outline.lists.get(kind)
        if info is None or not info.is_block or len(getattr(timeline, kind)) != info.items:
            return None  # an item the loader could not build: indexes would not match
        item = outline.items.get(owner)
        if item is not None:
            start, end = outline.item_span(item)
        elif index == info.items:
            start = end = owned[0].start
        else:
            return None
        start = min([start] + [c.start for c in owned])
        end = max([end] + [c.end for c in owned])
        spans[owner] = (start, end)
    for owner, (start, end) in spans.items():
        for change in changes:
            if change.owner == owner:
                continue
            inside = change.start < end and change.end > start
            touching = change.start == change.end and start <= change.start <= end
            if inside or touching:
                return None

    def delta(change: Change) -> int:
        return len(change.text) - (change.end - change.start)

    built: dict[tuple[str, int], list[object]] = {}
    for owner, (start, end) in spans.items():
        kind, index = owner
        new_start = start + sum(delta(c) for c in changes if c.owner != owner and c.end <= start)
        new_end = end + sum(delta(c) for c in changes if c.end <= end)
        before, after = text[start:end], new[new_start:new_end]
        if "&" in before or "&" in after or "*" in after:
            return None  # an anchor or alias: the items around may depend on it
        try:
            node = yaml.compose(after, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            return None
        info = outline.lists[kind]
        if node is None:
            built[owner] = []
            continue
        if not isinstance(node, yaml.SequenceNode) or node.flow_style or \
                node.start_mark.column != info.value.start_mark.column:
            return None
        if index < info.items and len(node.value) != 1:
            return None
        builder = _Builder(shown)
        objects = []
        for item in node.value:
            fields = builder.mapping(item, _KINDS[kind])
            value = getattr(builder, _KINDS[kind])(fields, item) if fields is not None else None
            if value is None:
                return None
            objects.append(value)
        if _errors(builder.problems):
            return None
        built[owner] = objects
    lists = {kind: list(getattr(timeline, kind)) for kind in {o[0] for o in built}}
    for (kind, index), objects in sorted(built.items(), key=lambda o: -o[0][1]):
        lists[kind][index:index + 1 if index < len(lists[kind]) else index] = objects
    if not lists.get("events", True):
        return None  # no events left: the loader's own check says so
    return timeline._replace(**{k: tuple(v) for k, v in lists.items()})


__all__ = ["NotATimeline", "Outcome", "Planner", "TimelineUnreadable", "WriteRefused", "holding",
           "rewrite"]
