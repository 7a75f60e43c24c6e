"""`imfhist add` and `imfhist import`: new events written without touching any other byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from imfhist.checking.validation import validate_file
from imfhist.keeping.writer import scalar, slug
from imfhist.timeline.dates import EdtfError
from imfhist.timeline.wordings import from_wording

# Carries every claim the tests make: the year 2004, IMF, Maroc, Algérie, Tunisie, Ras Jebel.
QUOTE = ("Dès 2004, l’IMF […] a participé aux programmes concertés pluri acteurs (PCPA) et aux "
         "dynamiques qui en sont issues au Maroc, en Algérie, en Tunisie […] les micro-projets "
         "en Tunisie, à Ras Jebel ou à Sidi Bouzid")


def extend_page(timeline_copy: Path, sentence: str) -> None:
    """Add a sentence to the copy's archived page, for events the real page does not state."""
    page = next((timeline_copy.parent / "sources").iterdir())
    page.write_text(page.read_text(encoding="utf-8") + "\n" + sentence + "\n", encoding="utf-8")


def added_lines(before: bytes, after: bytes) -> list[str]:
    """`after` must be `before` with lines inserted: return the inserted lines."""
    old, new = before.decode().splitlines(keepends=True), after.decode().splitlines(keepends=True)
    inserted = []
    position = 0
    for line in new:
        if position < len(old) and line == old[position]:
            position += 1
        else:
            inserted.append(line)
    assert position == len(old), "every line of the file is still there, in order"
    return inserted


@pytest.mark.parametrize(("typed", "expected"), [
    ("2004", ("2004", None)), ("2019-2021", ("2019/2021", None)),
    ("dès 2004", ("2004/", "dès 2004")), ("vers 1995", ("1995~", "vers 1995")),
    ("années 1990", ("199X", "années 1990")), ("since 2004", ("2004/..", "since 2004")),
    ("2019-05", ("2019-05", None)), ("jusqu’en 2004", ("../2004", "jusqu’en 2004")),
])
def test_dates_from_wording(typed: str, expected: tuple[str, str | None]) -> None:
    assert from_wording(typed) == expected


def test_unreadable_wording() -> None:
    with pytest.raises(EdtfError):
        from_wording("un mardi")


def test_ids_and_scalars() -> None:
    assert slug("L’IMF participe aux PCPA à Tunis !") == "l-imf-participe-aux-pcpa-a-tunis"
    assert slug("Tunis", ["tunis", "tunis-2"]) == "tunis-3"
    assert slug("¿¡") == "event"
    for value in ("NO", "2019-05-01", "a: b", "#x", "1:20", " padded", "yes", "[x]", "~", ""):
        import yaml

        assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value
    assert scalar("Ras Jebel") == "Ras Jebel"


