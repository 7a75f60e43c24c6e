"""Shell completion that answers before Typer is imported: commands, options, and the values the
timeline holds (event ids, countries, places, actors, sources, tags, regions) and the choices of
each option (formats, languages).

Completion runs at every Tab, so it must cost less than importing the command-line library.
What the commands and options are comes from the Typer application itself, described once as
JSON and kept in the user's cache directory under a key made of imfhist's version, the
interface language and the size and time of every module that defines a command or an option:
changing a command makes a new description, never a stale one. If the cache cannot be written
(a read-only home), completion still works, only slower. A cache file is read as
`common.cache.recall` reads one (a regular file, bounded in size and nesting) and used only when
it has the shape completion writes: anything else is described or read again, never a traceback
nor a wait at the Tab key.

The shells' completion scripts are Typer's (see `imfhist --install-completion`): bash reads one
value a line, zsh evaluates the answer as code, fish reads lines of value and help. Nothing from
the timeline is ever evaluated: each shell has one escaping function below (bash_word,
zsh_answer, fish_answer). Other shells, and the completion script's installation, go through
Typer.
"""

from __future__ import annotations

import re
import shlex
import sys
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from imfhist import __version__
from imfhist.common import cache, i18n

PACKAGE = Path(__file__).resolve().parents[1]
# The modules whose content decides the commands and options (and their help texts).
_DEFINING = ("cli", "common/locale")
SELECTION_COMMANDS = {"filter", "export", "chart", "stats"}

Item = tuple[str, str]  # (value, help)


# -- the command tree ---------------------------------------------------------------------------


def _fingerprint() -> str:
    parts = [__version__, i18n.language(), sys.version.split()[0]]
    for name in _DEFINING:
        path = PACKAGE / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.suffix in (".py", ".mo"):
                stat = file.stat()
                parts.append(f"{file.relative_to(PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}")
    return _key(parts)


def _key(parts: list[str]) -> str:
    text = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def _cache_folder() -> Path:
    return cache.folder()


def _cache_file() -> Path:
    return _cache_folder() / f"completion-{_fingerprint()}.json"


_remember = cache.remember


def describe() -> dict[str, Any]:
    """The commands and options of the application, as plain data."""
    import typer.main

    from imfhist.cli import app

    group = typer.main.get_command(app)

    def options(params: Iterable[Any]) -> list[dict[str, Any]]:
        found = []
        for param in params:
            if getattr(param, "param_type_name", "") != "option" or param.hidden:
                continue
            choices = getattr(param.type, "choices", None)
            found.append({
                "names": [*param.opts, *param.secondary_opts],
                "value": not param.is_flag and param.nargs != 0,
                "choices": [str(getattr(c, "value", c)) for c in choices] if choices else None,
                "help": " ".join((param.help or "").split()),
            })
        return found

    def commands(group: Any) -> dict[str, Any]:
        found = {}
        for name, command in group.commands.items():
            arguments = [p.name for p in command.params
                         if getattr(p, "param_type_name", "") == "argument"]
            found[name] = {"help": " ".join((command.help or "").split("\n\n")[0].split()),
                           "options": options(command.params), "arguments": arguments}
            if hasattr(command, "commands"):  # a group such as `source`: add, check
                found[name]["commands"] = commands(command)
        return found

    return {"options": options(group.params), "commands": commands(group)}


def _is_tree(found: Any) -> bool:
    """Whether what the cache held has the shape `describe` gives (else it is described again:
    a cache file is never trusted further than a miss)."""
    def options(value: Any) -> bool:
        return isinstance(value, list) and all(
            isinstance(o, dict) and isinstance(o.get("names"), list)
            and all(isinstance(n, str) for n in o["names"]) and isinstance(o.get("help"), str)
            and isinstance(o.get("value"), bool)
            and (o.get("choices") is None or (isinstance(o["choices"], list)
                 and all(isinstance(c, str) for c in o["choices"])))
            for o in value)

    def commands(value: Any) -> bool:
        return isinstance(value, dict) and all(
            isinstance(c, dict) and isinstance(c.get("help"), str) and options(c.get("options"))
            and isinstance(c.get("arguments"), list)
            and all(isinstance(a, str) for a in c["arguments"])
            and ("commands" not in c or commands(c["commands"]))
            for c in value.values())

    return isinstance(found, dict) and options(found.get("options")) and \
        commands(found.get("commands"))


def _is_values(found: Any) -> bool:
    return isinstance(found, dict) and all(
        isinstance(items, list) and all(
            isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
            and isinstance(item[1], str) for item in items)
        for items in found.values())


