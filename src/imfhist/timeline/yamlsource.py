"""Bytes to YAML nodes with positions, and every way that can go wrong turned into a Problem.

The nodes are composed, never constructed: no tag is ever run, `NO` stays the text `NO` with the
tag the YAML 1.1 resolver gave it (so the loader can say it would be read as a boolean), and an
alias is a shared node rather than an expanded copy, so an alias bomb costs nothing.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from imfhist.common.i18n import N_, _
from imfhist.common.inputs import (
    MAX_FILE_MB_VARIABLE,
    BadLimit,
    NotRegularFile,
    limit_text,
    max_file_bytes,
    read_regular,
)
from imfhist.common.problems import Problem, Severity, TimelineUnreadable
from imfhist.timeline.model import Loc
from imfhist.timeline.yamlwords import translated as yaml_words

# libyaml refuses to nest deeper than this; the pure-Python reader is held to the same limit so
# that a machine without libyaml gives the same answers.
MAX_DEPTH = 1000


class _PureLoader(yaml.SafeLoader):
    """PyYAML's pure-Python loader, refusing the nesting that libyaml refuses, at the same place."""

    def fetch_flow_collection_start(self, TokenClass: type) -> None:
        if self.flow_level >= MAX_DEPTH - 1:
            raise yaml.scanner.ScannerError("while increasing flow level", None,
                                            "exceeded maximum nesting depth", self.get_mark())
        super().fetch_flow_collection_start(TokenClass)  # type: ignore[misc]

    def scan_to_next_token(self) -> None:
        """As PyYAML's, but skipping tabs where libyaml does (inside brackets, and after a
        key's colon or a list's dash: `title:<TAB>A`), so that both readers accept the same
        files; a tab that indents is still refused."""
        if self.index == 0 and self.peek() == "\uFEFF":
            self.forward()
        found = False
        while not found:
            while self.peek() == " " or (self.peek() == "\t" and (
                    self.flow_level or not self.allow_simple_key)):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
            if self.scan_line_break():
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                found = True

    def add_indent(self, column: int) -> bool:
        if len(self.indents) >= MAX_DEPTH - 1 and self.indent < column:
            raise yaml.scanner.ScannerError("while increasing block level", None,
                                            "exceeded maximum nesting depth", self.get_mark())
        return super().add_indent(column)  # type: ignore[misc,no-any-return]


# libyaml's composer is several times faster; IMFHIST_YAML_LOADER=pure picks the pure-Python one.
_C_LOADER = getattr(yaml, "CSafeLoader", None)

if _C_LOADER is not None:
    # libyaml calls back into Python to resolve the tag of every node, and PyYAML's resolver
    # spends most of that time on path resolvers, which no safe loader has: the same tags,
    # from the same implicit resolvers, in about a fifth less time for the whole compose.
    _RESOLVERS = _C_LOADER.yaml_implicit_resolvers
    _ANY_START = tuple(_RESOLVERS.get(None, []))  # type: ignore[arg-type]
    _BY_START = {start: (*resolvers, *_ANY_START) for start, resolvers in _RESOLVERS.items()
                 if start is not None}
    _FOR_EMPTY = _BY_START.get("", _ANY_START)


    # The tags of short plain scalars already resolved: the keys (`id`, `title`, `date`) and
    # the common values of a timeline recur in every event.
    _RESOLVED: dict[str, str] = {}
    _MAX_RESOLVED = 4096
    _RESOLVED_LENGTH = 24

    class _FastCLoader(_C_LOADER):  # type: ignore[misc,valid-type]
        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    resolved = _RESOLVED.get(value)
                    if resolved is not None:
                        return resolved
                    resolved = self.DEFAULT_SCALAR_TAG
                    for tag, pattern in (_BY_START.get(value[0], _ANY_START) if value
                                         else _FOR_EMPTY):
                        if pattern.match(value):
                            resolved = tag
                            break
                    if len(value) <= _RESOLVED_LENGTH and len(_RESOLVED) < _MAX_RESOLVED:
                        _RESOLVED[value] = resolved
                    return resolved  # type: ignore[no-any-return]
                return self.DEFAULT_SCALAR_TAG  # type: ignore[no-any-return]
            if kind is yaml.SequenceNode:
                return self.DEFAULT_SEQUENCE_TAG  # type: ignore[no-any-return]
            return self.DEFAULT_MAPPING_TAG  # type: ignore[no-any-return]

        # Called by libyaml's composer around every node, and answered by functions made in C
        # (no safe loader has path resolvers; what they return is not used): a Python function
        # called twice per node cost a twentieth of composing.
        descend_resolver = {}.get  # (parent, index): nothing to do
        ascend_resolver = int  # (): nothing to do

    _C_LOADER = _FastCLoader


