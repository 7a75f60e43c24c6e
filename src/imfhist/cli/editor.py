"""Editing one event's (or actor's, place's, source's) YAML in the user's editor, as `git commit`
does: `imfhist edit ID`.

The object is shown as a plain mapping (its list indentation taken away), opened in `$VISUAL`,
else `$EDITOR`, else the system's friendly editor (`sensible-editor`, `editor`, `nano`); what
comes back is put back at the same indentation, in place of the object's lines, and checked
with the whole file before anything is written. On an error the problems are shown and the
editor can be opened again on what was typed.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from imfhist.common.i18n import _
from imfhist.keeping.changes import Change, PlanRefused, newline_of
from imfhist.keeping.outline import Outline, Unsupported
from imfhist.keeping.plan_fields import locate
from imfhist.keeping.transaction import Planner
from imfhist.timeline.model import Timeline


class EditorFailed(Exception):
    """The editor could not be started, or ended with an error."""


class NoEditor(Exception):
    """No editor is named and there is no terminal to open `vi` in."""


class Abandoned(Exception):
    """The user chose not to open the editor again after an error."""


class Unreadable(Exception):
    """What the editor saved cannot be read back (not UTF-8, or the file is gone): `message` says
    what, and `text` is what to open the editor on again."""

    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.message = message
        self.text = text


def editor_command() -> list[str]:
    """The editor to run, as $VISUAL, else $EDITOR, else `vi`, split as a shell splits it."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError:
                raise EditorFailed(_(
                    "{variable} holds a command that cannot be read (a quote or a backslash is "
                    "left open): {value}").format(variable=variable, value=value)) from None
            if command:
                return command
    return friendly_editor()


# The editors opened when neither VISUAL nor EDITOR names one, in this order: Debian's choice of
# the system's editor, then its `editor` alternative, then nano. Never vi by default: a keeper
# who has never met it cannot even leave it.
FRIENDLY_EDITORS = ("sensible-editor", "editor", "nano")


def friendly_editor() -> list[str]:
    import shutil

    for name in FRIENDLY_EDITORS:
        found = shutil.which(name)
        if found:
            return [found]
    raise EditorFailed(_("no editor to open: VISUAL and EDITOR are not set, and none of "
                         "{editors} is installed").format(editors=", ".join(FRIENDLY_EDITORS)))


def dedented(outline: Outline, item: yaml.Node) -> tuple[str, tuple[int, int], str, str]:
    """(the event as a plain mapping with LF line ends, its span in the file, the text before its
    first key, the indentation of its other keys)."""
    start, end = outline.item_span(item)
    first = item.start_mark.index
    prefix = outline.text[start:first]
    indent = " " * item.start_mark.column
    lines = outline.text[first:end].splitlines()
    out = [lines[0]] if lines else []
    for number, line in enumerate(lines[1:], start=item.start_mark.line + 2):
        if not line.strip():
            out.append("")
        elif line.startswith(indent):
            out.append(line[len(indent):])
        else:
            raise Unsupported(_("a line inside the event written left of its keys"), number)
    return "\n".join(out) + "\n", (start, end), prefix, indent


def indented(text: str, prefix: str, indent: str, newline: str) -> str:
    lines = text.strip("\n").splitlines()
    out = [prefix + lines[0]] if lines else []
    out += [indent + line if line.strip() else "" for line in lines[1:]]
    return newline.join(out) + newline


