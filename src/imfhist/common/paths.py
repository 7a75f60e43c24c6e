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
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from imfhist.common.i18n import N_

ENVIRONMENT_VARIABLE = "IMFHIST_FILE"
SETTING_FILES = ("imfhist.toml", "pyproject.toml")
CONVENTIONAL = Path("data") / "timeline.yaml"

# How `imfhist where` says where the file came from (translated when shown).
FROM_OPTION = N_("the --file option")
FROM_ENVIRONMENT = N_("the IMFHIST_FILE environment variable")
FROM_SETTING = N_("the setting in {setting}")
FROM_CONVENTION = N_("the data/timeline.yaml found from the current folder")
FROM_PACKAGE = N_("the timeline shipped with imfhist (read only)")


@dataclass(frozen=True)
class Chosen:
    """A timeline file and why it was chosen: `how` is one of the FROM_ texts, `setting` the
    settings file that named it, if any."""

    path: Path
    how: str
    setting: Path | None = None


class NoTimelineChosen(Exception):
    """No file was named and none was found: a writing command has nothing it may write."""


class SettingError(Exception):
    """A settings file names the timeline in a way that cannot be read."""

    def __init__(self, setting: Path, reason: str) -> None:
        super().__init__(f"{setting}: {reason}")
        self.setting = setting
        self.reason = reason


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


def _setting(folder: Path) -> Chosen | None:
    """The timeline named by a settings file in `folder`, if one names it."""
    for name in SETTING_FILES:
        candidate = folder / name
        if not candidate.is_file():
            continue
        import tomllib

        try:
            with candidate.open("rb") as handle:
                settings = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as error:
            if name == "pyproject.toml":
                continue  # someone else's file: not ours to judge
            raise SettingError(candidate, str(error)) from None
        table = settings.get("tool", {}).get("imfhist", {}) if name == "pyproject.toml" else \
            settings
        if not isinstance(table, dict) or "timeline" not in table:
            continue
        value = table["timeline"]
        if not isinstance(value, str) or not value.strip():
            raise SettingError(candidate, 'timeline should be a path, as in timeline = '
                                          '"data/timeline.yaml"')
        return Chosen(folder / Path(value).expanduser(), FROM_SETTING, candidate)
    return None


def find(option: Path | None, start: Path | None = None) -> Chosen | None:
    """The file a command should use, or None when nothing names one (steps 1 to 4)."""
    if option is not None:
        return Chosen(option, FROM_OPTION)
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return Chosen(Path(from_environment), FROM_ENVIRONMENT)
    here = (start or Path.cwd()).absolute()
    folders = [here, *here.parents]
    for folder in folders:
        chosen = _setting(folder)
        if chosen:
            return chosen
    for folder in folders:
        candidate = folder / CONVENTIONAL
        if candidate.is_file():
            return Chosen(_shown(candidate), FROM_CONVENTION)
    return None


def _shown(path: Path) -> Path:
    """`path` relative to the current folder when it is inside it, as users type it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def chosen_for_reading(option: Path | None) -> Chosen:
    return find(option) or Chosen(shipped_timeline(), FROM_PACKAGE)


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
    """The file a writing command writes. Raises NoTimelineChosen when nothing names one."""
    chosen = find(option)
    if chosen is None or inside_package(chosen.path):
        raise NoTimelineChosen
    return chosen