def yaml_loader() -> type:
    if os.environ.get("IMFHIST_YAML_LOADER") == "pure" or _C_LOADER is None:
        return _PureLoader
    return _C_LOADER


@dataclass(frozen=True)
class Document:
    """A composed document: its root node (None when the file holds no YAML) and its problems."""

    path: str
    root: yaml.Node | None
    problems: tuple[Problem, ...]


# A timeline of 10,000 events is about 3.5 MB and takes about 170 MB to check; a larger file is a
# mistake, or needs more memory than a quick check should take. IMFHIST_MAX_FILE_MB raises the
# limit (imfhist.common.inputs).


def read_source(path: Path, shown_as: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes (UTF-8 checked, without a byte-order mark), or the problems that stop
    them from being text. Raises TimelineUnreadable when there is no file to read at all, or one
    too large to read. Bytes rather than text: libyaml reads them as they are, where a str would
    be copied into UTF-8 again, and a large file would be held three times over."""
    try:
        limit = max_file_bytes()
    except BadLimit as error:
        raise _unreadable(shown_as, str(error), _("set it to a number of MB, such as 100, or "
                                                  "unset it for the default of 12")) from None
    try:
        # Only a regular file is read, and at most one byte past the limit.
        data = read_regular(path, limit)
    except FileNotFoundError:
        raise _unreadable(shown_as, _("no such file"), _("check the path, or set --file")) from None
    except IsADirectoryError:
        raise _unreadable(shown_as, _("is a directory, not a timeline file"),
                          _("name the YAML file inside it")) from None
    except PermissionError:
        raise _unreadable(shown_as, _("permission denied"), _("make the file readable")) from None
    except NotRegularFile as error:
        raise _unreadable(shown_as, str(error),
                          _("save the timeline to a file and name that file")) from None
    except OSError as error:
        raise _unreadable(shown_as, _("cannot be read: {reason}").format(
            reason=error.strerror or error), _("check the path")) from None
    if len(data) > limit:
        raise _unreadable(
            shown_as,
            _("the file is larger than {size} MB, the most imfhist reads by default").format(
                size=limit_text(limit)),
            _("set {variable} to a larger number of MB to read it").format(
                variable=MAX_FILE_MB_VARIABLE))
    text, problems = decode(data, shown_as)
    if text is None:
        return None, problems
    del text  # decoded only to check it
    return (data[3:] if data.startswith(b"\xef\xbb\xbf") else data), []


def _unreadable(shown_as: str, message: str, hint: str) -> TimelineUnreadable:
    return TimelineUnreadable(Problem(Loc(shown_as), Severity.ERROR, "file", message, hint))


def decode(data: bytes, shown_as: str) -> tuple[str | None, list[Problem]]:
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                      (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if data.startswith(bom):
            return None, [Problem(Loc(shown_as, 1, 1), Severity.ERROR, "encoding",
                                  _("the file is {encoding}, not UTF-8").format(encoding=name),
                                  _("save it again as UTF-8 (in the editor's encoding menu)"))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        before = data[:offset]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        byte = data[error.start:error.start + 1].hex()
        return None, [Problem(Loc(shown_as, line, column), Severity.ERROR, "encoding",
                              _("byte 0x{byte} is not UTF-8 text").format(byte=byte),
                              _("save the file as UTF-8 (it may be Latin-1 or Windows-1252)"))]
    return text, []


def compose(source: str | bytes, shown_as: str) -> Document:
    """Compose `source` (text, or UTF-8 bytes) into nodes; a syntax error becomes a Problem with
    its line and column (libyaml counts them in characters either way)."""
    loader = yaml_loader()
    if loader is _PureLoader and isinstance(source, bytes):
        source = source.decode("utf-8")
    # The pure-Python composer recurses once per level; MAX_DEPTH levels need more room than
    # Python's default, and Python 3.11 runs such recursion without growing the C stack.
    limit = sys.getrecursionlimit()
    if loader is _PureLoader:
        sys.setrecursionlimit(max(limit, 8 * MAX_DEPTH + 1000))
    try:
        root = yaml.compose(source, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
        # The two readers word a few errors differently; keep libyaml's words for both.
        problem = re.sub(r"found character '.*?' that", "found character that", problem)
        message = yaml_words(problem)
        if error.context and error.problem:
            message = _("{context}: {problem}").format(
                context=yaml_words(" ".join(error.context.split())), problem=message)
        rule = ("encoding" if "invalid Unicode character escape" in problem
                else "yaml-depth" if "maximum nesting depth" in problem else "yaml-syntax")
        if rule == "encoding":
            message = _(SURROGATE_MESSAGE)
        context = error.context_mark
        if context and mark and context.line != mark.line:
            message += " " + _("(it starts on line {line})").format(line=context.line + 1)
        at_fault = _character_at(_text(source), line, column)
        return Document(shown_as, None, (Problem(
            Loc(shown_as, line, column), Severity.ERROR, rule, message,
            _(SURROGATE_HINT) if rule == "encoding" else _syntax_hint(problem, at_fault)),))
    except yaml.reader.ReaderError as error:
        line, column = _position(_text(source), error.position)
        return Document(shown_as, None, (Problem(
            Loc(shown_as, line, column), Severity.ERROR, "encoding",
            _("character U+{code} is not allowed in YAML").format(code=f"{error.character:04X}")
            if isinstance(error.character, int)
            else _("a character that is not allowed in YAML"),
            _("remove it, or write it as an escape in a double-quoted string")),))
    except RecursionError:
        return Document(shown_as, None, (Problem(
            Loc(shown_as, 1, 1), Severity.ERROR, "yaml-depth",
            _("the YAML is nested too deeply to read"),
            _("a timeline needs only a few levels; look for runaway brackets")),))
    finally:
        sys.setrecursionlimit(limit)
    if loader is _PureLoader and root is not None:
        text = _text(source)
        escape = _surrogate_escape(text, root)
        if escape is not None:
            # libyaml refuses "\ud800" where the pure reader lets it through: refuse it too,
            # at the place libyaml names (just after the "\u").
            line, column = _position(text, escape + 2)
            return Document(shown_as, None, (Problem(
                Loc(shown_as, line, column), Severity.ERROR, "encoding", _(SURROGATE_MESSAGE),
                _(SURROGATE_HINT)),))
    return Document(shown_as, root, ())


SURROGATE_MESSAGE = N_("an escape such as \\ud800 stands for half a character")
SURROGATE_HINT = N_("write the character itself, or remove the escape")
_SURROGATE_ESCAPE = re.compile(
    r"\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")


def _text(source: str | bytes) -> str:
    return source if isinstance(source, str) else source.decode("utf-8")


def _surrogate_escape(text: str, root: yaml.Node) -> int | None:
    """The offset of the first surrogate escape in a double-quoted scalar, if any."""
    stack = [root]
    seen: set[int] = set()
    found: list[int] = []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style == '"' and any("\ud800" <= c <= "\udfff" for c in node.value):
                source = text[node.start_mark.index:node.end_mark.index]
                match = _SURROGATE_ESCAPE.search(source)
                if match:
                    found.append(node.start_mark.index + match.start())
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
    return min(found) if found else None


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    if len(lines) < line:
        return ""
    current = lines[line - 1]
    return current[column - 1] if 0 < column <= len(current) else ""


def _syntax_hint(message: str, at_fault: str) -> str | None:
    if at_fault == "\t" or "tab" in message:
        return _("indent with spaces; YAML does not allow tabs for indentation")
    if "mapping values are not allowed" in message:
        return _("a value that contains ': ' must be put in quotes")
    if "but found another document" in message:
        return _("a timeline is one YAML document; remove the extra '---'")
    if "found undefined alias" in message:
        return _("every *alias needs an &anchor above it")
    if "end of stream" in message:
        return _("close the quote or bracket")
    if "maximum nesting depth" in message:
        return _("a timeline needs only a few levels; look for runaway brackets")
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def node_loc(path: str, node: yaml.Node) -> Loc:
    start, end = node.start_mark, node.end_mark
    # `tuple.__new__` rather than Loc's own `__new__`, a Python function: a Loc is made for each
    # value of the file.
    return _new_tuple(Loc, (path, start.line + 1, start.column + 1, end.line + 1,
                            end.column + 1))


_new_tuple = tuple.__new__
