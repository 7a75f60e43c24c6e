"""The YAML readers' own words, in the interface language.

PyYAML and libyaml describe a syntax error with a `problem` ("mapping values are not allowed
here") and sometimes a `context` ("while scanning a simple key"), in English, some with a value
(`found undefined alias 'x'`, `expected <block end>, but found '<block sequence start>'`).
`translated` matches each against one table of the forms the two readers can write (PyYAML's
yaml/scanner.py, parser.py and composer.py; libyaml's scanner and parser, which word some
differently), each a regular expression with named groups and the message id it becomes; a
value the reader quotes is quoted as the language quotes it. A text no form matches stays as
the reader wrote it. The position of the error is kept by the caller.
"""

from __future__ import annotations

import re

from imfhist.common import foreign_words
from imfhist.common.i18n import N_

# Words written without a value: the same in both readers unless said.
_FIXED = (
    # contexts
    N_("while scanning for the next token"), N_("while scanning a simple key"),
    N_("while scanning a quoted scalar"), N_("while scanning a double-quoted scalar"),
    N_("while scanning a plain scalar"), N_("while scanning a block scalar"),
    N_("while scanning an anchor"), N_("while scanning an alias"), N_("while scanning a tag"),
    N_("while scanning a directive"), N_("while scanning a %YAML directive"),
    N_("while scanning a %TAG directive"), N_("while scanning a tag directive"),
    N_("while parsing a flow sequence"), N_("while parsing a flow mapping"),
    N_("while parsing a block mapping"), N_("while parsing a block collection"),
    N_("while parsing a block node"), N_("while parsing a flow node"),
    N_("while parsing a node"), N_("while parsing a tag"), N_("while parsing a quoted scalar"),
    N_("while parsing a %TAG directive"), N_("while parsing a tag directive"),
    N_("while composing a mapping"), N_("while increasing flow level"),
    N_("while increasing block level"),
    # problems
    N_("found character that cannot start any token"),
    N_("mapping values are not allowed here"),
    N_("mapping values are not allowed in this context"),  # libyaml
    N_("block sequence entries are not allowed here"),
    N_("block sequence entries are not allowed in this context"),  # libyaml
    N_("expected a single document in the stream"), N_("but found another document"),
    N_("found undefined alias"), N_("found unexpected end of stream"),
    N_("could not find expected ':'"), N_("did not find expected key"),
    N_("did not find expected ',' or ']'"), N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"), N_("did not find expected node content"),
    N_("did not find expected <document start>"), N_("did not find expected comment or line break"),
    N_("did not find expected whitespace or line break"), N_("did not find expected whitespace"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected tag URI"), N_("did not find the expected '>'"),
    N_("did not find expected '!'"), N_("did not find expected hexdecimal number"),
    N_("did not find URI escaped octet"), N_("did not find expected version number"),
    N_("did not find expected digit or '.' character"),
    N_("could not find expected directive name"),
    N_("exceeded maximum nesting depth"), N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an indentation indicator equal to 0"),
    N_("expected indentation indicator in the range 1-9, but found 0"),
    N_("found unexpected ':'"), N_("found unexpected document indicator"),
    N_("found unexpected document separator"), N_("found unknown escape character"),
    N_("found undefined tag handle"), N_("found duplicate %YAML directive"),
    N_("found duplicate %TAG directive"), N_("found duplicate YAML directive"),
    N_("found incompatible YAML document"),
    N_("found incompatible YAML document (version 1.* is required)"),
    N_("found non-specific tag '!'"), N_("found unknown directive name"),
    N_("found unexpected non-alphabetical character"), N_("found extremely long version number"),
    N_("found duplicate key"), N_("second occurrence"),
    N_("found duplicate anchor; first occurrence"),
)
_FOUND = r"(?P<found>.+)"
# Words with a value (PyYAML writes most with repr()).
_WITH_VALUES = (
    (r"found undefined alias (?P<name>.+)", N_("found undefined alias {name}")),
    (r"found duplicate anchor (?P<name>.+); first occurrence",
     N_("found duplicate anchor {name}; first occurrence")),
    (r"found undefined tag handle (?P<name>.+)", N_("found undefined tag handle {name}")),
    (r"duplicate tag handle (?P<name>.+)", N_("duplicate tag handle {name}")),
    (r"found unknown escape character (?P<name>.+)", N_("found unknown escape character {name}")),
    (r"expected <block end>, but found " + _FOUND, N_("expected <block end>, but found {found}")),
    (r"expected '<document start>', but found " + _FOUND,
     N_("expected '<document start>', but found {found}")),
    (r"expected the node content, but found " + _FOUND,
     N_("expected the node content, but found {found}")),
    (r"expected ',' or '\]', but got " + _FOUND, N_("expected ',' or ']', but got {found}")),
    (r"expected ',' or '\}', but got " + _FOUND, N_("expected ',' or '}}', but got {found}")),
    (r"expected ' ', but found " + _FOUND, N_("expected ' ', but found {found}")),
    (r"expected '!', but found " + _FOUND, N_("expected '!', but found {found}")),
    (r"expected '>', but found " + _FOUND, N_("expected '>', but found {found}")),
    (r"expected URI, but found " + _FOUND, N_("expected URI, but found {found}")),
    (r"expected URI escape sequence of 2 hexadecimal numbers, but found " + _FOUND,
     N_("expected URI escape sequence of 2 hexadecimal numbers, but found {found}")),
    (r"expected escape sequence of (?P<count>\d+) hexadecimal numbers, but found " + _FOUND,
     N_("expected escape sequence of {count} hexadecimal numbers, but found {found}")),
    (r"expected a comment or a line break, but found " + _FOUND,
     N_("expected a comment or a line break, but found {found}")),
    (r"expected a digit or ' ', but found " + _FOUND,
     N_("expected a digit or ' ', but found {found}")),
    (r"expected a digit or '\.', but found " + _FOUND,
     N_("expected a digit or '.', but found {found}")),
    (r"expected a digit, but found " + _FOUND, N_("expected a digit, but found {found}")),
    (r"expected alphabetic or numeric character, but found " + _FOUND,
     N_("expected alphabetic or numeric character, but found {found}")),
    (r"expected chomping or indentation indicators, but found " + _FOUND,
     N_("expected chomping or indentation indicators, but found {found}")),
)
FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    *((re.compile(re.escape(words)), words) for words in _FIXED),
    *((re.compile(pattern, re.DOTALL), words) for pattern, words in _WITH_VALUES),
)

def form_of(text: str) -> str | None:
    """The message id of the form `text` is written in, or None."""
    return foreign_words.form_of(FORMS, text)


def translated(text: str) -> str:
    """`text`, a YAML reader's problem or context, in the interface language; as it is when
    no form knows it."""
    return foreign_words.translated(FORMS, text)
