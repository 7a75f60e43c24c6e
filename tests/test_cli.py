"""The commands, through Typer's CliRunner, as a user would run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, SHIPPED, write

TUNISIA = ["imf-participe-aux-pcpa", "micro-projets-tunisie", "capitalisation-pcpa-maroc-tunisie"]


def ids(output: str) -> list[str]:
    return [event["id"] for event in json.loads(output)]


# The shipped timeline in story order, which is the order of its source; PLACED are the events
# that a date or a relation places, UNPLACED those that nothing places.
STORY = ["reseau-partenarial-mediterranee", "fondateurs-accompagnes-par-claude-lasnel",
         "echanges-interculturels", "projet-educatif-quartiers-marseille", "pcpa-mis-en-place",
         "imf-participe-aux-pcpa", "mission-internationale-structuree", "projet-far-annaba",
         "projet-nahda-13-tlemcen", "cooperation-entraide-nationale", "micro-projets-tunisie",
         "cooperations-formation-travail-social", "capitalisation-pcpa-maroc-tunisie", "altermed"]
UNPLACED = ["reseau-partenarial-mediterranee", "fondateurs-accompagnes-par-claude-lasnel",
            "projet-educatif-quartiers-marseille", "mission-internationale-structuree"]
PLACED = [i for i in STORY if i not in UNPLACED]


def test_list_shows_every_event_in_date_order(run) -> None:
    result = run("list", "--format", "json")
    assert result.exit_code == 0
    events = json.loads(result.stdout)
    # The story as the source tells it: the exchanges existed by 2004, the experiences led to
    # AlterMed, and what nothing dates stays where the source tells it.
    assert [e["id"] for e in events] == STORY
    by_id = {e["id"]: e for e in events}
    assert all("date" not in by_id[i] and "bounds" not in by_id[i] for i in UNPLACED)
    assert by_id["altermed"]["worded_date"] == "2019–2021"
    assert by_id["imf-participe-aux-pcpa"]["worded_date"] == "dès 2004"
    assert by_id["echanges-interculturels"]["worded_date"] == "by 2004 (durant plusieurs années)"
    assert by_id["capitalisation-pcpa-maroc-tunisie"]["worded_date"] == "between 2004 and 2019"
    assert by_id["projet-far-annaba"]["worded_date"] == "by 2019"
    assert by_id["projet-far-annaba"]["bounds"] == {"start_max": "2019-12-31"}


@pytest.mark.parametrize("country", ["Tunisie", "tunisie", "Tunisia", "TN", "TUN", "tunisié"])
def test_filter_country_any_spelling(run, country: str) -> None:
    result = run("filter", "--country", country, "--format", "json")
    assert result.exit_code == 0
    assert ids(result.stdout) == TUNISIA


def test_filter_repeated_option_is_any_of(run) -> None:
    result = run("filter", "-c", "TN", "-c", "Algérie", "--format", "json")
    assert set(ids(result.stdout)) == {*TUNISIA, "projet-far-annaba", "projet-nahda-13-tlemcen"}


def test_filter_options_combine_with_and(run) -> None:
    result = run("filter", "-c", "Maroc", "--tag", "PCPA", "--format", "json")
    assert ids(result.stdout) == ["imf-participe-aux-pcpa", "capitalisation-pcpa-maroc-tunisie"]


def test_filter_unknown_country_suggests(run) -> None:
    result = run("filter", "--country", "Tunisi")
    assert result.exit_code == 2
    assert "did you mean 'Tunisie'" in result.stderr


def test_filter_no_match_is_empty_and_says_so(run) -> None:
    result = run("filter", "--country", "Japon", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "No event matches" in result.stderr


def test_filter_by_dates_overlap_and_open_ends(run) -> None:
    result = run("filter", "--from", "2010", "--to", "2015", "--format", "json")
    # 2002/ and 2004/ have no known end, so they may reach 2010; 2019/2021 does not. The events
    # placed by relations have no known end either.
    assert ids(result.stdout) == [i for i in PLACED if i != "altermed"]
    result = run("filter", "--from", "2020", "--format", "json")
    assert ids(result.stdout) == PLACED
    result = run("filter", "--to", "2003", "--undated", "--format", "json")
    assert ids(result.stdout)[:5] == STORY[:5]
    assert "altermed" not in ids(result.stdout) and "projet-far-annaba" in ids(result.stdout)


def test_filter_to_keeps_what_may_have_begun_and_certain_what_surely_did(run) -> None:
    result = run("filter", "--to", "2018", "--format", "json")
    assert ids(result.stdout) == [i for i in PLACED if i != "altermed"]
    # The exchanges surely began by 2004 (before the IMF joined the PCPA): certain too.
    result = run("filter", "--to", "2018", "--certain", "--format", "json")
    assert ids(result.stdout) == ["echanges-interculturels", "pcpa-mis-en-place",
                                  "imf-participe-aux-pcpa"]
    result = run("filter", "--from", "2020", "--certain", "--format", "json")
    assert ids(result.stdout) == ["altermed"]
    result = run("filter", "--certain")
    assert result.exit_code == 2 and "--certain" in result.stderr


def test_show_explains_a_derived_bound_with_its_quote(run) -> None:
    result = run("show", "projet-far-annaba")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Date by 2019" in text
    # Each event is named by its title between quotation marks, so that the sentence reads
    # correctly in French whatever the title starts with ("le début de « Le projet … »").
    assert ("Start by 2019 — “Le projet FAR sur Annaba” starts before “Le projet AlterMed sur "
            "l’entrepreneuriat collectif en Méditerranée” starts, according to: « Ce parcours nous "
            "a permis notamment de co-construire") in text
    assert "date of “Le projet AlterMed sur l’entrepreneuriat collectif en Méditerranée”: " \
           "2019–2021" in text
    french = " ".join(run("show", "projet-far-annaba", "--lang", "fr").stdout.split())
    assert "Début au plus tard en 2019 — « Le projet FAR sur Annaba » commence avant le début de " \
           "« Le projet AlterMed sur l’entrepreneuriat collectif en Méditerranée », d’après : " \
           "« Ce parcours" in french
    assert "date de « Le projet AlterMed sur l’entrepreneuriat collectif en Méditerranée » : " \
           "2019–2021" in french
    # No-break spaces keep French punctuation with its word when a line breaks.
    narrow = run("show", "projet-far-annaba", "--lang", "fr", env={"COLUMNS": "60"}).stdout
    lines = narrow.splitlines()
    start = lines[next(n for n, line in enumerate(lines) if line.startswith("Début")):]
    block = start[:next(n for n, line in enumerate(start) if line.startswith("Pays"))]
    assert len(block) > 5
    assert not any(line.split()[0] in (":", "»", ";") for line in block)


def test_chart_draws_derived_spans_apart(run) -> None:
    result = run("chart")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    far = next(line for line in lines if "Le projet FAR" in line)
    assert far.rstrip().endswith("┤") and "·" in far and "━" not in far
    capitalisation = next(line for line in lines if "between 2004 and 2019" in line)
    assert "├" in capitalisation and "┤" in capitalisation
    assert "4 undated events not drawn" in result.stdout
    assert "├··┤ no date: starts between these bounds" in result.stdout


@pytest.mark.parametrize(("relation", "rule", "named"), [
    # AlterMed said to start before the exchanges, which start before the IMF joins the PCPA,
    # within which the capitalisation support takes place, which starts before AlterMed.
    ("starts_before: echanges-interculturels", "relation-cycle",
     ["'echanges-interculturels' (line 130)", "'imf-participe-aux-pcpa' (line 195)",
      "'capitalisation-pcpa-maroc-tunisie' (line 328)", "'altermed' (line 357)"]),
    # AlterMed (2019/2021) said to end before the PCPA are set up (2002/).
    ("before: pcpa-mis-en-place", "relation-conflict",
     ["relation 'before: pcpa-mis-en-place' contradicts the dates",
      "'altermed' is dated 2019–2021 (line 362)",
      "'pcpa-mis-en-place' is dated 2002–? (line 180)"]),
])
def test_validate_names_the_lines_of_a_cycle_or_a_contradiction(
        run, timeline_copy: Path, relation: str, rule: str, named: list[str]) -> None:
    text = timeline_copy.read_text(encoding="utf-8")
    text = text.replace("    date: 2019/2021\n", "    date: 2019/2021\n    relations:\n"
                        f"      - {relation}\n        ref: imf-historique\n"
                        "        quote: Ce parcours nous a permis notamment de co-construire\n", 1)
    timeline_copy.write_text(text, encoding="utf-8")
    result = run("validate", timeline_copy)
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if f" {rule}: " in line]
    assert problems, result.stdout
    # The relation at fault is named at its line; a contradiction that it makes through other
    # relations is reported too, at the first of them, with the whole chain in its hint.
    problem = next(p for p in problems if ":147:9:" in p or ":364:9:" in p)
    for words in named:
        assert words in problem


def test_filter_text_actor_place_region(run) -> None:
    assert ids(run("filter", "--text", "ECONOMIE sociale", "--format", "json").stdout) == [
        "altermed"]
    assert ids(run("filter", "--actor", "lapena", "--format", "json").stdout) == [
        "fondateurs-accompagnes-par-claude-lasnel"]
    assert ids(run("filter", "--place", "Ras Jebel", "--format", "json").stdout) == [
        "micro-projets-tunisie"]
    assert ids(run("filter", "--region", "europe orientale", "--format", "json").stdout) == [
        "imf-participe-aux-pcpa"]
    result = run("filter", "--actor", "lasnell")
    assert result.exit_code == 2 and "did you mean" in result.stderr


def test_filter_bad_date_option(run) -> None:
    result = run("filter", "--from", "20x4")
    assert result.exit_code == 2
    assert "--from" in result.stderr


def test_show_event_in_full(run) -> None:
    result = run("show", "micro-projets-tunisie")
    assert result.exit_code == 0
    for expected in ("Les micro-projets en Tunisie", "Ras Jebel (Tunisia)", "Sidi Bouzid",
                     "«\u00a0De nombreuses expériences", "https://www.imf.asso.fr/pages/?page_id=4398"):
        assert expected in result.stdout


@pytest.mark.parametrize("width", [40, 60, 100, 200])
def test_show_wraps_between_words_beside_its_labels(run, width: int) -> None:
    url = "https://www.imf.asso.fr/pages/?page_id=4398"
    result = run("show", "altermed", env={"COLUMNS": str(width)})
    lines = result.stdout.splitlines()
    assert lines[-1].split()[-1] == url  # an address is kept whole, to be copied
    assert all(len(line) <= width for line in lines if url not in line)
    # Every value starts in the column after the longest label ("Countries" is absent).
    column = len("Summary") + 2
    labelled = [line for line in lines[2:] if line and not line.startswith(" ")]
    assert labelled[0].startswith("Id") and all(line[column - 2:column] == "  " and
                                                line[column] != " " for line in labelled)
    assert all(line.startswith(" " * column) and line[column] != " "
               for line in lines[2:] if line.startswith(" "))
    # No word is cut: the words are those of a line long enough for every value.
    whole = run("show", "altermed", env={"COLUMNS": "1000"}).stdout
    assert max(map(len, whole.splitlines())) < 1000
    assert result.stdout.split() == whole.split()


def test_show_styles_its_labels_and_quotes_on_a_colour_terminal(run) -> None:
    plain = run("show", "altermed").stdout
    assert "\x1b[" not in plain
    coloured = run("show", "altermed", env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout
    assert "\x1b[1mId\x1b[0m       altermed" in coloured
    assert "\x1b[3m«\u00a0Ce parcours" in coloured and "\x1b[4mhttps://" in coloured


def test_show_dates_and_bounds(run) -> None:
    result = run("show", "imf-participe-aux-pcpa")
    assert "dès 2004" in result.stdout and "2004/" in result.stdout
    assert "2004-01-01 to .." in result.stdout


def test_show_unknown_id_suggests(run) -> None:
    result = run("show", "altermd")
    assert result.exit_code == 2
    assert "did you mean 'altermed'" in result.stderr


def test_validate_shipped_timeline_is_clean(run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.stdout
    assert "No problems" in result.stdout


def test_validate_broken_copy_names_all_four_problems(run, timeline_copy: Path) -> None:
    text = timeline_copy.read_text(encoding="utf-8")
    text = text.replace("  - id: projet-nahda-13-tlemcen", "  - id: projet-far-annaba", 1)
    text = text.replace("date: 2019/2021", "date: 2019/20211", 1)
    text = text.replace("actors: [imf, entraide-nationale]", "actors: [imf, entraide]", 1)
    text = text.replace("    title: Le projet FAR sur Annaba\n",
                        "    title: Le projet FAR sur Annaba\n    title: Encore\n", 1)
    timeline_copy.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    result = run("validate", timeline_copy)
    assert result.exit_code == 1
    reported = {}
    for line in result.stdout.splitlines():
        if ": error " in line:
            location, rest = line.split(": error ", 1)
            reported[rest.split(":", 1)[0]] = int(location.rsplit(":", 2)[1])
    assert set(reported) == {"duplicate-id", "edtf", "unknown-actor", "duplicate-key"}
    assert "projet-far-annaba" in lines[reported["duplicate-id"] - 1]
    assert "2019/20211" in lines[reported["edtf"] - 1]
    assert "entraide]" in lines[reported["unknown-actor"] - 1]
    assert "title: Encore" in lines[reported["duplicate-key"] - 1]
    assert "4 errors" in result.stdout


def test_validate_several_files_sorted(run) -> None:
    first, second = DATA / "invalid" / "unknown-key.yaml", DATA / "invalid" / "edtf.yaml"
    result = run("validate", first, second)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if ": error " in line]
    assert lines[0].startswith(str(second.relative_to(Path.cwd())) if second.is_relative_to(
        Path.cwd()) else str(second))
    assert "2 files" in result.stdout


def test_validate_unreadable_file_exits_2(run, tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such file" in result.stdout


def test_file_option_and_environment(run, tmp_path: Path, monkeypatch) -> None:
    other = write(tmp_path, (DATA / "valid" / "minimal.yaml").read_text())
    write(tmp_path, (DATA / "valid" / "minimal-source.txt").read_text(), "minimal-source.txt")
    assert ids(run("list", "--file", other, "--format", "json").stdout) == ["first"]
    monkeypatch.setenv("IMFHIST_FILE", str(other))
    assert ids(run("list", "--format", "json").stdout) == ["first"]
    assert run("validate").exit_code == 0
    # --file wins over the environment.
    assert len(ids(run("list", "--file", SHIPPED, "--format", "json").stdout)) == 14


def test_list_on_a_broken_file_exits_2(run, tmp_path: Path) -> None:
    broken = write(tmp_path, "format: imfhist/1\nevents: [\n")
    result = run("list", "--file", broken)
    assert result.exit_code == 2
    assert "yaml-syntax" in result.stderr and "imfhist validate" in result.stderr


def test_csv_and_markdown(run) -> None:
    csv_text = run("list", "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("id,date,worded_date")
    assert len(csv_text.splitlines()) == 15
    markdown = run("filter", "-c", "TN", "--format", "markdown").stdout
    assert markdown.count("\n| ") == 3 + 1


def test_version_and_help(run) -> None:
    assert run("--version").stdout.startswith("imfhist ")
    for command in ("list", "filter", "show", "validate"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "--file" in result.stdout


def test_usage_error_exits_2(run) -> None:
    result = run("list", "--format", "yaml")
    assert result.exit_code == 2


def test_every_command_knows_its_family() -> None:
    """Running a command imports only its family; one missing from FAMILY_OF still runs, with
    every family imported, only slower."""
    import importlib

    from imfhist import cli

    for family in cli.FAMILIES:
        module = importlib.import_module(f"imfhist.cli.{family}")
        commands = {info.name for info in cli.app.registered_commands
                    if info.callback.__module__ == module.__name__}
        commands |= {info.name for info in cli.app.registered_groups
                     if any(c.callback.__module__ == module.__name__
                            for c in info.typer_instance.registered_commands)}
        assert {name for name, home in cli.FAMILY_OF.items() if home == family} == commands
