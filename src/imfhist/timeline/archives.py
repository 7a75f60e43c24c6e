"""The archived text of a timeline's sources, read safely.

A source's `archive` names a text file relative to the timeline. The file comes from whoever
wrote the timeline, perhaps a pull request that CI validates, so what it may name is confined:

- only paths inside the timeline's folder (or below it) are read; an absolute path, a `..` or a
  symbolic link leading out is refused with a message that does not depend on the file that
  would have been read (whether it exists, what it holds), so that nothing can be learnt about it;
- only regular files are read (a FIFO or a device is refused at once, without blocking);
- at most MAX_ARCHIVE_BYTES per file and MAX_TOTAL_ARCHIVE_BYTES for all of a timeline's
  archives together;
- each resolved path is read once, however many sources name it, and its text is shared.

`Archives.index(source)` gives the archive as a `TextIndex` (imfhist.common.textindex), shared
like its text: the first time one is asked for, every quote of the timeline is announced to the
index of its source's archive, so that the words of each page are counted and placed once, in one
pass, for all the quotes that cite it.

`archives_of(timeline)` gives the archives of one timeline; every rule that needs the text of a
source asks it, and the last timeline's archives are kept so that several rules share one read.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import NamedTuple

from imfhist.common.i18n import _
from imfhist.common.problems import Loc
from imfhist.common.textindex import TextIndex
from imfhist.common.textnorm import normalise_spacing
from imfhist.timeline.model import Source, Timeline

# An archive is a page of text; anything far larger is a mistake (or /dev/zero).
MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
# All the archives of a timeline together: their text stays in memory while the rules run.
MAX_TOTAL_ARCHIVE_BYTES = 100 * 1024 * 1024


class Refusal(NamedTuple):
    """Why an archive was not read, at the source's `archive` value: what the `source-archive`
    rule reports (imfhist.checking.rules.quotes)."""

    loc: Loc
    message: str
    hint: str


class ArchiveText(NamedTuple):
    """What reading one source's archive gave: its text (spacing normalised) or a refusal."""

    text: str | None
    refusal: Refusal | None


class _Read(NamedTuple):
    text: str | None
    # A message template with {archive}, its hint and values; None when the text was read.
    failure: tuple[str, str, dict[str, object]] | None


def _outside() -> _Read:
    return _Read(None, (_("archive '{archive}' is outside the timeline's folder"),
                        _("keep the archive in the timeline's folder or below it, and name it "
                          "by a relative path without '..'"), {}))


def _failure(template: str, hint: str, **values: object) -> _Read:
    return _Read(None, (template, hint, values))


