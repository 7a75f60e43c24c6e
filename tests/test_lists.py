"""A value written twice in an event's lists, a source whose quotes cannot be checked, and what a
remove leaves unused: the rules that find them, and the writing commands that avoid them."""

from __future__ import annotations

from pathlib import Path

from conftest import write
from imfhist.checking.validation import validate_file

PAGE_QUOTE = ("Dès 2004, l’IMF […] a participé aux programmes concertés pluri acteurs (PCPA) et "
              "aux dynamiques qui en sont issues au Maroc, en Algérie, en Tunisie")


def rules_of(path: Path) -> list[str]:
    return [p.rule for p in validate_file(path)]


def test_edit_add_of_a_tag_the_event_has_writes_nothing_and_says_so(run, timeline_copy) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "altermed", "--add-tag", "Projet", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    assert timeline_copy.read_bytes() == before
    assert "already has tag 'Projet'" in result.stderr


def test_edit_add_writes_the_new_values_once_and_skips_the_present_ones(
        run, timeline_copy) -> None:
    result = run("edit", "altermed", "--add-actor", "imf", "--add-tag", "nouveau",
                 "--add-tag", "Nouveau", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    assert "already has actor 'imf'" in result.stderr
    assert "'Nouveau' is given twice" in result.stderr
    text = timeline_copy.read_text()
    assert "entrepreneuriat collectif, nouveau]" in text
    assert "actors: [imf, icosi, manufacture-cooperative]" in text
    assert "repeated-value" not in rules_of(timeline_copy)


def test_edit_can_remove_and_add_back_the_same_value(run, timeline_copy) -> None:
    result = run("edit", "altermed", "--remove-tag", "projet", "--add-tag", "projet",
                 "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    assert "already has" not in result.stderr


def test_add_writes_each_repeated_value_once(run, timeline_copy) -> None:
    result = run("add", "-f", timeline_copy, "--title", "Des programmes concertés", "--date",
                 "2004",
                 "--quote", PAGE_QUOTE, "--actor", "imf", "--actor", "imf", "-c", "MA",
                 "-c", "Maroc", "-c", "Algérie", "--tag", "x", "--tag", "X", "--yes")
    assert result.exit_code == 0, result.output
    text = timeline_copy.read_text()
    assert "countries: [MA, Algérie]" in text
    assert "actors: [imf]" in text and "tags: [x]" in text
    assert "repeated-value" not in rules_of(timeline_copy)


def test_import_writes_each_repeated_value_once(run, timeline_copy, tmp_path) -> None:
    sheet = tmp_path / "rows.csv"
    sheet.write_text("title,date,quote,countries,tags\n"
                     f'Des programmes concertés,2004,"{PAGE_QUOTE}","Maroc; MA","x; x"\n',
                     encoding="utf-8")
    result = run("import", sheet, "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    text = timeline_copy.read_text()
    assert "countries: [Maroc]" in text and "tags: [x]" in text


def test_repeated_value_points_at_the_repeat_and_names_the_first(tmp_path) -> None:
    path = write(tmp_path, """\
format: imfhist/1
sources:
  - {id: s, title: S}
events:
  - id: one
    title: One
    tags:
      - Économie
      - economie
    sources: [{ref: s, quote: the words}]
""")
    problem = next(p for p in validate_file(path) if p.rule == "repeated-value")
    assert (problem.loc.line, problem.loc.column) == (9, 9)
    assert "'economie' repeats 'Économie' (line 8)" in problem.message


def test_strict_validation_fails_on_a_repeat(run, tmp_path) -> None:
    path = write(tmp_path, (Path(__file__).parent / "data" / "invalid" / "repeated-value.yaml")
                 .read_text(encoding="utf-8"))
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "full-source.txt").write_bytes(
        (Path(__file__).parent / "data" / "invalid" / "sources" / "full-source.txt").read_bytes())
    assert run("validate", path).exit_code == 0
    assert run("validate", "--strict", path).exit_code == 1


def test_after_init_a_made_up_quote_is_not_silently_accepted(run, tmp_path) -> None:
    target = tmp_path / "data" / "timeline.yaml"
    assert run("init", target).exit_code == 0, "init"
    assert "imfhist source add" in target.read_text()
    result = run("add", "-f", target, "--title", "Made up", "--quote",
                 "words that no page ever said here", "--yes")
    assert result.exit_code == 0, result.output
    problems = [p for p in validate_file(target) if p.rule == "source-unarchived"]
    assert len(problems) == 1 and "cannot be checked" in problems[0].message
    assert "imfhist source add" in (problems[0].hint or "")
    assert run("validate", "--strict", target).exit_code == 1


def test_an_archived_or_uncited_source_is_not_reported(tmp_path) -> None:
    path = write(tmp_path, """\
format: imfhist/1
sources:
  - {id: s, title: S, archive: s.txt}
  - {id: unread, title: Unread}
events:
  - id: one
    title: One
    sources: [{ref: s, quote: the words}]
""")
    (tmp_path / "s.txt").write_text("the words\n", encoding="utf-8")
    assert "source-unarchived" not in rules_of(path)


def test_remove_says_what_no_event_names_any_more_and_keeps_it(run, timeline_copy) -> None:
    result = run("remove", "projet-educatif-quartiers-marseille", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    assert "place 'marseille' is named by no event" in result.stderr
    assert "imfhist remove ID" in result.stderr
    assert "id: marseille" in timeline_copy.read_text()
    unused = {p.message for p in validate_file(timeline_copy) if p.rule == "unused"}
    assert unused == {"no event refers to place 'marseille'"}


def test_remove_of_an_event_whose_references_others_share_says_nothing_more(
        run, timeline_copy) -> None:
    result = run("remove", "mission-internationale-structuree", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    assert "named by no event" not in result.stderr and "cited by no event" not in result.stderr


def test_duplicate_of_an_undated_event_does_not_speak_of_a_date(tmp_path) -> None:
    path = write(tmp_path, """\
format: imfhist/1
sources:
  - {id: s, title: S}
events:
  - {id: one, title: One, sources: [{ref: s, quote: the same words}]}
  - {id: two, title: Two, sources: [{ref: s, quote: the same words}]}
""")
    problem = next(p for p in validate_file(path) if p.rule == "duplicate-event")
    assert "neither has a date" in problem.message and "same date" not in problem.message