def tree() -> dict[str, Any]:
    where = _cache_file()
    found = cache.recall(where)
    if _is_tree(found):
        return found  # type: ignore[no-any-return]
    described = describe()
    _remember(where, described, "completion-*.json")
    return described


# -- what the words typed so far ask for --------------------------------------------------------


def _option(options: list[dict[str, Any]], word: str) -> dict[str, Any] | None:
    return next((o for o in options if word in o["names"]), None)


def candidates(args: list[str], incomplete: str, described: Mapping[str, Any]) -> list[Item] | None:
    """What may come next after `args`, starting with `incomplete`; None for "a file name",
    which the shell completes itself."""
    commands = described["commands"]
    command: str | None = None
    expecting: dict[str, Any] | None = None
    file_option: str | None = None
    positionals = 0
    only_positionals = False
    for word in args:
        options = commands[command]["options"] if command else described["options"]
        if expecting is not None:
            if "--file" in expecting["names"]:
                file_option = word
            expecting = None
            continue
        if word == "--":
            only_positionals = True
            continue
        if word.startswith("-") and not only_positionals:
            name, _, value = word.partition("=")
            option = _option(options, name) or _option(described["options"], name)
            if option is not None and option["value"]:
                if value:
                    if "--file" in option["names"]:
                        file_option = value
                else:
                    expecting = option
            continue
        if command is None and word in commands:
            command = word
            continue
        if command is not None and word in commands[command].get("commands", {}) and \
                not positionals and "." not in command:
            # A group's subcommand (`source add`): its options from now on.
            commands = {**commands, f"{command}.{word}": commands[command]["commands"][word]}
            command = f"{command}.{word}"
            continue
        positionals += 1
    timeline = _Timeline(file_option)
    if expecting is not None:
        return _values(expecting, command, incomplete, timeline)
    if incomplete.startswith("--") and "=" in incomplete:
        name, _, value = incomplete.partition("=")
        options = commands[command]["options"] if command else described["options"]
        option = _option(options, name) or _option(described["options"], name)
        if option is None or not option["value"]:
            return []
        values = _values(option, command, value, timeline)
        return None if values is None else [(f"{name}={v}", h) for v, h in values]
    if incomplete.startswith("-") and not only_positionals:
        options = commands[command]["options"] if command else described["options"]
        items = [(name, option["help"]) for option in options for name in option["names"]
                 if name.startswith("--") or incomplete == "-" or len(incomplete) > 1]
        return [item for item in items if item[0].startswith(incomplete)]
    if command is None:
        return [(name, spec["help"]) for name, spec in commands.items()
                if name.startswith(incomplete)]
    if commands[command].get("commands") and positionals == 0:
        return [(name, spec["help"]) for name, spec in commands[command]["commands"].items()
                if name.startswith(incomplete)]
    arguments = commands[command]["arguments"]
    if positionals < len(arguments) and positionals == 0:
        if arguments[0] == "event_id":  # show, edit
            return _matching(timeline.ids(), incomplete)
        if arguments[0] in ("ident", "old"):  # remove, rename: an event, actor, place or source
            return _matching(timeline.ids() + timeline.actors() + timeline.places()
                             + timeline.sources(), incomplete)
    return None


def _values(option: Mapping[str, Any], command: str | None, incomplete: str,
            timeline: _Timeline) -> list[Item] | None:
    names = option["names"]
    if option["choices"]:
        return _matching([(c, "") for c in option["choices"]], incomplete)
    if "--lang" in names:
        return _matching([(code, "") for code in i18n.LANGUAGES], incomplete)
    if "--file" in names or "--output" in names:
        return None
    # --country, and edit's --add-country and --remove-country alike: the last word says what.
    kinds = {name.rsplit("-", 1)[-1] for name in names if name.startswith("--")}
    if "country" in kinds:
        return _matching(timeline.countries(every=command not in SELECTION_COMMANDS), incomplete)
    for kind, method in (("place", "places"), ("actor", "actors"), ("tag", "tags"),
                         ("region", "regions"), ("source", "sources")):
        if kind in kinds:
            return _matching(getattr(timeline, method)(), incomplete)
    return []


