"""Which timeline file a command uses, found the way the ecosystem's tools find their settings.

In order:

1. the `--file` option;
2. the `IMFHIST_FILE` environment variable;
3. the project's own setting, found from the current directory upwards: `timeline = "…"` under
   `[tool.imfhist]` in a `pyproject.toml`, or at the top of an `imfhist.toml` (a relative path is
   taken from the folder of the file that says it);
4. a `data/timeline.yaml` found from the current directory upwards (a clone of a timeline's
   repository);
5. for reading only: the IMF timeline that ships with imfhist.

Writing never falls back on the shipped timeline, and never writes inside the installed package:
the next install would silently take the change away.

A settings file is obeyed only when it is trusted, as git trusts a repository (`safe.directory`)
and OpenSSH a configuration file: it belongs to the user who runs imfhist (or to root), and no
one else may change it (not writable by others, nor by a group that has any other member). A
file that fails the rule is ignored, the search goes on, and the caller is told which file and
why (`Chosen.ignored`): an `imfhist.toml` that another user left in a shared folder such as
`/tmp` never decides which file `add` writes.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from imfhist.common.i18n import N_, _

ENVIRONMENT_VARIABLE = "IMFHIST_FILE"
SETTING_FILES = ("imfhist.toml", "pyproject.toml")
CONVENTIONAL = Path("data") / "timeline.yaml"

# How `imfhist where` says where the file came from (translated when shown).
FROM_OPTION = N_("the --file option")
FROM_ENVIRONMENT = N_("the IMFHIST_FILE environment variable")
FROM_SETTING = N_("the setting in {setting}")
FROM_CONVENTION = N_("the data/timeline.yaml found from the current folder")
FROM_PACKAGE = N_("the timeline shipped with imfhist (read only)")

# A settings file is a few lines: a larger one is not read.
MAX_SETTING_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Ignored:
    """A settings file that would have named the timeline, ignored because it is not trusted;
    `reason` says why, in the interface language."""

    setting: Path
    reason: str


@dataclass(frozen=True)
class Chosen:
    """A timeline file and why it was chosen: `how` is one of the FROM_ texts, `setting` the
    settings file that named it, if any, and `ignored` the settings files passed over."""

    path: Path
    how: str
    setting: Path | None = None
    ignored: tuple[Ignored, ...] = ()


class CannotChoose(Exception):
    """The timeline cannot be chosen: `message` says why and `hint` what to do, both in the
    interface language."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NoTimelineChosen(Exception):
    """No file was named and none was found: a writing command has nothing it may write.
    `ignored` lists the settings files that were passed over."""

    def __init__(self, ignored: tuple[Ignored, ...] = ()) -> None:
        super().__init__()
        self.ignored = ignored


class SettingError(CannotChoose):
    """A settings file names the timeline in a way that cannot be read."""

    def __init__(self, setting: Path, reason: str, where: str | None = None) -> None:
        super().__init__(_("{path}: {reason}").format(path=where or setting, reason=reason),
                         _("correct it, or name the timeline with --file"))
        self.setting = setting
        self.reason = reason


class NoCurrentFolder(CannotChoose):
    """The current folder is gone (deleted or moved away): nothing can be found from it."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            _("the current folder cannot be read ({reason}): it was deleted or moved, or "
              "its permissions changed").format(reason=reason),
            _("go to a folder that exists (cd), or name the timeline with --file"))


# This module lives in imfhist/common/: the package is its parent's parent.
_PACKAGE = Path(__file__).resolve().parents[1]


def package_folder() -> Path:
    return _PACKAGE


def shipped_timeline() -> Path:
    packaged = _PACKAGE / "data" / "timeline.yaml"
    if packaged.exists():
        return packaged
    # A checkout (or an editable install of one): the repository's own data/.
    return _PACKAGE.parents[1] / "data" / "timeline.yaml"


def schema_path() -> Path:
    return Path(__file__).parent / "schema" / "imfhist-1.schema.json"


def _file_stat(path: Path) -> os.stat_result | None:
    """The status of a regular file at `path` (a link followed), None for anything else."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # absent, unreachable, a name too long
        return None
    return status if stat.S_ISREG(status.st_mode) else None