def test_add_with_options(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("add", "-f", timeline_copy, "--title", "Un micro-projet: à Ras Jebel", "--date",
                 "dès 2004", "-c", "Tunisie", "--actor", "IMF", "--place", "Ras Jebel",
                 "--tag", "essai, séminaire", "--quote", QUOTE, "--yes")
    assert result.exit_code == 0, result.output
    lines = added_lines(before, timeline_copy.read_bytes())
    assert "  - id: un-micro-projet-a-ras-jebel\n" in lines
    assert '    title: "Un micro-projet: à Ras Jebel"\n' in lines
    assert "    date_label: dès 2004\n" in lines and "    places: [ras-jebel]\n" in lines
    assert "    tags: [essai, séminaire]\n" in lines
    assert validate_file(timeline_copy) == []


def test_add_asks_for_each_field(run, timeline_copy: Path) -> None:
    sentence = ("Vers 1995, l’IMF et Un nouveau partenaire se sont rencontrés à Ras Jebel et à "
                "Sousse.")
    extend_page(timeline_copy, sentence)
    before = timeline_copy.read_bytes()
    answers = "\n".join([
        "Rencontrés à Sousse", "vers 1995", "y", "", "Tunisia", "", "Ras Jebel, Sousse", "y",
        "Tunisie", "imf, Un nouveau partenaire", "y", "organisation", "essai", "", sentence,
        "y"]) + "\n"
    result = run("add", "-f", timeline_copy, input=answers)
    assert result.exit_code == 0, result.output
    lines = added_lines(before, timeline_copy.read_bytes())
    text = "".join(lines)
    assert "  - id: sousse\n    name: Sousse\n    country: Tunisie\n" in text
    assert "  - id: un-nouveau-partenaire\n    name: Un nouveau partenaire\n" in text
    assert "    date: 1995~\n    date_label: vers 1995\n" in text
    assert "    actors: [imf, un-nouveau-partenaire]\n" in text
    assert validate_file(timeline_copy) == []


def test_add_asks_again_after_a_mistake(run, timeline_copy: Path) -> None:
    answers = "\n".join(["Les dynamiques", "un mardi", "2004", "y", "", "Tunisi", "Tunisie", "", "",
                         "imf", "", "", "une citation inventée de toutes pièces", QUOTE,
                         "y"]) + "\n"
    result = run("add", "-f", timeline_copy, input=answers)
    assert result.exit_code == 0, result.output
    assert "did you mean 'Tunisie'" in result.output
    assert "the quote is not in source" in result.output
    assert validate_file(timeline_copy) == []


def test_add_refuses_bad_options_and_writes_nothing(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("add", "-f", timeline_copy, "--title", "T", "--date", "2019-13-45", "-c",
                 "Atlantide", "--actor", "nobody", "--quote", "invented", "--yes")
    assert result.exit_code == 1
    for field in ("date:", "countries:", "actors:", "quote:"):
        assert field in result.stderr
    assert timeline_copy.read_bytes() == before


def test_add_declined_writes_nothing(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("add", "-f", timeline_copy, "--title", "T", "--date", "2004", "-c", "TN",
                 "--actor", "imf", "--place", "ras-jebel", "--tag", "x", "--quote", QUOTE,
                 input="y\n\n\nn\n")
    assert result.exit_code == 0 and "Nothing was written" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_add_keeps_line_ends_and_permissions(run, timeline_copy: Path) -> None:
    crlf = timeline_copy.read_bytes().replace(b"\n", b"\r\n")
    timeline_copy.write_bytes(crlf)
    timeline_copy.chmod(0o640)
    result = run("add", "-f", timeline_copy, "--title", "T", "--quote", QUOTE, "--yes")
    assert result.exit_code == 0, result.output
    after = timeline_copy.read_bytes()
    assert after.startswith(crlf) and b"\n" not in after.replace(b"\r\n", b"")
    assert (timeline_copy.stat().st_mode & 0o777) == 0o640


def test_import_csv(run, timeline_copy: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "rows.csv"
    sheet.write_text("titre;date;pays;acteurs;citation\n"
                     f"Dynamiques;dès 2004;Tunisie, Maroc;imf;{QUOTE}\n"
                     f"Programmes concertés;2004;;IMF;{QUOTE}\n", encoding="utf-8-sig")
    before = timeline_copy.read_bytes()
    dry = run("import", sheet, "-f", timeline_copy, "--dry-run")
    assert dry.exit_code == 0 and "- id: dynamiques" in dry.stdout
    assert timeline_copy.read_bytes() == before
    result = run("import", sheet, "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    text = "".join(added_lines(before, timeline_copy.read_bytes()))
    assert "    countries: [Tunisie, Maroc]\n" in text  # columns by ';', so lists by ','
    assert "  - id: programmes-concertes\n" in text and '    date: "2004"\n' in text
    assert validate_file(timeline_copy) == []


def test_import_refuses_a_file_with_one_bad_row(run, timeline_copy: Path,
                                                tmp_path: Path) -> None:
    sheet = tmp_path / "rows.csv"
    sheet.write_text("title,date,pays,actors,quote\n"
                     f'Good,2004,Tunisie,imf,"{QUOTE}"\n'
                     f'Bad,2004,Atlantide,imf,"{QUOTE}"\n', encoding="utf-8")
    before = timeline_copy.read_bytes()
    result = run("import", sheet, "-f", timeline_copy)
    assert result.exit_code == 1
    assert "row 3, column pays: 'Atlantide' is not a country" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_import_template_round_trips(run, tmp_path: Path) -> None:
    for lang in ("en", "fr"):
        template = run("import", "--template", "--lang", lang).stdout
        header = template.splitlines()[0]
        assert ("titre" in header) == (lang == "fr")
        from imfhist.keeping.drafts import read_rows

        drafts, problems, _ = read_rows(template)
        assert problems == [] and drafts[0][1].title == "Le projet AlterMed"


def test_unknown_column_is_named(run, tmp_path: Path) -> None:
    sheet = tmp_path / "rows.csv"
    sheet.write_text("title,colour\nT,red\n", encoding="utf-8")
    result = run("import", sheet)
    assert result.exit_code == 2 and "colour" in result.stderr


def test_killed_between_write_and_rename_leaves_the_original(timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    driver = (
        "import os, signal, sys\n"
        "os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"sys.argv = ['imfhist', 'add', '-f', {str(timeline_copy)!r}, '--title', 'T',"
        f" '--quote', {QUOTE!r}, '--yes']\n"
        "from imfhist.__main__ import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", driver], capture_output=True, timeout=60,
                            env={**os.environ, "LANG": "C.UTF-8"})
    assert result.returncode == -9
    assert timeline_copy.read_bytes() == before
    leftovers = [p.name for p in timeline_copy.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1, "the half-made copy is a separate temporary file"
