"""The YAML readers' own words in the interface language: each form PyYAML and libyaml can
write has its French, a syntax error in a timeline is told in French with its position kept,
and words no form knows stay as the reader wrote them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from imfhist.common import i18n
from imfhist.timeline import yamlsource
from imfhist.timeline.yamlwords import FORMS, form_of, translated

READER = Path(yaml.__file__).parent
# What PyYAML writes into a problem or a context: every literal of its scanner, parser and
# composer that starts as one of its messages does, a %r filled in.
OPENINGS = ("while ", "expected ", "found ", "did not ", "could not ", "mapping values",
            "block sequence", "duplicate tag", "but found", "second occurrence")


def pure_reader_words() -> list[str]:
    words = []
    for name in ("scanner.py", "parser.py", "composer.py"):
        source = (READER / name).read_text(encoding="utf-8")
        for literal in re.findall(r'"((?:{})[^"]*)"'.format("|".join(OPENINGS)), source):
            text = literal.replace("%r", "'x'").replace("%d", "2")
            if "%s" in text:  # "while scanning a %s" % name: the names it is given
                names = {"while scanning a %s": ("directive", "tag", "block scalar",
                                                 "quoted scalar", "double-quoted scalar"),
                         "while scanning an %s": ("anchor", "alias"),
                         "while parsing a %s": ("flow sequence", "flow mapping", "block mapping",
                                                "block collection"),
                         "while parsing a %s node": ("block", "flow")}[literal]
                words += [literal % n for n in names]
            else:
                words.append(re.sub(r"found character '.*?' that", "found character that", text))
    return sorted(set(words))


def test_pyyaml_has_words_to_translate() -> None:
    assert len(pure_reader_words()) > 40


@pytest.mark.parametrize("words", pure_reader_words())
def test_every_form_pyyaml_writes_is_known(words: str) -> None:
    assert form_of(words) is not None, f"add {words!r} to imfhist.timeline.yamlwords.FORMS"


@pytest.mark.parametrize(("pattern", "words"), FORMS, ids=[w for _p, w in FORMS])
def test_each_form_in_both_languages(pattern: re.Pattern[str], words: str) -> None:
    example = words.replace("{found}", "'<block mapping start>'").replace("{name}", "'x'") \
        .replace("{count}", "4").replace("}}", "}")
    assert pattern.fullmatch(example), example
    i18n.use("en")
    assert translated(example) == example
    i18n.use("fr")
    try:
        french = translated(example)
    finally:
        i18n.use("en")
    assert french != example or words in ("found duplicate key",)
    assert "'" not in french, french


def test_unknown_words_stay_as_the_reader_wrote_them() -> None:
    i18n.use("fr")
    try:
        assert translated("found a new kind of trouble") == "found a new kind of trouble"
    finally:
        i18n.use("en")


BROKEN = {
    "tab": ("a:\n\tb: 1\n", "caractère trouvé qui ne peut commencer aucun élément", (2, 1)),
    "colon": ("a: b: c\n", "les valeurs de dictionnaire ne sont pas permises ici", (1, 5)),
    "alias": ("a: *nope\n", "alias non défini trouvé", (1, 4)),
    "block end": ("a:\n  - b\n  c: d\n", "la fin du bloc était attendue", (3, 3)),
    "key": ("a: b\nc\nd: e\n", "le «\u00a0:\u00a0» attendu est introuvable", (3, 1)),
    "bracket": ("a: [b, c\n", "«\u00a0]\u00a0»", (2, 1)),
    "escape": ('a: "\\q"\n', "caractère d’échappement inconnu", (1, 6)),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_syntax_error_is_told_in_french_at_its_place(case: str, loader: str) -> None:
    text, french, (line, _column) = BROKEN[case]
    i18n.use("fr")
    try:
        document = yamlsource.compose(text, "t.yaml")
    finally:
        i18n.use("en")
    (problem,) = document.problems
    assert problem.loc.line == line
    message = problem.message
    assert french in message or (loader == "libyaml" and case in ("block end",)), message
    for english in ("found", "expected", "while", "allowed", "could not", "but"):
        assert english not in message, message
    english_document = yamlsource.compose(text, "t.yaml")
    assert english_document.problems[0].loc == problem.loc