class Archives:
    """The archives of one timeline: confined to its folder, each resolved path read once."""

    def __init__(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._folder = Path(timeline.path).parent
        self._by_source: dict[int, ArchiveText] = {}
        self._indexes: dict[int, TextIndex] = {}  # by id of the text
        self._expected = False
        self._total = 0
        self._resolved: Path | None = None  # the folder, resolved once
        self._plain_folders: dict[Path, bool] = {}  # whether each is no symbolic link
        self._plain_names: dict[str, bool] = {}  # the same, for the folders of plain names
        self._by_path: dict[str, _Read] = {}

    def of(self, source: Source) -> ArchiveText:
        """The archive of `source` (text None and no refusal when it names none)."""
        if source.archive is None:
            return ArchiveText(None, None)
        known = self._by_source.get(id(source))
        if known is not None:
            return known
        read = self._read(source.archive.value)
        refusal = None
        if read.failure is not None:
            template, hint, values = read.failure
            refusal = Refusal(source.archive.loc, template.format(
                archive=source.archive.value, **values), hint)
        result = ArchiveText(read.text, refusal)
        self._by_source[id(source)] = result
        return result

    def text(self, source: Source) -> str | None:
        return self.of(source).text

    def index(self, source: Source) -> TextIndex | None:
        """The archive of `source` as a `TextIndex`, one per file read; None without a text."""
        if not self._expected:
            self._expected = True
            self._expect_quotes()
        return self._index_of(self.text(source))

    def _index_of(self, text: str | None) -> TextIndex | None:
        if text is None:
            return None
        index = self._indexes.get(id(text))
        if index is None:
            index = self._indexes[id(text)] = TextIndex(text)
        return index

    def _expect_quotes(self) -> None:
        """Announce each quote of the timeline to the index of its source's archive."""
        sources = self._timeline.source_by_id()
        for event in self._timeline.events:
            for citation in event.sources:
                source = sources.get(citation.ref.value)
                index = self._index_of(self.text(source)) if source is not None else None
                if index is not None:
                    index.expect(quote_parts(citation.quote.value))

    def _read(self, name: str) -> _Read:
        path = self._confined(name)
        if path is None:
            return _outside()
        if path not in self._by_path:
            self._by_path[path] = self._read_file(path)
        return self._by_path[path]

    def _confined(self, name: str) -> str | None:
        """The resolved path `name` stands for, or None when it leads out of the folder."""
        if _PLAIN_NAME.fullmatch(name):
            # Most names (`sources/page.txt`): relative, without `..`, `.`, a drive or a
            # backslash, so inside the folder once no part is a symbolic link; checked with
            # strings, as pathlib's objects cost more than reading a small page (10,000 pages).
            try:
                if self._resolved is None:
                    self._resolved = self._folder.resolve()
                plain = self._plain_string(str(self._resolved), name.split("/"))
            except (OSError, ValueError):
                return None
            if plain is not None:
                return plain
        found = self._confined_path(name)
        return None if found is None else str(found)

    def _plain_string(self, folder: str, parts: list[str]) -> str | None:
        """`_plain` with strings: the joined path when no part is a symbolic link, else None."""
        path = folder
        last = len(parts) - 1
        for number, part in enumerate(parts):
            path = f"{path}/{part}"
            known = None if number == last else self._plain_names.get(path)
            if known is None:
                try:
                    known = not stat.S_ISLNK(os.lstat(path).st_mode)
                except OSError:  # missing, or not a folder: the read says so, as before
                    known = True
                if number != last:
                    self._plain_names[path] = known
            if not known:
                return None
        return path

    def _confined_path(self, name: str) -> Path | None:
        if not name or "\x00" in name:
            return None
        posix, windows = PurePosixPath(name), PureWindowsPath(name)
        if posix.is_absolute() or windows.anchor or ".." in posix.parts or ".." in windows.parts:
            return None
        try:
            if self._resolved is None:
                self._resolved = self._folder.resolve()
            folder = self._resolved
            path = self._plain(folder, posix.parts)
            if path is None:  # a symbolic link on the way: followed wherever it leads
                path = (folder / name).resolve()
        except (OSError, RuntimeError, ValueError):  # a symlink loop, a name too long
            return None
        return path if path.is_relative_to(folder) and path != folder else None

    def _plain(self, folder: Path, parts: tuple[str, ...]) -> Path | None:
        """`folder` joined with `parts` when none of them is a symbolic link (the path is then
        resolved already, and inside the folder), else None. A missing or unreadable file is left
        for the read to report. Each folder on the way is looked at once per timeline."""
        path = folder
        for number, part in enumerate(parts):
            path = path / part
            last = number == len(parts) - 1
            known = None if last else self._plain_folders.get(path)
            if known is None:
                try:
                    known = not stat.S_ISLNK(os.lstat(path).st_mode)
                except OSError:  # missing, or not a folder: the read says so, as before
                    known = True
                if not last:
                    self._plain_folders[path] = known
            if not known:
                return None
        return path

    def _read_file(self, path: str) -> _Read:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return _failure(_("archive '{archive}' is not a file"),
                            _("give a path relative to the timeline file"))
        except OSError as error:
            hint = (_("name it by a shorter path") if error.errno == errno.ENAMETOOLONG
                    else _("check the file's permissions"))
            return _failure(_("archive '{archive}' cannot be read: {reason}"), hint,
                            reason=error.strerror or error)
        # Looked at before Python wraps it: a folder opens, but cannot be made a file object.
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            os.close(handle)
            return _failure(_("archive '{archive}' is not a file"),
                            _("give a path relative to the timeline file"))
        with os.fdopen(handle, "rb") as file:
            try:
                # As much as fstat says, and one byte more to see whether it grew: asking for
                # the whole limit at once makes Python set aside 20 MB for a page of 2 KB.
                wanted = min(status.st_size, MAX_ARCHIVE_BYTES) + 1
                data = file.read(wanted)
                if len(data) == wanted and wanted <= MAX_ARCHIVE_BYTES:
                    data += file.read(MAX_ARCHIVE_BYTES + 1 - wanted)
            except OSError as error:
                return _failure(_("archive '{archive}' cannot be read: {reason}"),
                                _("check the file's permissions"), reason=error.strerror or error)
        if len(data) > MAX_ARCHIVE_BYTES:
            return _failure(_("archive '{archive}' is larger than {size} MB"),
                            _("archive the text of the page only"),
                            size=MAX_ARCHIVE_BYTES // 2**20)
        if self._total + len(data) > MAX_TOTAL_ARCHIVE_BYTES:
            return _failure(_("the archives of this timeline exceed {size} MB in all"),
                            _("archive the text of the pages only"),
                            size=MAX_TOTAL_ARCHIVE_BYTES // 2**20)
        self._total += len(data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return _failure(_("archive '{archive}' is not UTF-8 text"), _("save it as UTF-8"))
        del data  # a 20 MB page is held as text only, not as bytes and text at once
        return _Read(normalised_page(text), None)


# An archive's name made of plain parts: letters, digits, `_`, `-` and `.` (not first).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*")
_SPACE = re.compile(r"\s")
# A page's spacing is normalised a slice of about this many characters at a time.
NORMALISED_SLICE = 1 << 20


def normalised_page(text: str, size: int = NORMALISED_SLICE) -> str:
    """`normalise_spacing(text)`, a slice at a time (each cut at a white space, so that the
    words are the same): normalising a 19 MB page at once split it into three million words
    held together, 200 MB for a moment."""
    if len(text) <= size:
        return normalise_spacing(text)
    pieces = []
    start = 0
    while start < len(text):
        cut = _SPACE.search(text, start + size) if len(text) - start > size else None
        end = cut.start() if cut else len(text)
        piece = normalise_spacing(text[start:end])
        if piece:
            pieces.append(piece)
        start = end
    return " ".join(pieces)


ELLIPSIS = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|\(…\)|…)\s*")


def quote_parts(quote: str) -> list[str]:
    """The parts of a quote between its elisions (`[…]`, `…`), spaces normalised: the passages
    of its archive that the quote rules look for. Each quote is asked for by several rules in
    turn (announced to its archive's index, looked for, checked for whole words, its claims):
    its parts are made once, and kept for up to MAX_KEPT_PARTS quotes."""
    return list(_made(quote)[1])


def normalised_quote(quote: str) -> str:
    """`normalise_spacing(quote)`, made once with the quote's parts (`quote_parts`)."""
    return _made(quote)[0]


def _made(quote: str) -> tuple[str, tuple[str, ...]]:
    made = _quotes.get(quote)
    if made is None:
        if len(_quotes) >= MAX_KEPT_PARTS:
            _quotes.clear()
        text = normalise_spacing(quote)
        if "…" not in text and "[..." not in text:  # most quotes: no elision to look for
            parts: tuple[str, ...] = (text,) if text else ()
        else:
            parts = tuple(part for part in ELLIPSIS.split(text) if part)
        made = _quotes[quote] = (text, parts)
    return made


# As many quotes as the largest timelines hold: beyond, the parts are made again.
MAX_KEPT_PARTS = 1 << 17
_quotes: dict[str, tuple[str, tuple[str, ...]]] = {}


_last: tuple[tuple[Source, ...], Path, Archives] | None = None


def archives_of(timeline: Timeline) -> Archives:
    """The archives of `timeline`; the same object for every rule that checks this timeline."""
    global _last
    # Known by its sources and its path: the rule that checks the quotes of relations runs the
    # quote rules on a stand-in timeline with the same sources, which reads no page again.
    if _last is None or _last[0] is not timeline.sources or _last[1] != timeline.path:
        _last = (timeline.sources, timeline.path, Archives(timeline))
    return _last[2]
