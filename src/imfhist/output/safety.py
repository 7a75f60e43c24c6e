"""Text from the file, made safe to show: nothing in it may style, move or rewrite the terminal.

Rich markup is never a risk here, because data always reaches Rich as `rich.text.Text`, which
does not interpret markup. What remains is the characters themselves: escape sequences (C0 and
C1 controls), and the invisible characters that reorder or hide text (bidirectional overrides,
zero-width characters). Each is shown as a visible escape, such as `\\x1b` or `\\u202e`.
"""

from __future__ import annotations

import json
import re

UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except tab and newline, DEL, C1
    "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"  # bidi, zero-width
    "\ud800-\udfff]"  # lone surrogates (from "\\ud800" escapes in double-quoted YAML)
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """`text` with every control or invisible formatting character shown as an escape."""
    return UNSAFE_CHARACTERS.sub(_escape, text)


def json_text(document: object) -> str:
    """`document` as indented JSON, readable (no \\u escapes for accents) yet safe to print:
    control and invisible characters are written as \\u escapes, which JSON reads back as the
    same characters."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return UNSAFE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def clean_line(text: str) -> str:
    """`clean`, and on one line: for table cells and messages."""
    return clean(text.replace("\t", " ")).replace("\r\n", "\n").replace("\n", " ⏎ ")