def _group_is_owner_alone(gid: int, uid: int) -> bool:
    """Whether the group `gid` has exactly one member, the user `uid`: a user's private group,
    as Debian and Ubuntu give every user (their umask 002 makes files group-writable)."""
    try:
        import grp
        import pwd

        group = grp.getgrgid(gid)
        owner = pwd.getpwuid(uid).pw_name
        primary = {entry.pw_uid for entry in pwd.getpwall() if entry.pw_gid == gid}
    except (ImportError, KeyError, OSError):
        return False
    members = set(group.gr_mem)
    return primary <= {uid} and members <= {owner} and bool(primary or members)


def distrust(status: os.stat_result) -> str | None:
    """Why a settings file with this status may not be obeyed, None when it may: it must
    belong to the user who runs imfhist, or to root, and no one else may change it."""
    if not hasattr(os, "geteuid"):  # Windows: no owners to compare
        return None
    user = os.geteuid()
    if status.st_uid not in (user, 0):
        return _("it belongs to another user (uid {owner}), who decides what it says").format(
            owner=status.st_uid)
    if status.st_mode & stat.S_IWOTH:
        return _("every user may change it (it is writable by others)")
    if status.st_mode & stat.S_IWGRP and not _group_is_owner_alone(status.st_gid,
                                                                     status.st_uid):
        return _("other users may change it (it is writable by its group, gid {group})").format(
            group=status.st_gid)
    return None


