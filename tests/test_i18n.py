"""French and English: how the language is chosen, that every message has its French, and what
French and English users read (golden files)."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import REPO
from imfhist.common import i18n
from imfhist.timeline.dates import parse_edtf, word

LOCALE = REPO / "src" / "imfhist" / "common" / "locale"
GOLDEN = Path(__file__).parent / "golden"
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "p_": ((1, "c"), 2)}


@pytest.mark.parametrize(("option", "environ", "expected"), [
    ("fr", {"IMFHIST_LANG": "en", "LANG": "en_US.UTF-8"}, "fr"),
    (None, {"IMFHIST_LANG": "fr", "LANG": "en_US.UTF-8"}, "fr"),
    (None, {"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    (None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
    (None, {"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "C.UTF-8"}, "fr"),
    (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),
    (None, {}, "en"),
    ("FR", {}, "fr"),
    ("klingon", {"LANG": "fr_FR.UTF-8"}, "fr"),
])
def test_language_choice(option: str | None, environ: dict[str, str], expected: str) -> None:
    assert i18n.choose(option, environ) == expected


def extracted() -> set[tuple[str | None, object]]:
    found = set()
    for _filename, _line, message, _comments, context in extract_from_dir(
            str(REPO / "src" / "imfhist"), keywords=KEYWORDS):
        found.add((context, message))
    return found


def test_every_message_has_a_french_translation() -> None:
    catalog = read_po((LOCALE / "fr" / "LC_MESSAGES" / "imfhist.po").open("rb"))
    translated = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)): m.string
                  for m in catalog if m.id}
    untranslated = []
    for context, message in extracted():
        key = (context, message if isinstance(message, str) else tuple(message))
        string = translated.get(key)
        if not string or (isinstance(string, tuple) and not all(string)):
            untranslated.append(message)
    assert untranslated == [], "add these to src/imfhist/common/locale/fr/LC_MESSAGES/imfhist.po"


def test_template_and_compiled_catalogue_are_current() -> None:
    template = read_po((LOCALE / "imfhist.pot").open("rb"))
    in_template = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id))
                   for m in template if m.id}
    in_code = {(c, m if isinstance(m, str) else tuple(m)) for c, m in extracted()}
    assert in_template == in_code, "re-extract: see docs/translating.md"
    po = read_po((LOCALE / "fr" / "LC_MESSAGES" / "imfhist.po").open("rb"))
    with (LOCALE / "fr" / "LC_MESSAGES" / "imfhist.mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    for message in po:
        if not message.id:
            continue
        if isinstance(message.id, str):
            got = (mo.pgettext(message.context, message.id) if message.context
                   else mo.gettext(message.id))
            assert got == message.string, "recompile the .mo: see docs/translating.md"
        else:
            assert mo.ngettext(message.id[0], message.id[1], 1) == message.string[0]
            assert mo.ngettext(message.id[0], message.id[1], 3) == message.string[1]


@pytest.mark.parametrize(("date", "french", "english"), [
    ("2004/..", "depuis 2004", "since 2004"),
    ("199X", "années 1990", "1990s"),
    ("2004~", "vers 2004", "c. 2004"),
    ("2004?", "2004\u00a0?", "2004?"),
    ("2019/2021", "2019–2021", "2019–2021"),
    ("2019-05", "mai 2019", "May 2019"),
    ("2019-05-01", "1er mai 2019", "1 May 2019"),
    ("2019-05-02", "2 mai 2019", "2 May 2019"),
    ("../2004", "jusqu’en 2004", "until 2004"),
    ("2001-23", "automne 2001", "autumn 2001"),
    ("-0100", "101 av. J.-C.", "101 BCE"),
])
def test_worded_dates_follow_the_language(date: str, french: str, english: str) -> None:
    i18n.use("fr")
    assert word(parse_edtf(date)) == french
    i18n.use("en")
    assert word(parse_edtf(date)) == english


def test_plurals_come_from_the_catalogue() -> None:
    i18n.use("fr")
    assert [i18n.n_("{count} event", "{count} events", n).format(count=n) for n in (0, 1, 3)] \
        == ["0 événement", "1 événement", "3 événements"]
    i18n.use("en")
    assert [i18n.n_("{count} event", "{count} events", n).format(count=n) for n in (0, 1, 3)] \
        == ["0 events", "1 event", "3 events"]


def test_country_names_follow_the_language_and_either_is_accepted(run) -> None:
    for lang, expected in (("fr", "Ras Jebel (Tunisie)"), ("en", "Ras Jebel (Tunisia)")):
        assert expected in run("show", "micro-projets-tunisie", "--lang", lang).stdout
    for lang in ("fr", "en"):
        for name in ("Tunisie", "Tunisia"):
            result = run("filter", "--lang", lang, "-c", name, "--format", "csv")
            assert len(result.stdout.splitlines()) == 4


def test_the_source_wording_of_a_date_is_kept(run) -> None:
    assert "dès 2004" in run("show", "imf-participe-aux-pcpa", "--lang", "en").stdout


def test_exports_for_people_take_the_language(run) -> None:
    page = run("export", "--format", "html", "--lang", "fr").stdout
    assert "Tous les pays" in page
    assert "14 événements, 3 datés, 7 placés par leurs relations, 4 sans date" in page
    markdown = run("export", "--format", "markdown", "--lang", "fr").stdout
    assert "## années 2000" in markdown and "**Pays:**" in markdown
    timelinejs = run("export", "--format", "timelinejs", "--lang", "fr")
    assert "3 événements" in timelinejs.stdout and "laissés de côté" in timelinejs.stderr


# Golden files: the same commands, in a real process, as a French and an English user run them.
SCRIPT = Path(sys.executable).parent / "imfhist"
BROKEN_REPLACEMENTS = (("  - id: projet-nahda-13-tlemcen", "  - id: projet-far-annaba"),
                       ("date: 2019/2021", "date: 2021/2019"),
                       ("actors: [imf, entraide-nationale]", "actors: [imf, entraide]"))
CASES = {
    "help": ["--help"],
    "list-help": ["list", "--help"],
    "list": ["list"],
    "show": ["show", "altermed"],
    "validate": ["validate", "timeline.yaml"],
}


@pytest.mark.parametrize("locale", ["fr_FR.UTF-8", "C.UTF-8"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_output(case: str, locale: str, timeline_copy: Path) -> None:
    text = timeline_copy.read_text(encoding="utf-8")
    for old, new in BROKEN_REPLACEMENTS:
        text = text.replace(old, new, 1)
    timeline_copy.write_text(text, encoding="utf-8")
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("IMFHIST_", "LC_", "LANG"))}
    environment |= {"LANG": locale, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    result = subprocess.run([str(SCRIPT), *CASES[case]], capture_output=True, text=True,
                            env=environment, cwd=timeline_copy.parent, timeout=60)
    output = "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"
    language = "fr" if locale.startswith("fr") else "en"
    golden = GOLDEN / f"{case}.{language}.txt"
    if os.environ.get("IMFHIST_UPDATE_GOLDEN") == "1":
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_babel_is_the_version_the_catalogue_is_written_with() -> None:
    """Another Babel rewrites the header and the .mo of an unchanged tree and extracts other
    strings: the staleness test above means something only with the pinned version."""
    import re
    import tomllib

    import babel

    header = (LOCALE / "fr" / "LC_MESSAGES" / "imfhist.po").read_text(encoding="utf-8")
    written_with = re.search(r"Generated-By: Babel (\S+)\\n", header)
    assert written_with is not None
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"babel=={written_with[1]}" in pyproject["project"]["optional-dependencies"]["test"]
    assert babel.__version__ == written_with[1], "pip install -e '.[test]' installs it"


@pytest.mark.parametrize(("option", "environ", "expected"), [
    (None, {"IMFHIST_LANG": "de"}, "de"),
    (None, {"IMFHIST_LANG": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"}, "de_DE.UTF-8"),
    ("fr", {"IMFHIST_LANG": "de"}, None),
    (None, {"IMFHIST_LANG": "fr_FR"}, None),
    (None, {"IMFHIST_LANG": ""}, None),
    (None, {"LANG": "de_DE.UTF-8"}, None),
])
def test_unsupported_language_setting(option: str | None, environ: dict[str, str],
                                      expected: str | None) -> None:
    assert i18n.unsupported_setting(option, environ) == expected


def test_unsupported_imfhist_lang_runs_and_says_so_once() -> None:
    script = Path(sys.executable).parent / "imfhist"
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("IMFHIST_", "LC_", "LANG"))} | {"NO_COLOR": "1"}
    result = subprocess.run([str(script), "validate"], capture_output=True, text=True,
                            env=base | {"IMFHIST_LANG": "de"}, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("No problems")
    assert result.stderr.count("\n") == 1
    assert "'de'" in result.stderr and "IMFHIST_LANG" in result.stderr
    assert "en, fr" in result.stderr
    french = subprocess.run([str(script), "validate"], capture_output=True, text=True,
                            env=base | {"IMFHIST_LANG": "de", "LANG": "fr_FR.UTF-8"}, timeout=60)
    assert french.returncode == 0 and french.stdout.startswith("Aucun problème")
    assert "IMFHIST_LANG" in french.stderr
    asked = subprocess.run([str(script), "validate", "--lang", "fr"], capture_output=True,
                           text=True, env=base | {"IMFHIST_LANG": "de"}, timeout=60)
    assert asked.stderr == ""


# French typography: a no-break space before : ; ? ! and inside « », and « » where the English
# quotes a value. Not punctuation: what the masks below cover, which is code or a value.
NO_BREAK = "\u00a0\u202f"
NOT_PROSE = re.compile(
    r"(?<=«\u00a0)[^»]*(?=\u00a0»)"  # a quoted value, the guillemets kept
    r"|https?://\S+"             # an address
    r"|(?:\{[^{}]*\}|[\w.-])+:(?=[\w{/.-])"  # KIND:OTHER, path:line:column, {path}:{line}, 12:30
    r"|\{\{.*?\}\}"              # a YAML mapping shown as an example: {{date: …, ref: …}}
    r"|\{[^{}]*\}"               # a placeholder: {name!r}
    r"|`[^`]*`"                  # code
    r"|\[/?[a-z ]*\]"            # Rich markup
    r"|\b[a-z_]+: …"             # a key of the format followed by an elision: (id: …)
    r"|–\?"                      # an open end of a range: 2019–?
)


def typography_faults(text: str) -> list[str]:
    masked = NOT_PROSE.sub(lambda match: "x" * len(match[0]), text)
    faults = []
    for at, mark in enumerate(masked):
        before = masked[at - 1] if at else ""
        if mark in ":;?!" and before not in NO_BREAK:
            faults.append(f"{'a plain space' if before == ' ' else 'no space'} before "
                          f"{mark!r} at {at}")
        elif mark == "«" and masked[at + 1:at + 2] not in NO_BREAK:
            faults.append(f"no no-break space after « at {at}")
        elif mark == "»" and before not in NO_BREAK:
            faults.append(f"no no-break space before » at {at}")
    if re.search(r"'[^'\n]+'", masked):
        faults.append("a value quoted with ' ': quote it « »")
    return faults


@pytest.mark.parametrize(("text", "faults"), [
    ("rien n’a été écrit : corrigez", 1), ("rien n’a été écrit: corrigez", 1),
    ("rien n’a été écrit\u00a0: corrigez", 0), ("vraiment ?", 1), ("vraiment\u00a0?", 0),
    ("la source « x »", 2), ("la source «\u00a0x\u00a0»", 0), ("la source 'x'", 1),
    ("voir https://example.org/a?b=c:d", 0), ("{path}:{line}:{column}\u00a0: {message}", 0),
    ("`imfhist list --format json`\u00a0; {x!r}", 0), ("relation «\u00a0before: x\u00a0»", 0),
    ("(id: …, title: …)", 0), ("{date}–?", 0), ("à 12:30", 0), ("KIND:OTHER", 0),
])
def test_the_typography_check_itself(text: str, faults: int) -> None:
    assert len(typography_faults(text)) == faults, typography_faults(text)


def test_french_typography_in_every_message() -> None:
    catalog = read_po((LOCALE / "fr" / "LC_MESSAGES" / "imfhist.po").open("rb"))
    found = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(string, fault) for string in strings for fault in typography_faults(string)]
    assert found == []