def plan_replace(ident: str, original: str, edited: str) -> Planner:
    """Put the edited text in place of the event, if the event is still as it was shown."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        _kind, item = locate(outline, timeline, ident)
        now, (start, end), prefix, indent = dedented(outline, item)
        if now != original:
            raise PlanRefused(_("event '{id}' was changed by someone else while it was being "
                                "edited: nothing was written").format(id=ident),
                              _("run the command again"))
        if not edited.strip():
            raise PlanRefused(_("the event was emptied: nothing was written"),
                              _("to remove it, use `imfhist remove {id}`").format(id=ident))
        return [Change(start, end, indented(edited, prefix, indent, newline_of(outline.text)),
                       outline.owner(item))]

    return planner


# What YAML lets a file hold (YAML 1.1, as the reader checks it).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def check_snippet(text: str) -> str | None:
    """What is wrong with the edited text as YAML on its own, if anything."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        if "undefined alias" in str(error.problem):
            return None  # an alias of an anchor written above the event: the whole file says
        mark = error.problem_mark
        where = f"{mark.line + 1}:{mark.column + 1}: " if mark else ""
        return where + " ".join(str(error.problem or error).split())
    except yaml.reader.ReaderError:
        # A control character or NUL (libyaml counts its position in bytes: found again here).
        found = _NOT_YAML.search(text)
        if found is None:
            return _("a character that is not allowed in YAML")
        before = text[:found.start()]
        line = before.count("\n") + 1
        column = found.start() - (before.rfind("\n") + 1) + 1
        return f"{line}:{column}: " + _("character U+{code} is not allowed in YAML").format(
            code=f"{ord(found.group()):04X}")
    if not isinstance(node, yaml.MappingNode):
        return _("an event is a mapping of keys to values (id: …, title: …)")
    return None


def edit_session(original: str, problems: Callable[[str], list[str]],
                 show: Callable[[str], None], again: Callable[[], bool]) -> str | bool | None:
    """Open the event in the editor until what comes back is right: the edited text; None when
    nothing was changed; False when the user gave up after an error."""
    if not (os.environ.get("VISUAL") or os.environ.get("EDITOR")) and not sys.stdin.isatty():
        raise NoEditor
    text = original
    while True:
        try:
            text = run_editor(text)
        except Unreadable as unreadable:
            found = [unreadable.message]
            text = unreadable.text
        else:
            if text == original:
                return None
            problem = check_snippet(text)
            found = [_("the event is not valid YAML: {problem}").format(problem=problem)] \
                if problem else problems(text)
        if not found:
            return text
        for line in found:
            show(line)
        if not again():
            raise Abandoned


def run_editor(text: str) -> str:
    """Open `text` in the user's editor and return what it saved."""
    handle, name = tempfile.mkstemp(prefix="imfhist-event-", suffix=".yaml")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        command = [*editor_command(), str(path)]
        try:
            status = subprocess.call(command)
        except OSError as error:
            raise EditorFailed(_("cannot start the editor {editor}: {reason}").format(
                editor=command[0], reason=(error.strerror or str(error)).lower())) from None
        if status != 0:
            raise EditorFailed(_("the editor {editor} ended with status {status}").format(
                editor=command[0], status=status))
        return read_back(path, text)
    finally:
        path.unlink(missing_ok=True)


def read_back(path: Path, text: str) -> str:
    """What the editor saved at `path` (`text` was what it was given), or Unreadable saying why
    it cannot be read: the editor is then opened again on the nearest readable text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Unreadable(_("the editor left no file behind ({path} is gone): nothing was read "
                           "from it").format(path=path), text) from None
    except OSError as error:
        raise Unreadable(_("cannot read what the editor saved in {path}: {reason}").format(
            path=path, reason=(error.strerror or str(error)).lower()), text) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise Unreadable(_("the editor saved text that is not UTF-8 (byte 0x{byte} on line "
                           "{line}): save it as UTF-8").format(
                               byte=f"{data[error.start]:02X}", line=line),
                         data.decode("utf-8", errors="replace")) from None


def shown_event(ident: str, into: list[str]) -> Planner:
    """A planner that changes nothing and puts the event, as the editor shows it, in `into`."""

    def planner(outline: Outline, timeline: Timeline) -> list[Change]:
        _kind, item = locate(outline, timeline, ident)
        into.append(dedented(outline, item)[0])
        return []

    return planner
