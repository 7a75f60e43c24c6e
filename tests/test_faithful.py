"""Faithfulness: quotes that say something, every claim carried by a quote, no event twice.

The mutation tests work on a copy of the shipped timeline: one invented claim (a year, a
country, a place, a region, an actor) on one event must give its rule at that claim's line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHIPPED
from imfhist.checking.validation import validate_file
from imfhist.common.textnorm import fold, normalise_spacing
from imfhist.timeline.dates import parse_edtf
from imfhist.timeline.evidence import QuoteWords, country_words, partial_word_part, word_count
from imfhist.timeline.wordings import from_wording, markdown_table

# (rule, the text in the shipped file, what it becomes, the text on the line to be named)
MUTATIONS = [
    ("claim-date", "    date: 2019/2021\n", "    date: 2019/2022\n", "date: 2019/2022"),
    ("claim-date", "    date: 2004/\n    date_label: dès 2004\n",
     "    date: 2003/\n    date_label: dès 2004\n", "date: 2003/"),
    ("claim-date", "    date_label: en dix ans\n", "    date_label: en douze ans\n",
     "date_label: en douze ans"),
    # (A year after 2004 would also contradict the exchanges' relation to the PCPA.)
    ("claim-date", "    date_label: durant plusieurs années\n",
     "    date: 2003\n    date_label: durant plusieurs années\n", "date: 2003"),
    ("claim-country", "    countries: [Maroc]\n", "    countries: [Maroc, Liban]\n",
     "countries: [Maroc, Liban]"),
    ("claim-country", "    places: [ras-jebel, sidi-bouzid]\n",
     "    countries: [Algérie]\n    places: [ras-jebel, sidi-bouzid]\n", "countries: [Algérie]"),
    ("claim-place", "    places: [annaba]\n", "    places: [annaba, tlemcen]\n",
     "places: [annaba, tlemcen]"),
    ("claim-region", "    regions: [Méditerranée]\n", "    regions: [Méditerranée, Maghreb]\n",
     "regions: [Méditerranée, Maghreb]"),
    ("claim-region", "    places: [marseille]\n",
     "    regions: [Europe orientale]\n    places: [marseille]\n", "regions: [Europe orientale]"),
    ("claim-actor", "    actors: [imf, icosi, manufacture-cooperative]\n",
     "    actors: [imf, icosi, manufacture-cooperative, maee]\n", "maee]"),
    ("claim-actor", "    actors: [claude-lasnel]\n", "    actors: [claude-lasnel, gip-mdem]\n",
     "actors: [claude-lasnel, gip-mdem]"),
    ("claim-actor", "    actors: [imf, francois-lapena, claude-lasnel, gip-mdem]\n",
     "    actors: [imf, francois-lapena, claude-lasnel, gip-mdem, icosi]\n", "icosi]"),
]


def test_the_shipped_timeline_passes_validate_strict(run) -> None:
    result = run("validate", "--strict", SHIPPED)
    assert result.exit_code == 0, result.output
    assert validate_file(SHIPPED) == []


@pytest.mark.parametrize(("rule", "old", "new", "shown"), MUTATIONS,
                         ids=[f"{m[0]}-{n}" for n, m in enumerate(MUTATIONS)])
def test_one_invented_claim_is_found_at_its_line(run, timeline_copy: Path, rule: str, old: str,
                                                 new: str, shown: str) -> None:
    text = timeline_copy.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    timeline_copy.write_text(text, encoding="utf-8")
    line = next(n for n, content in enumerate(text.splitlines(), 1) if shown in content)
    problems = validate_file(timeline_copy)
    assert [(p.rule, p.loc.line) for p in problems] == [(rule, line)], problems
    result = run("validate", "--strict", timeline_copy)
    assert result.exit_code == 1 and f"timeline.yaml:{line}:" in result.output


@pytest.mark.parametrize("quote", ["de", "[…]", "[…] de […]", "le projet", "en Tunisie, à Ras"])
def test_trivial_quotes_are_refused_by_validate(timeline_copy: Path, quote: str) -> None:
    text = timeline_copy.read_text(encoding="utf-8")
    old = ("        quote: >-\n          De nombreuses expériences nous ont fait grandir : en "
           "Algérie, le projet FAR sur Annaba\n")
    assert old in text
    timeline_copy.write_text(text.replace(old, f'        quote: "{quote}"\n'), encoding="utf-8")
    rules = {p.rule for p in validate_file(timeline_copy)}
    assert "quote-words" in rules


def test_parts_must_be_whole_words_in_the_page_order() -> None:
    page = normalise_spacing(
        "Dès 2004, l’IMF a participé aux programmes. Ce type de programme a été mis en place.")
    assert partial_word_part("l’IMF a participé aux programmes", page) is None
    assert partial_word_part("ès 2004, l’IMF a participé", page) == "ès 2004, l'IMF a participé"
    assert partial_word_part("l’IMF a participé aux program", page) is not None
    assert partial_word_part("Ce type de programme […] l’IMF a participé", page) is not None
    assert word_count("[…] de […]") == 1 and word_count("l’IMF a participé") == 4


def test_names_are_found_as_words_and_through_a_coordination() -> None:
    said = QuoteWords(["dans les PCPA marocain ou tunisien.", "co-porté avec l’ICOSI"])
    assert said.names("PCPA marocain") and said.names("PCPA tunisien")
    assert said.names("icosi") and said.names("ICOSI")
    assert not said.names("PCPA algérien") and not said.names("COSI")
    # A name is never found across an elision: the page has other words there.
    assert not QuoteWords(["Claude […] Lasnel a animé"]).names("Claude Lasnel")


@pytest.mark.parametrize(("code", "lang", "word"), [
    ("MA", "fr", "marocaine"), ("TN", "fr", "tunisien"), ("DZ", "fr", "algériennes"),
    ("LB", "fr", "libanais"), ("FR", "fr", "française"), ("MA", "en", "moroccan"),
    ("TN", "en", "tunisian"), ("GR", "en", "greek"),
])
def test_words_formed_from_a_country_name(code: str, lang: str, word: str) -> None:
    _names, formed = country_words(code, lang)
    assert fold(word) in formed


def test_first_person_names_the_author_only(tmp_path: Path) -> None:
    archive = tmp_path / "page.txt"
    archive.write_text("De nombreuses expériences nous ont fait grandir.", encoding="utf-8")
    base = ("format: imfhist/1\nsources:\n  - {id: page, title: P, archive: page.txt%s}\n"
            "actors:\n  - {id: imf, name: IMF, kind: organisation}\nevents:\n"
            "  - id: one\n    title: One\n    actors: [imf]\n"
            "    sources: [{ref: page, quote: De nombreuses expériences nous ont fait grandir}]\n")
    path = tmp_path / "t.yaml"
    path.write_text(base % ", author: imf", encoding="utf-8")
    assert validate_file(path) == []
    path.write_text(base % "", encoding="utf-8")
    assert [p.rule for p in validate_file(path)] == ["claim-actor"]
    path.write_text(base % ", author: nobody", encoding="utf-8")
    assert sorted(p.rule for p in validate_file(path)) == ["claim-actor", "unknown-actor"]


# -- add and import -----------------------------------------------------------------------------

def test_add_refuses_a_trivial_quote_and_an_invented_claim(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("add", "-f", timeline_copy, "--title", "Essai", "--date", "dès 2004", "-c",
                 "Tunisie", "--actor", "imf", "--quote", "…", "--yes")
    assert result.exit_code != 0
    assert "at least 5 are needed" in result.stderr
    assert timeline_copy.read_bytes() == before
    result = run("add", "-f", timeline_copy, "--title", "Essai", "--date", "dès 2004", "-c",
                 "Liban", "--actor", "imf", "--quote",
                 "Dès 2004, l’IMF, à la recherche d’un cadre de coopération", "--yes")
    assert result.exit_code == 1
    assert "countries: no quote of the event names Liban" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_import_names_the_row_of_a_trivial_quote_or_an_invented_claim(
        run, timeline_copy: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "rows.csv"
    sheet.write_text("title;date;countries;quote\n"
                     "Un essai;;;de\n"
                     "Un autre essai;dès 2004;Liban;Dès 2004, l’IMF, à la recherche d’un cadre\n",
                     encoding="utf-8")
    before = timeline_copy.read_bytes()
    result = run("import", sheet, "-f", timeline_copy)
    assert result.exit_code == 1
    assert "row 2, column quote: the quote holds 1 word without its elisions" in result.stderr
    assert "row 3, column countries: no quote of the event names Liban" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_add_refuses_a_duplicate_unless_allowed(run, timeline_copy: Path) -> None:
    quote = "sur l’entrepreneuriat collectif en Méditerranée, le projet AlterMed co-porté"
    before = timeline_copy.read_bytes()
    result = run("add", "-f", timeline_copy, "--title", "Le projet AlterMed sur l’entrepreneuriat "
                 "collectif en Méditerranée", "--quote", quote, "--yes")
    assert result.exit_code == 1
    assert "it repeats event 'altermed' (line" in result.stderr
    assert timeline_copy.read_bytes() == before
    result = run("add", "-f", timeline_copy, "--title", "Le projet AlterMed sur l’entrepreneuriat "
                 "collectif en Méditerranée", "--quote", quote, "--yes", "--allow-duplicate")
    assert result.exit_code == 0, result.output
    assert [p.rule for p in validate_file(timeline_copy)] == ["duplicate-event"]


SHEET = ("title;date;regions;actors;quote\n"
         "Le projet de terrain multipays;2019-2021;Méditerranée;ICOSI;un projet de terrain "
         "multipays sur trois ans (2019-2021) sur l’entrepreneuriat collectif en Méditerranée, "
         "le projet AlterMed co-porté avec l’ICOSI\n"
         "L’Entraide nationale;;;Entraide nationale marocaine;la coopération avec l’Entraide "
         "nationale marocaine\n")


def test_importing_twice_adds_nothing_the_second_time(run, timeline_copy: Path,
                                                      tmp_path: Path) -> None:
    sheet = tmp_path / "rows.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    first = run("import", sheet, "-f", timeline_copy)
    assert first.exit_code == 0, first.output
    assert validate_file(timeline_copy) == []
    after_first = timeline_copy.read_bytes()
    second = run("import", sheet, "-f", timeline_copy)
    assert second.exit_code == 1
    assert "row 2, column title: it repeats event 'le-projet-de-terrain-multipays'" in second.stderr
    assert "row 3, column title: it repeats event 'l-entraide-nationale'" in second.stderr
    assert timeline_copy.read_bytes() == after_first


def test_a_row_repeating_an_earlier_row_is_named(run, timeline_copy: Path,
                                                 tmp_path: Path) -> None:
    sheet = tmp_path / "rows.csv"
    lines = SHEET.splitlines()
    sheet.write_text("\n".join([lines[0], lines[2], lines[2]]) + "\n", encoding="utf-8")
    before = timeline_copy.read_bytes()
    result = run("import", sheet, "-f", timeline_copy)
    assert result.exit_code == 1
    assert "row 3, column title: it repeats row 2 ('l-entraide-nationale')" in result.stderr
    assert timeline_copy.read_bytes() == before
    assert run("import", sheet, "-f", timeline_copy, "--allow-duplicate").exit_code == 0
    assert [p.rule for p in validate_file(timeline_copy)] == ["duplicate-event"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_untouched_template_imports_nothing(run, timeline_copy: Path, tmp_path: Path,
                                                lang: str) -> None:
    sheet = tmp_path / "t.csv"
    sheet.write_text(run("import", "--template", "--lang", lang).stdout, encoding="utf-8")
    before = timeline_copy.read_bytes()
    result = run("import", sheet, "-f", timeline_copy, "--lang", lang)
    assert result.exit_code == 1
    said = {"en": "row 2: this is the template's example row",
            "fr": "ligne 2\u00a0: c’est la ligne d’exemple du modèle"}[lang]
    assert said in result.stderr
    assert timeline_copy.read_bytes() == before


def test_the_template_example_is_faithful(run, timeline_copy: Path, tmp_path: Path) -> None:
    """Changed in one cell, the example is a real row, whose every claim its quote carries."""
    sheet = tmp_path / "t.csv"
    text = run("import", "--template").stdout.replace("Le projet AlterMed,", "AlterMed,", 1)
    sheet.write_text(text, encoding="utf-8")
    result = run("import", sheet, "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    assert validate_file(timeline_copy) == []


# -- worded dates -------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("dès 2004", "2004/"), ("à partir de 2002", "2002/"), ("depuis 2004", "2004/.."),
    ("en 2004", "2004"), ("vers 2004", "2004~"), ("années 1990", "199X"),
    ("2019-2021", "2019/2021"), ("mai 2019", "2019-05"), ("fin 2004", "2004"),
    ("since 2004", "2004/.."), ("from 2004", "2004/"), ("circa 2004", "2004~"),
    ("the 1990s", "199X"), ("1er mai 2019", "2019-05-01"), ("Printemps 2001", "2001-21"),
])
def test_worded_dates(typed: str, expected: str) -> None:
    assert from_wording(typed)[0] == expected


def test_the_shipped_labels_read_as_their_dates() -> None:
    from imfhist.timeline.loader import load

    timeline = load(SHIPPED).timeline
    assert timeline is not None
    dated = [e for e in timeline.events if e.date and e.date_label]
    assert dated
    for event in dated:
        assert from_wording(event.date_label)[0] == event.date.value  # type: ignore[union-attr]


def test_the_table_of_worded_dates_is_in_the_docs() -> None:
    docs = Path(__file__).parents[1] / "docs" / "format.md"
    assert markdown_table() in docs.read_text(encoding="utf-8"), (
        "docs/format.md: paste the output of imfhist.timeline.wordings.markdown_table()")


def test_from_and_to_read_worded_dates(run) -> None:
    worded = run("filter", "--from", "dès 2019", "--format", "json")
    assert worded.exit_code == 0 and '"altermed"' in worded.stdout
    assert worded.stdout == run("filter", "--from", "2019", "--format", "json").stdout


def test_every_kind_of_invented_claim_on_every_shipped_event() -> None:
    """Each event of the shipped timeline, given one claim its quotes do not carry, gets exactly
    one problem, of that claim's rule, at that claim."""
    from imfhist.checking.rules.claims import Claims
    from imfhist.timeline.loader import load
    from imfhist.timeline.model import Loc, Text

    timeline = load(SHIPPED).timeline
    assert timeline is not None
    claims = Claims(timeline)
    here = Loc("mutated", 999, 1)
    invented = Text("", here)
    for event in timeline.events:
        assert list(claims.unsupported(event)) == []
        said = " ".join(c.quote.value for c in event.sources)
        actor = next(ident for ident, name in (("icosi", "ICOSI"), ("francois-lapena", "Lapena"))
                     if name not in said)
        place = next(p for p in ("tlemcen", "marseille") if p.title() not in said)
        mutants = {
            "claim-date": event._replace(date=invented._replace(value="1987"),
                                         edtf=parse_edtf("1987"), date_label=None),
            "claim-country": event._replace(countries=(*event.countries,
                                                       invented._replace(value="Liban"))),
            "claim-place": event._replace(places=(*event.places, invented._replace(value=place))),
            "claim-region": event._replace(regions=(*event.regions,
                                                    invented._replace(value="Maghreb"))),
            "claim-actor": event._replace(actors=(*event.actors, invented._replace(value=actor))),
        }
        for rule, mutant in mutants.items():
            found = [(p.rule, p.loc) for p in claims.unsupported(mutant)]
            assert found == [(rule, here)], (event.id.value, rule, found)


def test_the_faithfulness_rules_have_examples_in_the_docs() -> None:
    from imfhist.checking import rules

    for ident in ("quote-words", "claim-date", "claim-place", "claim-region", "claim-country",
                  "claim-actor", "duplicate-event"):
        rule = rules.RULES[ident]
        assert rule.example and f"### `{ident}` ({rule.severity})" in rules.markdown()
        assert "It is an error" in rule.summary or "It is a warning" in rule.summary


def test_ci_validates_the_shipped_timeline_strictly() -> None:
    script = (Path(__file__).parents[1] / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert script.rstrip().splitlines()[-1].endswith("imfhist validate --strict")
