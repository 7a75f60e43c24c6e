"""The command-line library's own words (Typer's vendored Click) in the interface language.

Every form of `imfhist.cli.usage_words.FORMS` has an example made by the installed library
itself: when a new Typer words a message otherwise, its example no longer matches the table
and the test names it. Each example is translated in French and comes back unchanged in
English; a text no form knows stays as it is. Then the commands a French keeper mistypes
(in a real process) answer in French, with the usage line, the hint and exit code 2.
"""

from __future__ import annotations

import ast
import enum
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer._click import types as click_types
from typer._click.exceptions import BadParameter, MissingParameter, UsageError
from typer._click.parser import _Argument, _ParsingState
from typer.main import get_command

from imfhist.cli.usage_words import FORMS, form_of, translated
from imfhist.common import i18n


class Fmt(enum.StrEnum):
    table = "table"
    json = "json"


probe = typer.Typer()


@probe.command()
def cmd(ident: str, title: Annotated[str, typer.Option()],
        fmt: Annotated[Fmt, typer.Option("--format")] = Fmt.table,
        count: int = 0, ratio: float = 0.0,
        level: Annotated[int, typer.Option(min=0, max=3)] = 0,
        when: datetime | None = None, pair: tuple[int, int] = (0, 0)) -> None:
    """A command with one parameter of each kind the library checks."""


@probe.command()
def pick(kind: Annotated[Fmt, typer.Option()]) -> None:
    """A required choice."""


PROBE = get_command(probe)


def parsed(*args: str) -> str:
    """The message the installed library gives for `args` typed to the probe."""
    try:
        PROBE.main(list(args), prog_name="p", standalone_mode=False)
    except UsageError as error:
        return error.format_message()
    raise AssertionError(f"{args} was accepted")


def raised(action: Callable[[], object]) -> str:
    """The words of the error `action` raises, without what the caller adds around them."""
    try:
        action()
    except UsageError as error:
        return error.message
    raise AssertionError("no error")


def _argument_takes_values() -> None:
    _Argument(None, dest="pair", nargs=2).process(("1", None), _ParsingState([]))  # type: ignore[arg-type]


def _cast(option_args: dict[str, object], value: object) -> None:
    option = typer.core.TyperOption(param_decls=["--pair"], **option_args)  # type: ignore[arg-type]
    option.type_cast_value(None, value)  # type: ignore[arg-type]


TITLE = ("x", "--title", "t")
EXAMPLES: dict[str, Callable[[], str]] = {
    "{message}. Did you mean {suggestions}?": lambda: parsed("cmdd"),
    "Invalid value for {hint}: {message}": lambda: parsed("cmd", *TITLE, "--count", "n"),
    "Invalid value: {message}": lambda: BadParameter("no good").format_message(),
    "Missing argument {hint}. {message}": lambda: MissingParameter(
        param_hint="'KIND'", param_type="argument", message="Choose from:\n\ta").format_message(),
    "Missing argument {hint}.": lambda: parsed("cmd"),
    "Missing option {hint}. {message}": lambda: parsed("pick"),
    "Missing option {hint}.": lambda: parsed("cmd", "x"),
    "Missing parameter {hint}.": lambda: MissingParameter(
        param_hint="'x'", param_type="parameter").format_message(),
    "No such option: {option} (Possible options: {possibilities})":
        lambda: parsed("cmd", "x", "--titel"),
    "No such option: {option}": lambda: parsed("cmd", "x", "--nope"),
    "Got unexpected extra argument(s) ({arguments})": lambda: parsed("cmd", *TITLE, "y"),
    "Takes {count} values but {given} given.":
        lambda: raised(lambda: _cast({"nargs": 2}, ("1",))),
    "Value must be an iterable.": lambda: raised(lambda: _cast({"nargs": 2}, "12")),
    "Option {option} requires an argument.": lambda: parsed("cmd", "x", "--title"),
    "Option {option} requires {count} arguments.": lambda: parsed("cmd", *TITLE, "--pair", "1"),
    "Option {option} does not take a value.": lambda: parsed("cmd", "x", "--help=3"),
    "Argument {argument} takes {count} values.": lambda: raised(_argument_takes_values),
    "{value} is not one of {choices}.":
        lambda: parsed("cmd", *TITLE, "--format", "n").split(": ", 1)[1],
    "Choose from:\n\t{choices}": lambda: parsed("pick").split(". ", 1)[1],
    "{value} is not a valid int.":
        lambda: parsed("cmd", *TITLE, "--count", "n").split(": ", 1)[1],
    "{value} is not a valid float.":
        lambda: parsed("cmd", *TITLE, "--ratio", "n").split(": ", 1)[1],
    "{value} is not in the range {range}.":
        lambda: parsed("cmd", *TITLE, "--level", "9").split(": ", 1)[1],
    "{value} is not a valid boolean. Recognized values: {values}":
        lambda: raised(lambda: click_types.BOOL.convert("maybe", None, None)),
    "{value} does not match the formats {formats}.":
        lambda: parsed("cmd", *TITLE, "--when", "n").split(": ", 1)[1],
    "{count} values are required, but {given} given.":
        lambda: raised(lambda: click_types.Tuple([int, int]).convert((1,), None, None)),
}


