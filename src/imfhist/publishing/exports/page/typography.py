"""Typography of the page's language, applied to the text it shows (never to URLs or ids).

French sets a space before the high punctuation (`:` `;` `?` `!`) and inside « guillemets »,
and that space must not break: a line that begins with a lone "?" or "»" looks like a mistake.
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"

_SPACES = "[ \u00a0\u202f]"
_SPACED = re.compile(rf"(?<=\S){_SPACES}+([;?!:])")
_LETTER_BEFORE_HIGH = re.compile(r"(?<=[^\W\d_])([;?!])")
_LETTER_BEFORE_COLON = re.compile(r"(?<=[^\W\d_]):(?![/\d])")  # not https:// nor 12:30
_OPENING = re.compile(rf"«{_SPACES}*")
_CLOSING = re.compile(rf"{_SPACES}*»")
_STRAIGHT_QUOTED = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”")


def _space_for(mark: str) -> str:
    return NO_BREAK_SPACE if mark == ":" else NARROW_NO_BREAK_SPACE


def french(text: str, quotes: bool = True) -> str:
    """`text` with French spacing; with `quotes`, "text" and “text” become « text »."""
    if quotes:
        text = _STRAIGHT_QUOTED.sub(lambda m: f"«{m.group(1) or m.group(2)}»", text)
    text = _SPACED.sub(lambda m: _space_for(m.group(1)) + m.group(1), text)
    # A word followed directly by the mark gets its space; "?–2004" or a lone "?" stays.
    text = _LETTER_BEFORE_HIGH.sub(NARROW_NO_BREAK_SPACE + r"\1", text)
    text = _LETTER_BEFORE_COLON.sub(NO_BREAK_SPACE + ":", text)
    text = _OPENING.sub("«" + NO_BREAK_SPACE, text)
    return _CLOSING.sub(NO_BREAK_SPACE + "»", text)


def typeset(text: str, lang: str, quotes: bool = True) -> str:
    """`text` set in the typography of `lang` (only French has rules of its own here)."""
    return french(text, quotes) if lang.lower().split("-")[0] == "fr" else text
