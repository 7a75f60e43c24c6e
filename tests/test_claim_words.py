"""Titles and summaries carried by quotes (the claim-words rule).

The mutation tests work on a copy of the shipped timeline: one invented content word in each
title and each summary, in turn, must fail `validate --strict` at that line, naming the word;
another form of a word the quote holds must not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHIPPED
from imfhist.checking.validation import validate_file
from imfhist.timeline.carried import Carried

INVENTED = "clandestin"


def _fields() -> list[tuple[str, int]]:
    """(title or summary, the line of the key) of every event of the shipped timeline."""
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line == "events:")
    return [(m.group(1), n + 1) for n, line in enumerate(lines) if n > start
            for m in [re.match(r"    (title|summary): ", line)] if m]


FIELDS = _fields()


def test_every_title_and_summary_is_mutated() -> None:
    from imfhist.timeline.loader import load

    events = load(SHIPPED).timeline.events  # type: ignore[union-attr]
    assert len(FIELDS) == len(events) + sum(1 for e in events if e.summary) > 20


@pytest.mark.parametrize(("field", "line"), FIELDS, ids=[f"{f}-{n}" for f, n in FIELDS])
def test_one_invented_word_is_found_at_its_line(run, timeline_copy: Path, field: str,
                                                line: int) -> None:
    lines = timeline_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines[line - 1].rstrip().endswith(">-"):  # a folded summary: the word on its first line
        first = lines[line].lstrip()
        lines[line] = lines[line].replace(first, f"{INVENTED} {first}")
    else:
        lines[line - 1] = lines[line - 1].rstrip("\n") + f" {INVENTED}\n"
    timeline_copy.write_text("".join(lines), encoding="utf-8")
    problems = validate_file(timeline_copy)
    assert [(p.rule, p.loc.line) for p in problems] == [("claim-words", line)], problems
    assert f"“{INVENTED}”" in problems[0].message and field in problems[0].message
    result = run("validate", "--strict", timeline_copy)
    assert result.exit_code == 1
    assert f"timeline.yaml:{line}:" in result.output and INVENTED in result.output


@pytest.mark.parametrize(("old", "new"), [
    ("title: L’IMF participe aux PCPA", "title: L’IMF a participé aux PCPA"),
    ("Les activités internationales de l’IMF se développent",
     "Les activités internationales de l’IMF se sont développées"),
    ("title: Les activités internationales de l’IMF se structurent",
     "title: Les activités internationales de l’IMF se structuraient"),
    ("title: Le projet FAR sur Annaba", "title: Les projets FAR sur ANNABA"),
])
def test_another_form_of_a_quoted_word_is_carried(timeline_copy: Path, old: str,
                                                   new: str) -> None:
    text = timeline_copy.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    timeline_copy.write_text(text.replace(old, new), encoding="utf-8")
    assert validate_file(timeline_copy) == []


def test_inflected_forms_are_carried_and_invented_words_are_not() -> None:
    carried = Carried("fr", ["l’IMF a participé aux PCPA et les activités se sont développées"])
    assert carried.missing("L’IMF participe : les activités se développent") == []
    assert carried.missing("L’IMF participe à une formation avec des partenaires") == [
        "formation", "partenaires"]
    english = Carried("en", ["The institute founded two schools in 2004"])
    assert english.missing("The institute founds a school") == []
    assert english.missing("The institute closes a school") == ["closes"]


def test_the_words_of_what_the_event_claims_are_carried(tmp_path: Path) -> None:
    path = tmp_path / "timeline.yaml"
    path.write_text(
        "format: imfhist/1\nlang: fr\nsources:\n  - id: page\n    title: Page\n    author: imf\n"
        "actors:\n  - {id: imf, name: Institut méditerranéen de formation, kind: organisation,"
        " aliases: [IMF]}\n"
        "events:\n  - id: one\n    title: L’IMF fonde une école en 2004\n"
        "    summary: L’Institut méditerranéen de formation fonde une école\n"
        "    date: 2004\n    actors: [imf]\n"
        "    sources: [{ref: page, quote: \"Nous avons fondé une école en 2004.\"}]\n",
        encoding="utf-8")
    assert [p.rule for p in validate_file(path)] == ["source-unarchived"]


def test_a_timeline_without_lang_is_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "timeline.yaml"
    path.write_text(
        "format: imfhist/1\nsources:\n  - {id: page, title: Page}\nevents:\n"
        "  - id: one\n    title: Un titre inventé\n"
        "    sources: [{ref: page, quote: \"Rien de ce que dit le titre ici.\"}]\n",
        encoding="utf-8")
    assert [p.rule for p in validate_file(path)] == ["source-unarchived"]


def test_edit_refuses_a_summary_the_quotes_do_not_carry(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "projet-far-annaba", "--summary",
                 "Un projet de formation mené par l’IMF avec des partenaires à Annaba",
                 "--file", timeline_copy)
    assert result.exit_code == 1, result.output
    assert "claim-words" in result.output
    assert "“formation”" in result.output and "“partenaires”" in result.output
    assert timeline_copy.read_bytes() == before


def test_add_names_the_words_at_the_field(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("add", "-y", "--title", "Le projet Nahda 13 de formation", "--quote",
                 "le projet Nahda 13 à Tlemcen ; la coopération avec l’Entraide nationale "
                 "marocaine", "--file", timeline_copy)
    assert result.exit_code != 0
    assert "title: the title holds words that no quote of the event carries: “formation”" \
        in result.output
    assert timeline_copy.read_bytes() == before


def test_the_shipped_timeline_holds_no_uncarried_word() -> None:
    assert [p for p in validate_file(SHIPPED) if p.rule == "claim-words"] == []


# -- the nearest passage of the archive ------------------------------------------------------

def test_a_quote_with_one_wrong_letter_gets_the_right_passage(run, timeline_copy: Path) -> None:
    from imfhist.timeline.nearest import nearest_passage

    archive = (timeline_copy.parent / "sources"
               / "historique-cooperation-internationale-imf.txt").read_text(encoding="utf-8")
    passage = nearest_passage("le projet Nahda 14 à Tlemcen", archive)
    assert passage is not None and passage.text == "le projet Nahda 13 à Tlemcen"
    assert passage.differences == (("14", "13"),)
    text = timeline_copy.read_text(encoding="utf-8")
    old = "De nombreuses expériences nous ont fait grandir : en Algérie, le projet FAR sur Annaba"
    text = text.replace(old, old.replace("projet FAR", "projt FAR"))
    timeline_copy.write_text(text, encoding="utf-8")
    result = run("validate", timeline_copy)
    assert result.exit_code == 1
    assert f"the closest passage of the page is “{old}”" in " ".join(result.output.split())
    assert "“projt” where the page has “projet”" in result.output


def test_add_shows_the_nearest_passage(run, timeline_copy: Path) -> None:
    result = run("add", "-y", "--title", "Le projet Nahda 13 à Tlemcen", "--quote",
                 "le projet Nahda 14 à Tlemcen ; la coopération avec", "--file", timeline_copy)
    assert result.exit_code != 0
    assert ("the closest passage of the page is “le projet Nahda 13 à Tlemcen ; la coopération "
            "avec” (differs: “14” where the page has “13”)") in result.output


def test_nothing_close_gives_no_passage() -> None:
    from imfhist.timeline.nearest import nearest_passage

    assert nearest_passage("Des chats noirs mangent des souris", "Un texte sur la mer.") is None
    assert nearest_passage("Un texte sur la mer", "Un texte sur la mer.") is None


_LETTERS = st.sampled_from([*"aeéèlmnoprstu’' -,.()", "e\u0301", "™", "ﬁ", "\u00a0", "IMF",
                            "de", "le"])


@settings(max_examples=300, deadline=None)
@given(title=st.lists(_LETTERS, max_size=30).map("".join),
       quote=st.lists(_LETTERS, max_size=60).map("".join))
def test_the_shortcut_for_titles_carried_whole_finds_what_the_word_by_word_check_finds(
        title: str, quote: str) -> None:
    """`missing` answers at once when every word of the title, folded as the quotes are, is a
    quote's word or a function word; it must never answer otherwise than the check of each
    content word as written."""
    from imfhist.timeline.carried import _content_words

    carried = Carried("fr", [quote])
    word_by_word = [word for word, folded in _content_words(title, "fr")
                    if folded not in carried.plain and not carried._carries(word, folded)]
    assert carried.missing(title) == word_by_word
