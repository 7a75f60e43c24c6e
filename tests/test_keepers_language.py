"""What a French-speaking keeper types is understood: yes/no answers, kinds of actor, worded days
and seasons; and what a command makes of it has no trap (an export's format follows its file's
extension, a generated id is whole words)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imfhist.checking.validation import validate_file
from imfhist.common import i18n
from imfhist.keeping.writer import MAX_ID_LENGTH, slug
from imfhist.timeline.dates import EdtfError
from imfhist.timeline.model import actor_kind
from imfhist.timeline.wordings import from_wording
from test_adding import QUOTE, added_lines, extend_page


@pytest.fixture
def french():
    with i18n.speaking("fr"):
        yield


@pytest.mark.parametrize(("typed", "expected"), [
    ("du 21 au 25 mars 2022", "2022-03-21/2022-03-25"),
    ("du 30 mars au 2 avril 2022", "2022-03-30/2022-04-02"),
    ("21-25 mars 2022", "2022-03-21/2022-03-25"),
    ("21 mars 2022", "2022-03-21"), ("1er mai 2019", "2019-05-01"),
    ("mars 2022", "2022-03"), ("printemps 2022", "2022-21"), ("hiver 2021", "2021-24"),
    ("from 21 to 25 March 2022", "2022-03-21/2022-03-25"),
    ("from 30 March to 2 April 2022", "2022-03-30/2022-04-02"),
    ("March 21, 2022", "2022-03-21"), ("21st March 2022", "2022-03-21"),
    ("spring 2022", "2022-21"),
])
def test_days_months_and_seasons_are_read_in_both_languages(typed: str, expected: str) -> None:
    assert from_wording(typed) == (expected, None)


def test_an_impossible_day_range_is_refused() -> None:
    with pytest.raises(EdtfError):
        from_wording("du 21 au 35 mars 2022")


def test_an_unread_wording_gives_an_example_of_each_form(french) -> None:
    with pytest.raises(EdtfError) as refused:
        from_wording("un mardi")
    message = str(refused.value)
    for example in ("2004", "2019-2021", "mars 2022", "printemps 2022", "21 mars 2022",
                    "du 21 au 25 mars 2022", "dès 2004", "vers 1995", "années 1990"):
        assert example in message


@pytest.mark.parametrize(("typed", "kind"), [
    ("personne", "person"), ("Personne", "person"), ("person", "person"),
    ("organisation", "organisation"), ("programme", "programme"), ("club", None), ("", None),
])
def test_kinds_of_actor_are_read_in_any_language(typed: str, kind: str | None) -> None:
    assert actor_kind(typed) == kind


def test_new_actor_takes_a_french_kind_and_stores_the_formats(run, timeline_copy: Path) -> None:
    sentence = "En 2004, l’IMF et Jean Dupont se sont rencontrés en Tunisie."
    extend_page(timeline_copy, sentence)
    before = timeline_copy.read_bytes()
    result = run("--lang", "fr", "add", "-f", timeline_copy, "--title", "Rencontrés en Tunisie",
                 "--date", "2004", "-c", "Tunisie", "--actor", "imf", "--new-actor",
                 "Jean Dupont=personne", "--quote", sentence, "--yes")
    assert result.exit_code == 0, result.output
    text = "".join(added_lines(before, timeline_copy.read_bytes()))
    assert "    kind: person\n" in text
    assert validate_file(timeline_copy) == []
    shown = run("--lang", "fr", "show", "-f", timeline_copy, "rencontres-en-tunisie")
    assert "Jean Dupont (personne)" in shown.output


def test_the_dialogue_takes_french_answers(run, timeline_copy: Path) -> None:
    sentence = ("Vers 1995, l’IMF et Un nouveau partenaire se sont rencontrés à Ras Jebel et à "
                "Sousse.")
    extend_page(timeline_copy, sentence)
    answers = "\n".join([
        "Rencontrés à Sousse", "vers 1995", "peut-être", "oui", "", "Tunisia", "",
        "Ras Jebel, Sousse", "o", "Tunisie", "imf, Un nouveau partenaire", "O", "club",
        "organisation", "essai", "", sentence, "oui"]) + "\n"
    result = run("--lang", "fr", "add", "-f", timeline_copy, input=answers)
    assert result.exit_code == 0, result.output
    assert "Répondez oui ou non." in result.output
    assert "[o/n]" in result.output
    assert "Titre\u00a0: " in result.output
    assert "[personne/organisation/programme]" in result.output
    assert validate_file(timeline_copy) == []


def test_no_in_french_declines(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("--lang", "fr", "add", "-f", timeline_copy, "--title", "T", "--date", "2004",
                 "-c", "TN", "--actor", "imf", "--place", "ras-jebel", "--tag", "x", "--quote",
                 QUOTE, input="o\n\n\nnon\n")
    assert result.exit_code == 0, result.output
    assert timeline_copy.read_bytes() == before


@pytest.mark.parametrize(("name", "starts"), [
    ("page.html", "<!doctype html>"), ("page.htm", "<!doctype html>"),
    ("events.json", '{\n  "format": "imfhist/1"'), ("events.csv", "id,"), ("chronologie.md", "#"),
])
def test_export_takes_its_format_from_the_file_name(run, tmp_path: Path, name: str,
                                                    starts: str) -> None:
    result = run("export", "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts)


def test_export_refuses_a_name_it_cannot_read_or_that_contradicts_format(run,
                                                                         tmp_path: Path) -> None:
    result = run("export", "-o", tmp_path / "page.txt")
    assert result.exit_code == 2 and ".html, .json, .csv or .md" in result.output
    result = run("export", "--format", "html", "-o", tmp_path / "page.json")
    assert result.exit_code == 2 and "does not write a .json file" in result.output
    assert not list(tmp_path.iterdir())
    result = run("export", "--format", "timelinejs", "-o", tmp_path / "slides.json")
    assert result.exit_code == 0
    assert "events" in json.loads((tmp_path / "slides.json").read_text(encoding="utf-8"))
    assert run("export", "--format", "markdown", "-o", tmp_path / "notes.txt").exit_code == 0


@pytest.mark.parametrize("title", [
    "Le projet de formation des cadres de l’Institut de promotion sociale de Marseille",
    "L’accompagnement de processus de capitalisation dans les PCPA marocain ou tunisien",
    "The beginning of the cooperation of the institute with the partners of the",
    "Anticonstitutionnellement" * 4,
])
def test_generated_ids_are_whole_words_ending_on_a_content_word(title: str) -> None:
    ident = slug(title)
    assert len(ident) <= MAX_ID_LENGTH
    words = ident.split("-")
    assert words[-1] not in {"de", "la", "le", "l", "the", "of", "des", "du"}
    folded = title.lower().replace("’", "-").replace(" ", "-")
    assert folded.startswith(ident) or len(words) == 1


def test_init_speaks_the_keepers_language_and_validates(run, tmp_path: Path) -> None:
    timeline = tmp_path / "data" / "timeline.yaml"
    result = run("--lang", "fr", "init", timeline)
    assert result.exit_code == 0, result.output
    text = timeline.read_text(encoding="utf-8")
    assert "\ntitle: Une histoire\nlang: fr\n" in text
    assert "# Une source à remplacer" in text and "title: Le titre de la page" in text
    assert run("validate", timeline).exit_code == 0  # no event yet: a warning
    assert run("validate", "--strict", timeline).exit_code == 1
    page = tmp_path / "page.txt"
    page.write_text("Le texte de la page.\n", encoding="utf-8")
    # Another language later: the placeholder is still found, and replaced comments and all.
    result = run("--lang", "en", "source", "add", "-f", timeline, "--id", "page", "--title",
                 "Page", "--from", page)
    assert result.exit_code == 0, result.output
    text = timeline.read_text(encoding="utf-8")
    assert "source-1" not in text and "# Une source à remplacer" not in text
    assert run("validate", timeline).exit_code == 0


def test_init_in_english_writes_lang_en(run, tmp_path: Path) -> None:
    timeline = tmp_path / "timeline.yaml"
    assert run("--lang", "en", "init", timeline).exit_code == 0
    assert "\ntitle: A history\nlang: en\n" in timeline.read_text(encoding="utf-8")
