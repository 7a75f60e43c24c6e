"""`imfhist add` at a terminal: when a check refuses what was typed, the dialogue goes back to the
field at fault and offers what fixes it, keeping every other answer; an empty answer cancels and
writes nothing. Driven through a real pseudo-terminal, as a keeper types."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import read_terminal
from imfhist.checking.validation import validate_file
from test_adding import extend_page

SCRIPT = Path(sys.executable).parent / "imfhist"


def at_terminal(args: list[str], answers: list[str], lang: str = "en") -> tuple[int, str]:
    """Run imfhist with a terminal for stdin, stdout and stderr, typing `answers` one a line."""
    controller, terminal = pty.openpty()
    environment = {**os.environ, "IMFHIST_LANG": lang, "COLUMNS": "200", "TERM": "dumb",
                   "VISUAL": "", "EDITOR": ""}
    process = subprocess.Popen([str(SCRIPT), *args], stdin=terminal, stdout=terminal,
                               stderr=terminal, env=environment, start_new_session=True)
    os.close(terminal)
    os.write(controller, "".join(answer + "\n" for answer in answers).encode())
    shown = read_terminal(controller, deadline=60)
    if process.poll() is None:  # still asking: the answers ran out
        process.kill()
    process.wait(timeout=30)
    os.close(controller)
    return process.returncode, shown.decode("utf-8", "replace").replace("\r\n", "\n")


SENTENCE = "En 2004, l’IMF a rencontré ses partenaires à Ras Jebel, en Tunisie."


@pytest.fixture
def page(timeline_copy: Path) -> Path:
    extend_page(timeline_copy, SENTENCE)
    return timeline_copy


def test_an_actor_the_quote_misses_is_dropped_without_typing_again(page: Path) -> None:
    answers = ["Une rencontre à Ras Jebel", "2004", "y", "", "Tunisie", "", "Ras Jebel",
               "imf, icosi", "", SENTENCE,
               # actors: ICOSI is not named by the quote: change the actors, keep only the IMF
               "2", "imf",
               "",  # the id offered
               "y"]
    code, shown = at_terminal(["add", "-f", str(page)], answers)
    assert code == 0, shown
    assert "actors: no quote of the event names the actor ICOSI" in shown
    assert "1. type another quote" in shown and "2. change the actors" in shown
    text = page.read_text(encoding="utf-8")
    assert "id: une-rencontre-a-ras-jebel" in text and "actors: [imf]" in text
    assert validate_file(page) == []


def test_another_quote_fixes_a_date_it_did_not_carry(page: Path) -> None:
    wrong = "les micro-projets en Tunisie, à Ras Jebel ou à Sidi Bouzid"
    answers = ["Une rencontre à Ras Jebel", "2004", "y", "", "Tunisie", "", "Ras Jebel",
               "imf", "", wrong, "1", SENTENCE, "rencontre-ras-jebel", "y"]
    code, shown = at_terminal(["add", "-f", str(page)], answers)
    assert code == 0, shown
    assert "date: " in shown
    text = page.read_text(encoding="utf-8")
    assert "id: rencontre-ras-jebel" in text
    assert validate_file(page) == []


def test_an_empty_answer_cancels_and_writes_nothing(page: Path) -> None:
    before = page.read_bytes()
    answers = ["Une rencontre à Ras Jebel", "2004", "y", "", "Tunisie", "", "Ras Jebel",
               "imf, icosi", "", SENTENCE, ""]
    code, shown = at_terminal(["add", "-f", str(page)], answers)
    assert code == 1, shown
    assert "Nothing was written." in shown
    assert page.read_bytes() == before


def test_in_french_the_fixes_are_offered_and_o_confirms(page: Path) -> None:
    answers = ["Une rencontre à Ras Jebel", "2004", "o", "", "Tunisie", "", "Ras Jebel",
               "imf, icosi", "", SENTENCE, "2", "imf", "", "o"]
    code, shown = at_terminal(["add", "-f", str(page)], answers, lang="fr")
    assert code == 0, shown
    assert "acteurs\u00a0: aucune citation" in shown
    assert "Titre\u00a0: " in shown
    assert validate_file(page) == []


def test_a_new_actor_named_otherwise_takes_the_quotes_words_as_alias(page: Path) -> None:
    sentence = "En 2004, l’IMF et le centre ont travaillé ensemble en Tunisie."
    extend_page(page, sentence)
    answers = ["Travaillé ensemble", "2004", "y", "", "Tunisie", "", "", "imf, Centre social",
               "y", "organisation", "", sentence, "3", "le centre", "", "y"]
    code, shown = at_terminal(["add", "-f", str(page)], answers)
    assert code == 0, shown
    text = page.read_text(encoding="utf-8")
    assert "name: Centre social" in text and "aliases: [le centre]" in text
    assert validate_file(page) == []


def test_an_actor_of_the_timeline_takes_the_quotes_words_as_alias(page: Path) -> None:
    """The page says "le centre" for an actor the timeline names otherwise: the dialogue gives
    that actor the alias, written with the event in one change."""
    sentence = "En 2004, l’IMF et le centre ont travaillé ensemble en Tunisie."
    extend_page(page, sentence)
    answers = ["Travailler ensemble", "2004", "y", "", "Tunisie", "", "", "imf, icosi", "",
               sentence, "3", "le centre", "", "y"]
    code, shown = at_terminal(["add", "-f", str(page)], answers)
    assert code == 0, shown
    assert "3. give ICOSI the quote's words that name it, as an alias" in shown
    text = page.read_text(encoding="utf-8")
    icosi = text[text.index("  - id: icosi\n"):]
    assert "\n    aliases: [le centre]" in icosi[:icosi.index("\n  - id:", 5)]
    assert "id: travailler-ensemble" in text
    assert validate_file(page) == []


def test_words_the_quote_does_not_hold_are_not_taken_as_alias(page: Path) -> None:
    sentence = "En 2004, l’IMF et le centre ont travaillé ensemble en Tunisie."
    extend_page(page, sentence)
    before = page.read_bytes()
    answers = ["Travailler ensemble", "2004", "y", "", "Tunisie", "", "", "imf, icosi", "",
               sentence, "3", "la maison", ""]
    code, shown = at_terminal(["add", "-f", str(page)], answers)
    assert code == 1, shown
    assert "the quote does not hold “la maison”" in shown
    assert page.read_bytes() == before


def test_a_mistyped_place_is_not_created_by_enter(page: Path) -> None:
    """`Ras Jebl` is close to `Ras Jebel`: the dialogue says so, Enter answers "no", and the
    place is typed again; a new place whose country is left empty is left out."""
    answers = ["Une rencontre à Ras Jebel", "2004", "y", "", "Tunisie", "", "Ras Jebl, Carthage",
               "", "Ras Jebel", "y", "", "imf", "", SENTENCE, "", "y"]
    code, shown = at_terminal(["add", "-f", str(page)], answers)
    assert code == 0, shown
    assert "no place has the id or name 'Ras Jebl' (did you mean 'Ras Jebel'?)" in shown
    assert "Create it? [y/n] (n)" in shown
    assert "'Carthage' is left out." in shown
    text = page.read_text(encoding="utf-8")
    assert "places: [ras-jebel]" in text and "Carthage" not in text
    assert validate_file(page) == []


def test_a_quote_mistyped_by_one_letter_takes_the_pages_words(page: Path) -> None:
    """The quote has "projt": the dialogue offers the page's own passage, and taking it writes
    the event with the page's words."""
    typo = "De nombreuses expériences nous ont fait grandir : en Algérie, le projt FAR sur Annaba"
    answers = ["Le projet FAR sur Annaba", "", "", "Algérie", "", "Annaba", "imf", "", typo,
               "", "", "y"]
    code, shown = at_terminal(["add", "-f", str(page), "--allow-duplicate"], answers)
    assert code == 0, shown
    assert "Take the page's words: “De nombreuses expériences" in shown
    assert "le projet FAR sur Annaba”? [y/n] (y)" in shown
    text = page.read_text(encoding="utf-8")
    assert text.count("le projet FAR sur Annaba") >= 2 and "projt" not in text
    assert [p for p in validate_file(page) if p.is_error] == []
