"""Text comparison as people mean it: case, accents, spaces and apostrophes set aside."""

from __future__ import annotations

import unicodedata

# Typographic apostrophes and quotation marks people paste from word processors and web pages.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})
_NAME_PUNCTUATION = str.maketrans({c: " " for c in "-'.,()"})


# The same table as pairs: `str.translate` looks every character up in a dict, which costs more
# than a handful of `in` tests and replacements on quotes of a few hundred characters.
_APOSTROPHE_PAIRS = tuple((chr(code), replacement) for code, replacement in _APOSTROPHES.items())


def normalise_spacing(text: str) -> str:
    """Same characters, with every run of white space one plain space and apostrophes plain."""
    if not text.isascii():
        for typographic, plain in _APOSTROPHE_PAIRS:
            if typographic in text:
                text = text.replace(typographic, plain)
    # str.split() splits at every white space, the no-break spaces (U+00A0, U+202F) that French
    # typography puts before : and ; included (the characters `\s` matches), in a third of the
    # time of a regular expression's substitution.
    return " ".join(text.split())


def fold(text: str) -> str:
    """A key for matching names: lower case, no accents, single spaces, plain apostrophes."""
    folded = normalise_spacing(text).casefold()
    if folded.isascii():  # most names: nothing to decompose
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_name(text: str) -> str:
    """A key for matching proper names: `fold`, with hyphens and apostrophes as spaces."""
    return " ".join(fold(text).translate(_NAME_PUNCTUATION).split())