def _matching(items: Iterable[Item], incomplete: str) -> list[Item]:
    """Items that start with what was typed, ignoring case and accents; failing that, those
    that contain it (`far` completes to `projet-far-annaba`)."""
    from imfhist.common.textnorm import fold

    typed = fold(incomplete)
    items = list(dict.fromkeys(items))
    keys = [fold(value) for value, _ in items]
    found = [item for item, key in zip(items, keys, strict=True) if key.startswith(typed)]
    if not found and typed:
        found = [item for item, key in zip(items, keys, strict=True) if typed in key]
    return found


class _Timeline:
    """The values of the timeline the command line names (--file, else $IMFHIST_FILE, else the
    shipped one), read when first asked for and kept in the cache while the file stays the same
    (same size and time); nothing when it cannot be read."""

    def __init__(self, option: str | None) -> None:
        self._option = option
        self._values: dict[str, list[Item]] | None = None

    def _get(self, kind: str) -> list[Item]:
        if self._values is None:
            self._values = self._load()
        return [tuple(item) for item in self._values.get(kind, [])]  # type: ignore[misc]

    def _load(self) -> dict[str, list[Item]]:
        from imfhist.common.paths import CannotChoose, timeline_path

        try:
            path = timeline_path(Path(self._option) if self._option else None)
            stat = path.stat()
        except (CannotChoose, OSError, ValueError):  # a setting or a folder that is wrong
            return {}
        key = _key([__version__, i18n.language(), str(path.resolve()), str(stat.st_size),
                    str(stat.st_mtime_ns)])
        where = _cache_folder() / f"values-{key}.json"
        found = cache.recall(where)
        if _is_values(found):
            return found  # type: ignore[no-any-return]
        try:
            values = timeline_values(path)
        except Exception:  # completion never fails: no values, at worst
            return {}
        # One file per timeline would grow without end: keep the values of one timeline.
        _remember(where, values, "values-*.json")
        return values

    def ids(self) -> list[Item]:
        return self._get("ids")

    def places(self) -> list[Item]:
        return self._get("places")

    def actors(self) -> list[Item]:
        return self._get("actors")

    def sources(self) -> list[Item]:
        return self._get("sources")

    def tags(self) -> list[Item]:
        return self._get("tags")

    def regions(self) -> list[Item]:
        return self._get("regions")

    def countries(self, every: bool) -> list[Item]:
        if not every:
            return self._get("countries")
        from imfhist.timeline.places import countries

        index = countries()
        return country_items(index, sorted(index.by_code))


def country_items(index: Any, codes: list[str]) -> list[Item]:
    """Country names in the interface language, then their ISO codes."""
    lang = i18n.language()
    names = sorted(((index.name(c, lang), c) for c in codes), key=lambda item: item[0])
    return names + [(code, index.name(code, lang)) for code in codes]


def timeline_values(path: Path) -> dict[str, list[Item]]:
    """What completion offers from one timeline file."""
    from imfhist.timeline.loader import load
    from imfhist.timeline.places import countries
    from imfhist.timeline.query import event_countries

    timeline = load(path).timeline
    if timeline is None:
        return {}
    index = countries()
    codes = sorted({c for e in timeline.events for c in event_countries(e, timeline)
                    if c in index.by_code})
    return {
        "ids": [(e.id.value, e.title) for e in timeline.events],
        "places": [(p.id.value, p.name) for p in timeline.places],
        "actors": [(a.id.value, a.name) for a in timeline.actors],
        "sources": [(s.id.value, s.title or "") for s in timeline.sources],
        "tags": sorted({(t.value, "") for e in timeline.events for t in e.tags}),
        "regions": sorted({(r.value, "") for e in timeline.events for r in e.regions}),
        "countries": country_items(index, codes),
    }


# -- the shells ---------------------------------------------------------------------------------


def _split(line: str) -> list[str]:
    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words = []
    try:
        for token in lexer:
            words.append(token)
    except ValueError:  # an unclosed quote: what was read so far, and the rest as one word
        words.append(lexer.token)
    return words


# What each shell does with the answer, and so what each escaping guards against:
#
# - bash runs `COMPREPLY=( $(imfhist) )` with IFS set to a line end: each line is split off and
#   then goes through pathname expansion, and what is chosen is put on the command line as it
#   is, to be read by bash when the line is run. A value is written as it must be typed:
#   backslashes before its special characters, or, when it holds a line end, another control
#   character or a character of a pattern (`*`, `?`, `[`), as `$'…'` with those characters as
#   `\xHH` escapes, which no expansion touches.
# - zsh runs `eval $(imfhist)`: the answer is code, split on blanks and joined again. Every
#   value is written as one `$'…'` word that holds no blank and nothing that expands, and goes
#   into an array that `_describe` offers; nothing from the data is ever evaluated (Typer's own
#   `_arguments '*: :((…))'` evaluates the list, which a value such as `x\$(touch P)` exploits).
# - fish reads lines of `value<TAB>help`, never evaluated; it quotes what it inserts. A value
#   with a line end or a tab cannot be written on one line: it is left out.

