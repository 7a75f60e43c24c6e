"""Text from the file, made safe to show: nothing in it may style, move or rewrite the terminal.

Rich markup is never a risk here, because data always reaches Rich as `rich.text.Text`, which
does not interpret markup. What remains is the characters themselves: escape sequences (C0 and
C1 controls), and the invisible characters that reorder or hide text (bidirectional overrides,
zero-width characters). Each is shown as a visible escape, such as `\\x1b` or `\\u202e`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except tab and newline, DEL, C1
    "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"  # bidi, zero-width
    # Characters that show as nothing, or as a blank, and so hide text or make two ids look
    # alike: soft hyphen, combining grapheme joiner, Hangul fillers, Khmer inherent vowels,
    # Mongolian vowel separator, musical formatting marks, Unicode tag characters (which can
    # carry a whole hidden message after visible text).
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f"
    "\ud800-\udfff]"  # lone surrogates (from "\\ud800" escapes in double-quoted YAML)
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes a character beyond U+FFFF as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def clean(text: str) -> str:
    """`text` with every control or invisible formatting character shown as an escape."""
    return UNSAFE_CHARACTERS.sub(_escape, text)


def json_text(document: object) -> str:
    """`document` as indented JSON, readable (no \\u escapes for accents) yet safe to print:
    control and invisible characters are written as \\u escapes, which JSON reads back as the
    same characters."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return UNSAFE_CHARACTERS.sub(_json_escape, text) + "\n"


def clean_line(text: str) -> str:
    """`clean`, and on one line: for table cells and messages."""
    return clean(text.replace("\t", " ")).replace("\r\n", "\n").replace("\n", " ⏎ ")


def terminal_text(text: str, style: str = "") -> Text:
    """A message, prompt or hint that may hold text from the data, as the terminal gets it: one
    line, control and invisible characters made visible, and (being a rich Text, not a str) its
    brackets never read as Rich markup. Every line imfhist writes to a terminal outside tables
    and reports goes through here."""
    from rich.text import Text

    return Text(clean_line(text), style=style)


# A link's address: web or mail, and nothing in it that could end the address early in one of
# the formats it goes to (white space, a line end, a control or invisible character, quotes or
# angle brackets): a CR in a Markdown link would let the text after it make a link of its own.
_LINK = re.compile(r"(?:https?://|mailto:)[^\s\"'<>`\\]+", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """A URL that may be a link: web and mail addresses only (never `javascript:`), whole and
    clean; anything else is None, and the renderers show no link."""
    if url is None:
        return None
    url = url.strip(" ")
    if _LINK.fullmatch(url) and not UNSAFE_CHARACTERS.search(url):
        return url
    return None
