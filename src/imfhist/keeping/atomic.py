"""Writing a file so that it is either wholly written or not touched at all.

The text goes to a temporary file in the same directory, is flushed to disk, then renamed over
the target: a reader never sees half a file, and an interrupted or failed write (a full disk, a
read-only directory, Ctrl-C) leaves the old file, if any, as it was, and no temporary file behind.

A symlink is written through: the file it points at is replaced and the link stays a link. A file
the user may not write (`chmod 444`) is refused, never replaced, even in a folder they may write.

A new file (an archive, what `imfhist init` starts) is another matter: `Folder.create` makes it
only where nothing is, never through a symbolic link, not even a dangling one, which a cloned
repository may ship (`sources/x.txt -> ~/.bash_profile`). The folder is opened once and every
name below it is opened relative to it with O_NOFOLLOW, or made with O_CREAT | O_EXCL: the check
is the opening itself, so that nothing can swap a link in between a check and a write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


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
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode)
    except OSError as error:
        raise WriteError(_reason(error)) from None
    try:
        try:
            _write_all(descriptor, data)
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


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]
    os.fsync(descriptor)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


class PlaceTaken(WriteError):
    """Something is already where a new file or folder was to be made: `link` when it is a
    symbolic link (dangling or not), which imfhist never writes through."""

    def __init__(self, path: Path, link: bool) -> None:
        super().__init__(str(path))
        self.path = path
        self.link = link


class NewFile:
    """A file this very command created: the only kind it may remove when the change fails."""

    def __init__(self, folder: Folder, name: str, identity: tuple[int, int]) -> None:
        self.path = folder.path / name
        self._folder = os.dup(folder.descriptor) if folder.descriptor >= 0 else -1
        self._name = name
        self._identity = identity

    def remove(self) -> None:
        """Remove the file, if it is still the one created (never what replaced it)."""
        try:
            if self._folder < 0:
                status = os.lstat(self.path)
                if (status.st_dev, status.st_ino) == self._identity:
                    os.unlink(self.path)
                return
            status = os.stat(self._name, dir_fd=self._folder, follow_symlinks=False)
            if (status.st_dev, status.st_ino) == self._identity:
                os.unlink(self._name, dir_fd=self._folder)
        except OSError:
            pass
        finally:
            self.close()

    def close(self) -> None:
        if self._folder >= 0:
            os.close(self._folder)
            self._folder = -1


class Folder:
    """A folder opened once, in which files and folders are made only where nothing is, and
    never through a symbolic link. The folder itself is followed as named (`data/` may be a
    link); what is made below it is not. Use it in a `with`."""

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path = path
        self.descriptor = descriptor  # -1 where the system cannot open relative to a folder

    @classmethod
    def open(cls, path: Path) -> Folder:
        """The folder at `path`, as named. Raises WriteError."""
        if os.open not in os.supports_dir_fd:
            return cls(path, -1)
        try:
            return cls(path, os.open(path, os.O_RDONLY | _DIRECTORY | _CLOEXEC))
        except OSError as error:
            raise WriteError(_reason(error)) from None

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.descriptor >= 0:
            os.close(self.descriptor)
            self.descriptor = -1

    def _at(self, name: str) -> dict[str, int]:
        return {"dir_fd": self.descriptor} if self.descriptor >= 0 else {}

    def _name(self, name: str) -> str | Path:
        return name if self.descriptor >= 0 else self.path / name

    def kind(self, name: str) -> str | None:
        """What stands at `name`, the link itself and not what it leads to: "link", "folder",
        "file", "other", or None when nothing does."""
        try:
            status = os.stat(self._name(name), follow_symlinks=False, **self._at(name))
        except FileNotFoundError:
            return None
        except OSError as error:
            raise WriteError(_reason(error)) from None
        mode = status.st_mode
        if stat.S_ISLNK(mode):
            return "link"
        if stat.S_ISDIR(mode):
            return "folder"
        return "file" if stat.S_ISREG(mode) else "other"

    def refuse_link(self, name: str) -> None:
        """Raise PlaceTaken when a symbolic link stands at `name`."""
        if self.kind(name) == "link":
            raise PlaceTaken(self.path / name, link=True)

    def make_folder(self, name: str) -> bool:
        """Make the folder `name` unless a folder (not a link to one) is there. Returns whether
        it was made. Raises PlaceTaken, WriteError."""
        try:
            os.mkdir(self._name(name), **self._at(name))  # mkdir never follows a link
            return True
        except FileExistsError:
            kind = self.kind(name)
            if kind == "folder":
                return False
            raise PlaceTaken(self.path / name, link=kind == "link") from None
        except OSError as error:
            raise WriteError(_reason(error)) from None

    def folder(self, name: str) -> Folder:
        """The folder `name` below this one, made when missing; a link there is refused."""
        self.make_folder(name)
        if self.descriptor < 0:
            self.refuse_link(name)
            return Folder(self.path / name, -1)
        try:
            descriptor = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC,
                                 dir_fd=self.descriptor)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                raise PlaceTaken(self.path / name, link=self.kind(name) == "link") from None
            raise WriteError(_reason(error)) from None
        return Folder(self.path / name, descriptor)

    def create(self, name: str, data: bytes) -> NewFile:
        """Make the new file `name` holding `data`, where nothing is (O_CREAT | O_EXCL, which
        follows no link). Raises PlaceTaken when something is there, WriteError when the write
        fails (then the file made is removed)."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        try:
            descriptor = os.open(self._name(name), flags, 0o666, **self._at(name))
        except FileExistsError:
            raise PlaceTaken(self.path / name, link=self.kind(name) == "link") from None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise PlaceTaken(self.path / name, link=True) from None
            raise WriteError(_reason(error)) from None
        status = os.fstat(descriptor)
        created = NewFile(self, name, (status.st_dev, status.st_ino))
        try:
            try:
                _write_all(descriptor, data)
            finally:
                os.close(descriptor)
        except BaseException as error:  # including KeyboardInterrupt: no half a file
            created.remove()
            if isinstance(error, OSError):
                raise WriteError(_reason(error)) from None
            raise
        return created
