"""Rules applied by the loader while it reads the file (see imfhist.timeline.loader)."""

from imfhist.checking.rules import Rule
from imfhist.common.problems import Severity

FILE = Rule("file", Severity.ERROR, """
    The timeline file cannot be opened: it does not exist, is a directory, or cannot be read.
    Nothing else is checked; `validate` exits 2.""")
ENCODING = Rule("encoding", Severity.ERROR, """
    The file must be UTF-8 text (a byte-order mark is allowed). UTF-16 files, Latin-1 bytes and
    characters that YAML forbids (such as NUL) are reported at their line and column.""")
YAML_SYNTAX = Rule("yaml-syntax", Severity.ERROR, """
    The file is not valid YAML: a bad indentation, a tab used to indent, an unclosed quote or
    bracket, a second document. The message is the YAML parser's, at the place it stopped.""")
YAML_DEPTH = Rule("yaml-depth", Severity.ERROR, """
    The YAML is nested more deeply than the reader allows. A timeline needs four levels at most.""")
EMPTY = Rule("empty", Severity.ERROR, """
    The file holds no YAML at all (it is empty or only comments).""")
DUPLICATE_KEY = Rule("duplicate-key", Severity.ERROR, """
    A key appears twice in the same mapping. Most YAML readers silently keep the last value and
    lose the first; imfhist reports the second one and names the line of the first.""")
YAML_TAG = Rule("yaml-tag", Severity.ERROR, """
    A value carries a YAML tag other than the standard ones (for example `!!python/object`).
    imfhist never constructs tagged objects; the tag is refused and nothing is run.""")
YAML_ALIAS = Rule("yaml-alias", Severity.ERROR, """
    What aliases (`*name`) repeat is bounded: in all, at most 100,000 list items and characters
    of long texts reached a second time through an alias. Beyond that, the repeated lists and
    texts are left out and reported once, so that a small file of aliases cannot make imfhist
    check billions of values.""")
YAML_MERGE_KEY = Rule("yaml-merge-key", Severity.ERROR, """
    Merge keys (`<<: *anchor`) are a YAML 1.1 extension that many readers do not support; write the
    keys out so that every reader sees the same data.""")
WRONG_TYPE = Rule("wrong-type", Severity.ERROR, """
    A value has the wrong type: a list where text is expected, or a mapping where a list is. The
    YAML 1.1 traps are named: unquoted `NO`, `on` or `yes` are read as booleans, `2019-05-01` as a
    date, `1:20` as a base-60 number, `017` as octal; the hint shows the value in quotes. A `date`
    may be an unquoted year (`date: 2004`).""")
UNKNOWN_KEY = Rule("unknown-key", Severity.ERROR, """
    A key that imfhist/1 does not define, usually a misspelling; its value would be ignored, so it
    is an error. The hint suggests the closest allowed key.""")
CONTROL_CHARACTER = Rule("control-character", Severity.WARNING, """
    Text holds an invisible or control character: an escape sequence, a bidirectional override
    (U+202E), a zero-width space. Such characters come in with copy and paste and can hide or
    reorder what a reader sees; imfhist shows them as escapes such as `\\u202e`.""")
MISSING_KEY = Rule("missing-key", Severity.ERROR, """
    A required key is missing: `format` at the top; `id` and `title` of a source; `id`, `name`
    and `kind` of an actor; `id`, `name` and `country` of a place; `id`, `title` and `sources`
    of an event; `ref` and `quote` of a citation or of a relation; `date`, `ref` and `quote` of a
    `not_before` or `not_after`.""")
