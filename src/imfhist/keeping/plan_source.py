"""A new source (`imfhist source add`): its archive made, and the source added, under one lock.

Within the timeline's lock (`transaction.holding`), the planner reads the timeline, refuses an
id that a source already has, creates `sources/ID.txt` where nothing is (never through a
symbolic link, not even a dangling one: imfhist.keeping.atomic.Folder), and adds the source.
When the change is then refused, the archive is removed, still under the lock, and only because
this very command made it: two `source add --id r` at once run one after the other, and the
second is refused without touching what the first wrote.

A timeline that `imfhist init` started holds a placeholder source for its user to replace.
While it is as `init` wrote it and nothing names it, the new source takes its place, comments
and all; otherwise the new source goes after the last one and the comments that belong to it.
"""

from __future__ import annotations

from pathlib import Path

from imfhist.common.i18n import _
from imfhist.keeping.atomic import Folder, NewFile, PlaceTaken, WriteError
from imfhist.keeping.changes import Change, PlanRefused, newline_of
from imfhist.keeping.outline import Outline
from imfhist.keeping.plan_init import PLACEHOLDER_ID, placeholders
from imfhist.keeping.writer import ORDERS, Addition, Style, plan_addition, render_mapping, style_of
from imfhist.timeline.model import Timeline

PROBLEMS = 1  # refused because of what was given
CANNOT_RUN = 2


def archive_place(timeline_file: Path, ident: str) -> tuple[Path, str, str]:
    """The folder that holds the timeline (as named), the archive's path below it, and the
    archive's file name in sources/."""
    folder = timeline_file.parent if str(timeline_file.parent) else Path(".")
    name = f"{ident}.txt"
    return folder, f"sources/{name}", name


def place_refused(error: PlaceTaken) -> PlanRefused:
    """What is said when something stands where the archive would go."""
    if error.link:
        return PlanRefused(
            _("{path} is a symbolic link: nothing was written").format(path=error.path),
            _("imfhist writes no file through a link; remove the link, or choose another id"),
            code=PROBLEMS)
    return PlanRefused(_("{path} already exists: nothing was written").format(path=error.path),
                       _("choose another id, or remove that file"), code=PROBLEMS)


def check_place(timeline_file: Path, ident: str) -> None:
    """Refuse at once, before a page is fetched, an archive's place that is taken. The write
    itself refuses it again, since something may be put there meanwhile. Raises PlanRefused."""
    folder, _name, name = archive_place(timeline_file, ident)
    try:
        with Folder.open(folder) as opened:
            if opened.kind("sources") == "link":
                raise PlaceTaken(folder / "sources", link=True)
            if opened.kind("sources") is None:
                return
        with Folder.open(folder / "sources") as sources:
            kind = sources.kind(name)
        if kind is not None:
            raise PlaceTaken(folder / "sources" / name, link=kind == "link")
    except PlaceTaken as taken:
        raise place_refused(taken) from None
    except WriteError:
        return  # the write says why, with the folder it could not open


class NewSource:
    """One `source add`: `planner` checks the id and, unless `dry_run`, makes the archive;
    `discard` removes the archive when the change did not happen."""

    def __init__(self, timeline_file: Path, ident: str, record: dict[str, str], data: bytes,
                 dry_run: bool = False) -> None:
        self.timeline_file = timeline_file
        self.ident = ident
        self.record = record
        self.data = data
        self.dry_run = dry_run
        folder, _name, self.name = archive_place(timeline_file, ident)
        self.folder = folder
        self.path = folder / "sources" / self.name
        self.created: NewFile | None = None

    def planner(self, outline: Outline, timeline: Timeline) -> list[Change]:
        placeholder = placeholder_span(outline, timeline)
        taken = {s.id.value for s in timeline.sources}
        if self.ident in taken and not (placeholder and self.ident == PLACEHOLDER_ID):
            raise PlanRefused(
                _("the timeline already has a source '{id}': nothing was written").format(
                    id=self.ident), _("choose another id"), code=PROBLEMS)
        if self.dry_run:
            check_place(self.timeline_file, self.ident)
        elif self.created is None:
            self._create()
        if placeholder is None:
            return plan_addition(outline, Addition(sources=[self.record]))
        style = style_of(outline, "sources")
        block = render_mapping(self.record, Style(style.newline, style.item_indent,
                                                  style.key_indent), ORDERS["sources"])
        return [Change(placeholder[0], placeholder[1], block)]

    def _create(self) -> None:
        try:
            with Folder.open(self.folder) as folder, folder.folder("sources") as sources:
                self.created = sources.create(self.name, self.data)
        except PlaceTaken as taken:
            raise place_refused(taken) from None
        except WriteError as error:
            raise PlanRefused(_("cannot write {path}: {reason}").format(
                path=self.path, reason=error), _("nothing was written; check the folder"),
                code=CANNOT_RUN) from None

    def discard(self) -> None:
        """Remove the archive if this command made it (and only then)."""
        if self.created is not None:
            self.created.remove()
            self.created = None

    def keep(self) -> None:
        if self.created is not None:
            self.created.close()


def placeholder_span(outline: Outline, timeline: Timeline) -> tuple[int, int] | None:
    """Where the placeholder source of `imfhist init` stands, comments and all, when it is as
    `init` wrote it and nothing else in the file names it; else None."""
    text = outline.text
    newline = newline_of(text)
    # Written in the language `init` spoke, which may not be this command's.
    blocks = [block.replace("\n", newline) for block in placeholders()]
    block, start = next(((block, text.find(block)) for block in blocks if block in text),
                        (blocks[0], -1))
    if start < 0 or (start > 0 and text[start - 1] not in "\r\n") or \
            text.count(PLACEHOLDER_ID) != block.count(PLACEHOLDER_ID):
        return None
    info = outline.lists.get("sources")
    if info is None or not info.is_block or start < info.key_node.end_mark.index:
        return None
    dash = text.index(f"- id: {PLACEHOLDER_ID}", start)
    line = text.count(newline, 0, dash) + 1
    if not any(s.id.value == PLACEHOLDER_ID and s.loc.line == line for s in timeline.sources):
        return None  # not the source the file's list holds there (inside a block scalar, say)
    return start, start + len(block)
