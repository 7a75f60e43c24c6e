"""The command-line library's own words, in the interface language.

Typer vendors Click, whose messages for a badly typed command ("No such option: --nope",
"Missing argument 'ID'.", "Invalid value for '--format': …") are English f-strings, without
gettext. They are translated here, at imfhist's edge: `imfhist.cli.commands` catches the usage
error where it is raised and `translated` matches its text against one table of the English
forms, each a regular expression with named groups and the message id it becomes.

A form wraps another (`Invalid value for '--format': 'x' is not one of …`): a group named
`message` is translated in turn. Values the library quotes (`'--format'`) are quoted as the
language quotes them (« --format »). A text that no form matches is left as it is: it is either
imfhist's own message, already translated, or a form a new Typer has added, which the tests
(tests/test_usage_words.py) catch.
"""

from __future__ import annotations

import re

from imfhist.common import foreign_words
from imfhist.common.i18n import N_

# (English form, message id). The first form that matches the whole text wins: the longer forms
# come before the shorter ones they contain.
FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), message) for pattern, message in (
        # typer/core.py, TyperGroup.resolve_command (its first part is gettext's, translated)
        (r"(?P<message>.+?)\.? Did you mean (?P<suggestions>.+)\?",
         N_("{message}. Did you mean {suggestions}?")),
        # typer/_click/exceptions.py: BadParameter and MissingParameter
        (r"Invalid value for (?P<hint>.+?): (?P<message>.*)",
         N_("Invalid value for {hint}: {message}")),
        (r"Invalid value: (?P<message>.*)", N_("Invalid value: {message}")),
        (r"Missing argument (?P<hint>.+?)\. (?P<message>.*)",
         N_("Missing argument {hint}. {message}")),
        (r"Missing argument (?P<hint>.+?)\.", N_("Missing argument {hint}.")),
        (r"Missing option (?P<hint>.+?)\. (?P<message>.*)",
         N_("Missing option {hint}. {message}")),
        (r"Missing option (?P<hint>.+?)\.", N_("Missing option {hint}.")),
        (r"Missing parameter (?P<hint>.+?)\.", N_("Missing parameter {hint}.")),
        # typer/_click/exceptions.py: NoSuchOption
        (r"No such option: (?P<option>.+?) \(Possible options: (?P<possibilities>.+)\)",
         N_("No such option: {option} (Possible options: {possibilities})")),
        (r"No such option: (?P<option>.+)", N_("No such option: {option}")),
        # typer/_click/core.py: Command.parse_args, Parameter.type_cast_value
        (r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)",
         N_("Got unexpected extra argument(s) ({arguments})")),
        (r"Takes (?P<count>\d+) values but (?P<given>\d+) given\.",
         N_("Takes {count} values but {given} given.")),
        (r"Value must be an iterable\.", N_("Value must be an iterable.")),
        # typer/_click/parser.py
        (r"Option (?P<option>.+?) requires an argument\.",
         N_("Option {option} requires an argument.")),
        (r"Option (?P<option>.+?) requires (?P<count>\d+) arguments\.",
         N_("Option {option} requires {count} arguments.")),
        (r"Option (?P<option>.+?) does not take a value\.",
         N_("Option {option} does not take a value.")),
        (r"Argument (?P<argument>.+?) takes (?P<count>\d+) values\.",
         N_("Argument {argument} takes {count} values.")),
        # typer/_types.py: TyperChoice (an option's list of choices)
        (r"(?P<value>.+?) is not one of (?P<choices>.+)\.",
         N_("{value} is not one of {choices}.")),
        (r"Choose from:\n\t(?P<choices>.*)", N_("Choose from:\n\t{choices}")),
        # typer/_click/types.py: numbers, booleans, dates, tuples
        (r"(?P<value>.+?) is not a valid int\.", N_("{value} is not a valid int.")),
        (r"(?P<value>.+?) is not a valid float\.", N_("{value} is not a valid float.")),
        (r"(?P<value>.+?) is not in the range (?P<range>.+)\.",
         N_("{value} is not in the range {range}.")),
        (r"(?P<value>.+?) is not a valid boolean\. Recognized values: (?P<values>.+)",
         N_("{value} is not a valid boolean. Recognized values: {values}")),
        (r"(?P<value>.+?) does not match the formats (?P<formats>.+)\.",
         N_("{value} does not match the formats {formats}.")),
        (r"(?P<count>\d+) values are required, but (?P<given>\d+) given\.",
         N_("{count} values are required, but {given} given.")),
    ))

def form_of(text: str) -> str | None:
    """The message id of the form `text` is written in, or None."""
    return foreign_words.form_of(FORMS, text)


def translated(text: str) -> str:
    """`text`, a message of the command-line library, in the interface language."""
    return foreign_words.translated(FORMS, text)
