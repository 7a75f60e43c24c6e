"""Other libraries' English messages in the interface language, by a table of their forms.

The command-line library (imfhist.cli.usage_words) and the YAML readers
(imfhist.timeline.yamlwords) write their own messages in English, without gettext. Each keeps a
table of the forms they can write: a regular expression with named groups, and the message id it
becomes. A value the library quotes with '…' is quoted as the language quotes it (« … » in
French); a group named `message` is itself a message of the table, translated in turn. A text no
form matches is left as it is."""

from __future__ import annotations

import re

from imfhist.common.i18n import _, p_

Forms = tuple[tuple[re.Pattern[str], str], ...]

_QUOTED = re.compile(r"'([^'\n]*)'")


def requoted(text: str) -> str:
    """'--format' -> « --format » in French: the libraries quote with repr()."""
    return _QUOTED.sub(lambda match: p_("quoting", "'{text}'").format(text=match[1]), text)


def form_of(forms: Forms, text: str) -> str | None:
    """The message id of the form `text` is written in, or None."""
    for pattern, message in forms:
        if pattern.fullmatch(text):
            return message
    return None


def translated(forms: Forms, text: str) -> str:
    """`text` in the interface language, or as it is when no form knows it."""
    for pattern, message in forms:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = {name: translated(forms, value) if name == "message" else requoted(value)
                  for name, value in match.groupdict().items()}
        return _(message).format(**values) if values else _(message)
    return text