@pytest.fixture
def english() -> object:
    i18n.use("en")
    yield
    i18n.use("en")


def test_every_form_has_an_example_from_the_library() -> None:
    assert sorted(EXAMPLES) == sorted(message for _pattern, message in FORMS)


@pytest.mark.parametrize("message", sorted(EXAMPLES))
def test_the_library_still_words_it_so(message: str, english: object) -> None:
    text = EXAMPLES[message]()
    assert form_of(text) == message, f"the installed Typer now says {text!r}: update FORMS"


@pytest.mark.parametrize("message", sorted(EXAMPLES))
def test_each_form_in_both_languages(message: str, english: object) -> None:
    text = EXAMPLES[message]()
    assert translated(text) == text
    i18n.use("fr")
    french = translated(EXAMPLES[message]())  # Typer's gettext words are French by then
    assert french != text
    english_words = {"Invalid", "Missing", "such", "Possible", "unexpected", "requires",
                     "Takes", "given", "iterable", "does", "not", "valid", "range", "Choose",
                     "Recognized", "match", "Did", "mean", "takes", "values"}
    assert not english_words & set(french.replace("(", " ").replace(":", " ").split()), french
    assert "'" not in french.replace("aujourd'hui", ""), french  # « » in French


def test_an_unknown_text_stays_as_it_is() -> None:
    i18n.use("fr")
    try:
        assert translated("Something Typer 9 says.") == "Something Typer 9 says."
        assert translated("imfhist ne parle pas « de »") == "imfhist ne parle pas « de »"
    finally:
        i18n.use("en")


# Where the installed library raises a usage error, and with what words: a new call, or a call
# whose words changed, fails here until FORMS (or this census, for a form that cannot reach a
# user of imfhist) knows it.
RAISERS = {"fail", "UsageError", "BadParameter", "BadOptionUsage", "BadArgumentUsage",
           "NoSuchOption", "MissingParameter", "FileError"}
CENSUS = {
    "_click/core.py": ["'Got unexpected extra argument(s) ({extra_args})'",
                       "'Value must be an iterable.'",
                       "'Takes {self.nargs} values but {len(value)} given.'"],
    "_click/parser.py": ["'Argument {self.dest!r} takes {self.nargs} values.'",
                         "'Option {opt!r} does not take a value.'",
                         "'Option {option_name!r} requires {msg}'"],
    "_click/types.py": ["'{value!r} does not match the formats {formats_str}.'",
                        "'{value!r} is not a valid {self.name}.'",
                        "'{rv} is not in the range {self._describe_range()}.'",
                        "'{value!r} is not a valid boolean. Recognized values: {states}'",
                        # UUID and File types: imfhist has no such parameter
                        "'{value!r} is not a valid UUID.'",
                        "\"'{filename}': {e.strerror}\"",
                        "'{len_type} values are required, but {len_value} given.'"],
    "core.py": [],  # its two messages go through gettext: "Missing command.", "No such command"
    "_types.py": [],
}