_PLAIN = re.compile(r"[\w@%+=:,./-]")
_PLAIN_ASCII = re.compile(r"[A-Za-z0-9_@%+=,./-]")
_PATTERN_OR_CONTROL = re.compile(r"[*?\[\x00-\x1f\x7f]")


def _hex(character: str) -> str:
    return f"\\x{ord(character):02x}"


def bash_word(value: str) -> str:
    """`value` as it must be typed in bash, safe from the expansions of bash's completion."""
    if not value:
        return "''"
    if _PATTERN_OR_CONTROL.search(value):
        return "$'" + "".join(c if _PLAIN.match(c) else _hex(c) if c.isascii() else c
                              for c in value) + "'"
    return "".join(c if _PLAIN.match(c) else "\\" + c for c in value)


def _zsh_quoted(text: str) -> str:
    """`text` as one zsh word `$'…'`: ASCII letters, digits and a few signs as they are, other
    ASCII characters (blanks, quotes, `$`, backquotes, backslashes, controls) as `\\xHH`,
    other characters as they are (their UTF-8 bytes are none of zsh's)."""
    return "$'" + "".join(c if _PLAIN_ASCII.match(c) or not c.isascii() else _hex(c)
                          for c in text) + "'"


def zsh_answer(items: list[Item]) -> str:
    """The code zsh's completion function evaluates to offer `items`: the values in an array,
    offered by `_describe`, which takes `value:help` and a colon in a value as `\\:`."""
    from imfhist.common.safety import clean_line

    words = []
    for value, help in items:
        entry = value.replace("\\", "\\\\").replace(":", "\\:")
        shown = " ".join(clean_line(help).split())
        words.append(_zsh_quoted(f"{entry}:{shown}" if shown else entry))
    return ("local -a _imfhist_values; set -A _imfhist_values " + " ".join(words)
            + "; _describe -t values value _imfhist_values")


def fish_answer(items: list[Item]) -> str:
    """The lines fish reads: `value<TAB>help`, values that a line cannot hold left out."""
    from imfhist.common.safety import clean_line

    return "\n".join(f"{v}\t{' '.join(clean_line(h).split())}" if h.strip() else v
                     for v, h in items if "\n" not in v and "\t" not in v and "\r" not in v)


def _bash_request(environ: Mapping[str, str]) -> tuple[list[str], str] | None:
    """The words before the one completed, and that one, from bash's COMP_WORDS and
    COMP_CWORD; None when they do not make sense (nothing is offered then)."""
    words = _split(environ.get("COMP_WORDS", ""))
    try:
        cword = int(environ.get("COMP_CWORD", "") or 0)
    except ValueError:
        return None
    if not 1 <= cword <= len(words):
        return None
    return words[1:cword], words[cword] if cword < len(words) else ""


def complete(environ: Mapping[str, str], out: Any = None) -> bool:
    """Answer a completion request from a shell; False to leave it to Typer. A request that
    makes no sense gets no answer, never an error: the shell shows nothing."""
    out = out or sys.stdout
    shell = environ.get("_IMFHIST_COMPLETE", "")
    if shell == "complete_bash":
        request = _bash_request(environ)
        if request is None:
            return True
        args, incomplete = request
    elif shell in ("complete_zsh", "complete_fish"):
        line = environ.get("_TYPER_COMPLETE_ARGS", "")
        words = _split(line)[1:]
        if words and not line.endswith(" "):
            args, incomplete = words[:-1], words[-1]
        else:
            args, incomplete = words, ""
    else:
        return False
    for number, word in enumerate(args[:-1]):
        if word == "--lang" and i18n.supported(args[number + 1]):
            i18n.use(i18n.choose(args[number + 1]))  # names and help in the language asked for
    items = candidates(args, incomplete, tree())
    if shell == "complete_bash":
        out.write("\n".join(bash_word(value) for value, _ in items or []))
    elif shell == "complete_zsh":
        out.write(zsh_answer(items) if items else "_files")
    else:
        if environ.get("_TYPER_COMPLETE_FISH_ACTION", "") == "is-args":
            raise SystemExit(0 if items else 1)
        out.write(fish_answer(items or []))
    out.flush()
    return True
