"""Actors, places and sources as keepers look for them: `imfhist show ID` of any object, an actor
found by its alias, and `imfhist rename` keeping the old id in `former_ids`, so that what was
published with it still finds the object; former ids are checked as ids are."""

from __future__ import annotations

from pathlib import Path

from imfhist.checking.validation import validate_file


def test_rename_keeps_the_old_id_and_says_so(run, timeline_copy: Path) -> None:
    result = run("rename", "-f", timeline_copy, "projet-far-annaba", "far-annaba")
    assert result.exit_code == 0, result.output
    assert "'projet-far-annaba' is kept in its former_ids" in result.output
    text = timeline_copy.read_text(encoding="utf-8")
    assert "  - id: far-annaba\n" in text and "    former_ids: [projet-far-annaba]\n" in text
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []
    again = run("rename", "-f", timeline_copy, "far-annaba", "far")
    assert again.exit_code == 0
    assert "    former_ids: [projet-far-annaba, far-annaba]\n" in \
        timeline_copy.read_text(encoding="utf-8")


def test_renaming_back_takes_the_id_out_of_former_ids(run, timeline_copy: Path) -> None:
    """The IMF is also the author of the source (`author: imf`): renamed there too."""
    before = timeline_copy.read_text(encoding="utf-8")
    assert run("rename", "-f", timeline_copy, "imf", "institut").exit_code == 0
    assert run("rename", "-f", timeline_copy, "institut", "imf").exit_code == 0
    text = timeline_copy.read_text(encoding="utf-8")
    assert "former_ids: [institut]" in text
    assert text.replace("\n    former_ids: [institut]", "") == before


def test_a_former_id_that_names_another_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "format: imfhist/1\nsources:\n  - {id: s, title: S}\nevents:\n"
        "  - id: a\n    title: A\n    sources: [{ref: s, quote: q}]\n"
        "  - id: b\n    title: B\n    sources: [{ref: s, quote: q}]\n    former_ids: [a, Bad_Id]\n",
        encoding="utf-8")
    found = {(p.rule, p.loc.line) for p in validate_file(path)}
    assert ("duplicate-id", 11) in found and ("id-format", 11) in found


def test_show_takes_the_id_of_an_actor_a_place_or_a_source(run) -> None:
    actor = run("--lang", "fr", "show", "imf").stdout
    assert actor.startswith("IMF\n") and "Sorte" in actor and "organisation" in actor
    assert "altermed: Le projet AlterMed" in actor
    place = run("show", "annaba").stdout
    assert "Country  Algeria" in place and "projet-far-annaba: Le projet FAR sur Annaba" in place
    source = run("show", "imf-historique").stdout
    assert "https://www.imf.asso.fr/pages/?page_id=4398" in source and "Author     imf" in source
    assert run("show", "nope").exit_code == 2


def test_show_names_an_objects_former_ids(run, timeline_copy: Path) -> None:
    assert run("rename", "-f", timeline_copy, "annaba", "annaba-dz").exit_code == 0
    assert "Former ids  annaba" in run("show", "-f", timeline_copy, "annaba-dz").stdout


def test_filter_finds_an_actor_by_its_alias(run, timeline_copy: Path) -> None:
    assert run("filter", "-f", timeline_copy, "--actor", "l’institut").exit_code == 2
    assert run("edit", "-f", timeline_copy, "imf", "--add-alias", "l’institut").exit_code == 0
    by_alias = run("filter", "-f", timeline_copy, "--actor", "L'Institut", "--format", "csv")
    by_id = run("filter", "-f", timeline_copy, "--actor", "imf", "--format", "csv")
    assert by_alias.exit_code == 0 and by_alias.stdout == by_id.stdout