def _worded_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        if name not in RAISERS:
            continue
        for argument in [*node.args, *(k.value for k in node.keywords if k.arg == "message")]:
            if isinstance(argument, ast.JoinedStr | ast.Constant) and isinstance(
                    getattr(argument, "value", ""), str):
                text = ast.unparse(argument)
                found.append(text[1:] if text.startswith("f") else text)
    return found


@pytest.mark.parametrize("module", sorted(CENSUS))
def test_the_library_raises_no_form_the_table_does_not_know(module: str) -> None:
    path = Path(typer.__file__).parent / module
    assert sorted(_worded_calls(path)) == sorted(CENSUS[module])


# The commands as a French keeper mistypes them, in a real process.
SCRIPT = Path(sys.executable).parent / "imfhist"
MISTYPED = [
    (["list", "extra"], "Argument(s) en trop : extra", "Got unexpected extra argument(s) (extra)"),
    (["list", "--nope"], "Option inconnue : --nope", "No such option: --nope"),
    (["list", "--filz"], "Option inconnue : --filz (options proches : --file)",
     "No such option: --filz (Possible options: --file)"),
    (["show"], "Il manque l’argument « ID ».", "Missing argument 'ID'."),
    (["source", "add", "--id", "x"], "Il manque l’option « --title ».",
     "Missing option '--title'."),
    (["list", "--format", "nope"], "Valeur refusée pour « --format » : « nope » n’est pas l’un "
     "des choix possibles : « table », « json », « csv », « markdown ».",
     "Invalid value for '--format': 'nope' is not one of 'table', 'json', 'csv', 'markdown'."),
    (["export", "--format"], "L’option « --format » attend une valeur.",
     "Option '--format' requires an argument."),
    (["lisst"], "Commande inconnue : « lisst ». Vouliez-vous dire « list » ?",
     "No such command 'lisst'. Did you mean 'list'?"),
    (["source", "nope"], "Commande inconnue : « nope ».", "No such command 'nope'."),
    (["list", "--lang", "de"], "Valeur refusée pour « --lang » : imfhist ne parle pas « de » ; "
     "choisissez parmi : en, fr", "Invalid value for '--lang': imfhist does not speak 'de'"),
]


def _imfhist(args: list[str], language: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("IMFHIST_", "LC_", "LANG"))}
    environment |= {"IMFHIST_LANG": language, "COLUMNS": "400", "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True,
                          env=environment, timeout=60)


def _panel(text: str) -> str:
    return " ".join(line.strip("│ ╭╰─").strip() for line in text.splitlines()
                    if line.startswith("│"))


@pytest.mark.parametrize(("args", "french", "english"), MISTYPED,
                         ids=[" ".join(m[0]) for m in MISTYPED])
def test_a_mistyped_command_answers_in_the_keepers_language(args: list[str], french: str,
                                                            english: str) -> None:
    command = " ".join(["imfhist", *args[:-1]] if len(args) > 1 else ["imfhist"])
    fr = _imfhist(args, "fr")
    assert fr.returncode == 2
    assert _panel(fr.stderr) == french.replace(" :", "\u00a0:").replace(" ;", "\u00a0;") \
        .replace(" ?", "\u00a0?").replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    assert fr.stderr.startswith("Utilisation\u00a0: imfhist")
    assert "Essayez «\u00a0imfhist" in fr.stderr and "-h\u00a0» pour de l’aide." in fr.stderr
    en = _imfhist(args, "en")
    assert en.returncode == 2
    assert _panel(en.stderr).startswith(english)
    assert en.stderr.startswith("Usage: imfhist") and "' for help." in en.stderr
    del command


def test_no_args_is_help_is_untouched() -> None:
    result = _imfhist([], "fr")
    assert "Utilisation\u00a0: imfhist [OPTIONS] COMMANDE [ARGS]..." in result.stdout
    assert "Erreur" not in result.stdout + result.stderr


def test_help_names_types_and_values_in_french() -> None:
    show = _imfhist(["show", "-h"], "fr").stdout
    assert "<texte>" in show and "CHEMIN" in show and "<str>" not in show
    assert "<str>" in _imfhist(["show", "-h"], "en").stdout
    edit = _imfhist(["edit", "-h"], "fr").stdout
    assert "PAYS" in edit and "ÉTIQUETTE" in edit and "COUNTRY" not in edit
