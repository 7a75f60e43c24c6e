"""`imfhist source search` finds the sentence to quote; `imfhist source coverage` says what of a
page the timeline does not hold yet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imfhist.timeline.loader import load
from imfhist.timeline.passages import search, sentences
from test_adding import extend_page

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "timeline.yaml"


def test_search_finds_the_far_sentence_first(run) -> None:
    result = run("source", "search", "Annaba", "FAR")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "imf-historique #9"
    assert "le projet FAR sur Annaba" in lines[1]


def test_search_finds_each_shipped_event_from_two_words_of_its_quote() -> None:
    """Every event's quote is found again from two of its longer words, in any form."""
    timeline = load(SHIPPED).timeline
    assert timeline is not None
    for event in timeline.events:
        quote = event.sources[0].quote.value
        long_words = sorted({w for w in quote.replace("’", " ").split() if len(w) > 6},
                            key=quote.index)[:2]
        hits = search(timeline, long_words)
        assert hits, event.id.value
        best = [h for h in hits if h.found == hits[0].found]
        first_words = quote.split("[…]")[0].split()[:4]
        assert any(" ".join(first_words) in h.sentence.text for h in best) or \
            any(w in h.sentence.text for h in best for w in long_words), event.id.value


def test_search_takes_other_forms_and_ignores_case_and_accents(run) -> None:
    result = run("source", "search", "DEVELOPPEES", "--limit", "1")
    assert "se sont développées" in result.stdout
    result = run("source", "search", "micro-projet", "--format", "json")
    found = json.loads(result.stdout)
    assert found and found[0]["source"] == "imf-historique" and "micro-projets" in \
        found[0]["text"]


def test_search_says_when_nothing_is_found_and_refuses_an_unknown_source(run) -> None:
    result = run("source", "search", "zzzz")
    assert result.exit_code == 0 and "No sentence" in result.stderr
    result = run("source", "search", "IMF", "--source", "nope")
    assert result.exit_code == 2 and "no source has the id" in result.stderr


def test_coverage_of_the_shipped_timeline_is_whole(run) -> None:
    result = run("source", "coverage")
    assert result.exit_code == 0
    assert result.stdout == ("imf-historique: 10 of 10 sentences quoted (100%); 1 navigation "
                             "line set aside\n")
    data = json.loads(run("source", "coverage", "--format", "json").stdout)
    assert data[0]["share"] == 1 and data[0]["uncovered"] == []
    assert data[0]["navigation"][0].startswith("Lien Permanent pour cet article")


def test_coverage_lists_what_no_quote_holds(run, timeline_copy: Path) -> None:
    extend_page(timeline_copy, "En 2023, l’IMF a ouvert un nouveau chantier au Liban.")
    result = run("source", "coverage", "imf-historique", "-f", timeline_copy)
    assert result.exit_code == 0
    assert "10 of 11 sentences quoted (91%)" in result.stdout
    assert "#12  En 2023, l'IMF a ouvert un nouveau chantier au Liban." in result.stdout


@pytest.mark.parametrize(("text", "navigation"), [
    ("Accueil", True), ("Nous contacter", True), ("Lien permanent : https://example.org/p", True),
    ("Une phrase qui dit quelque chose de vrai.", False),
    ("Un long titre sans point final qui compte bien des mots", False),
])
def test_navigation_lines_are_told_apart(text: str, navigation: bool) -> None:
    (sentence,) = sentences("s", text)
    assert sentence.navigation is navigation


@pytest.mark.parametrize(("lang", "words"), [("fr", "dates inconnues"), ("en", "dates unknown")])
def test_an_event_with_no_known_date_is_worded_never_raw(run, tmp_path: Path, lang: str,
                                                         words: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("format: imfhist/1\nsources:\n  - {id: s, title: S}\nevents:\n"
                    "  - {id: a, title: A, date: ../.., sources: [{ref: s, quote: q}]}\n",
                    encoding="utf-8")
    shown = run("--lang", lang, "show", "-f", path, "a").stdout
    assert words in shown
    listed = run("--lang", lang, "list", "-f", path, "--format", "csv").stdout
    assert words in listed and ",../..," in listed  # the EDTF column keeps what the file says
    page = run("--lang", lang, "export", "--format", "html", "-f", path).stdout
    assert words in page and ">../..<" not in page
    # It may overlap any range: listed without --certain, not with it.
    assert "a," in run("filter", "-f", path, "--from", "2000", "--to", "2010", "--format",
                       "csv").stdout
    certain = run("filter", "-f", path, "--from", "2000", "--to", "2010", "--certain",
                  "--format", "csv").stdout
    assert "\na," not in certain