def _read_settings(candidate: Path) -> tuple[dict[str, object], os.stat_result]:
    """The TOML table of `candidate` and the status of the file that was read (the one opened,
    not one a rename could have put there since). Raises OSError or ValueError."""
    import tomllib

    with candidate.open("rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise ValueError(_("it is not a regular file"))
        data = handle.read(MAX_SETTING_BYTES + 1)
    if len(data) > MAX_SETTING_BYTES:
        raise ValueError(_("it is larger than {size} MB: it is not a settings file").format(
            size=MAX_SETTING_BYTES // (1024 * 1024)))
    try:
        return tomllib.loads(data.decode("utf-8")), status
    except UnicodeDecodeError as error:
        raise ValueError(_("it is not UTF-8 (byte {offset})").format(
            offset=error.start + 1)) from None
    except RecursionError:
        raise ValueError(_("its tables or lists are nested too deep")) from None


def _timeline_setting(candidate: Path, value: object) -> Path:
    """The path a `timeline = …` setting names, relative to the folder of its file."""
    example = 'timeline = "data/timeline.yaml"'
    if not isinstance(value, str) or not value.strip():
        raise SettingError(candidate, _("timeline should be a path, as in {example}").format(
            example=example))
    if "\0" in value:
        raise SettingError(candidate, _("the timeline path holds a NUL character, which no "
                                        "file name may hold"))
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # ~name of no user, or ~ with no home
        user = value[1:].split("/", 1)[0].split(os.sep, 1)[0]
        raise SettingError(candidate, _("{path}: there is no user {user} whose home ~ could "
                                        "stand for").format(path=value[:60],
                                                            user=user[:60] or "~")) from None
    return candidate.parent / path


def _setting(folder: Path, ignored: list[Ignored]) -> Chosen | None:
    """The timeline named by a trusted settings file in `folder`, if one names it; a settings
    file that is not trusted is added to `ignored` and passed over."""
    for name in SETTING_FILES:
        candidate = folder / name
        if _file_stat(candidate) is None:
            continue
        ours = name == "imfhist.toml"
        try:
            settings, status = _read_settings(candidate)
        except (OSError, ValueError) as error:
            if not ours:
                continue  # someone else's file: not ours to judge
            status_now = _file_stat(candidate)
            reason = distrust(status_now) if status_now is not None else None
            if reason:  # a file no one here trusts cannot stop every command below it
                ignored.append(Ignored(candidate, reason))
                continue
            detail = getattr(error, "strerror", None) or str(error)
            # tomllib says "… (at line 2, column 1)": as every message, file:line:col first.
            import re

            at = re.search(r" \(at line (\d+), column (\d+)\)$", detail)
            where = f"{candidate}:{at[1]}:{at[2]}" if at else None
            raise SettingError(candidate, detail[:at.start()] if at else detail, where) from None
        if ours:
            table: object = settings
        else:
            tool = settings.get("tool", {})
            if not isinstance(tool, dict) or "imfhist" not in tool:
                continue  # no [tool.imfhist]: the file says nothing to imfhist
            table = tool["imfhist"]
        reason = distrust(status)
        if reason:
            if not isinstance(table, dict) or "timeline" in table:  # it would have counted
                ignored.append(Ignored(candidate, reason))
            continue
        if not isinstance(table, dict):
            raise SettingError(candidate, _("tool.imfhist should be a table, as in "
                                            "[tool.imfhist]"))
        if "timeline" not in table:
            continue
        return Chosen(_timeline_setting(candidate, table["timeline"]), FROM_SETTING, candidate)
    return None


def current_folder() -> Path:
    """The current folder; NoCurrentFolder when it was deleted or cannot be read."""
    try:
        return Path(os.getcwd())
    except OSError as error:
        raise NoCurrentFolder((error.strerror or str(error)).lower()) from None


def search(start: Path | None = None) -> tuple[Chosen | None, tuple[Ignored, ...]]:
    """Steps 3 and 4: the file the settings or the folders name, from `start` (the current
    folder) upwards, and the settings files ignored on the way."""
    here = (start or current_folder()).absolute()
    folders = [here, *here.parents]
    ignored: list[Ignored] = []
    for folder in folders:
        chosen = _setting(folder, ignored)
        if chosen:
            return replace(chosen, ignored=tuple(ignored)), tuple(ignored)
    for folder in folders:
        candidate = folder / CONVENTIONAL
        if _file_stat(candidate) is not None:
            return Chosen(_shown(candidate), FROM_CONVENTION, ignored=tuple(ignored)), \
                tuple(ignored)
    return None, tuple(ignored)


def find(option: Path | None, start: Path | None = None) -> Chosen | None:
    """The file a command should use, or None when nothing names one (steps 1 to 4)."""
    if option is not None:
        return Chosen(option, FROM_OPTION)
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return Chosen(Path(from_environment), FROM_ENVIRONMENT)
    return search(start)[0]


def _shown(path: Path) -> Path:
    """`path` relative to the current folder when it is inside it, as users type it."""
    try:
        return path.relative_to(os.getcwd())
    except (OSError, ValueError):
        return path


def _find_with_ignored(option: Path | None) -> tuple[Chosen | None, tuple[Ignored, ...]]:
    if option is not None or os.environ.get(ENVIRONMENT_VARIABLE):
        return find(option), ()
    return search()


def chosen_for_reading(option: Path | None) -> Chosen:
    """The file a reading command reads. Raises CannotChoose."""
    chosen, ignored = _find_with_ignored(option)
    return chosen or Chosen(shipped_timeline(), FROM_PACKAGE, ignored=ignored)


def timeline_path(option: Path | None) -> Path:
    """The file a reading command reads."""
    return chosen_for_reading(option).path


def inside_package(path: Path) -> bool:
    """Whether `path` lies inside the installed imfhist package (site-packages)."""
    folder = package_folder()
    try:
        # realpath, not resolve(): a symlink loop is for the reader to report, not a crash here.
        Path(os.path.realpath(path)).relative_to(folder)
    except ValueError:
        return False
    return True


def chosen_for_writing(option: Path | None) -> Chosen:
    """The file a writing command writes. Raises NoTimelineChosen when nothing names one, and
    CannotChoose."""
    chosen, ignored = _find_with_ignored(option)
    if chosen is None or inside_package(chosen.path):
        raise NoTimelineChosen(ignored)
    return chosen
