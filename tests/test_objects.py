"""Keeping without opening the YAML: `imfhist edit` on actors, places, sources and the timeline's
own fields, an event's relations and bounds from options, `remove --with-relations`, relations
in `add` and `import`, the editor for every object, and the exit codes of refusals."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from imfhist.checking.validation import validate_file

GROW = "De nombreuses expériences nous ont fait grandir"
PATH_QUOTE = "Ce parcours nous a permis notamment de co-construire"
DES_2004 = "Dès 2004, l’IMF, à la recherche d’un cadre de coopération"


def changed(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """(removed, added) lines, line ends kept."""
    removed, added = [], []
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    for line in difflib.ndiff(old, new):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def strict_ok(run, path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--strict", path)
    assert result.exit_code == 0, result.output


# -- actors, places, sources, the timeline ----------------------------------------------------

def test_an_alias_in_french_is_one_line_and_validate_strict_passes(
        run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "imf", "--add-alias", "l’institut", "-f", timeline_copy, "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "«\u00a0imf\u00a0» modifié dans" in result.stderr
    removed, added = changed(before, timeline_copy.read_bytes())
    assert removed == [] and added == ["    aliases: [l’institut]\n"]
    text = timeline_copy.read_text(encoding="utf-8")
    assert "description: Acteur atypique de la coopération internationale\n" \
        "    aliases: [l’institut]\n  - id: francois-lapena" in text
    strict_ok(run, timeline_copy)
    # Once more: said, not written twice; then a second alias joins the list.
    again = run("edit", "imf", "--add-alias", "L’Institut", "-f", timeline_copy)
    assert again.exit_code == 0 and "already called" in again.stderr
    assert timeline_copy.read_text(encoding="utf-8") == text
    assert run("edit", "imf", "--add-alias", "IMF", "-f", timeline_copy).exit_code == 0
    assert run("edit", "imf", "--remove-alias", "l’institut", "-f", timeline_copy).exit_code == 0
    assert run("edit", "pcpa", "--add-alias", "les PCPA", "--remove-alias", "PCPA", "-f",
               timeline_copy).exit_code == 0
    assert "    aliases: [les PCPA]\n" in timeline_copy.read_text(encoding="utf-8")
    missing = run("edit", "imf", "--remove-alias", "personne", "-f", timeline_copy)
    assert missing.exit_code == 1 and "no alias 'personne'" in missing.stderr


def test_an_actor_s_kind_typed_in_french_is_stored_as_the_format_says(
        run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "gip-mdem", "--kind", "personne", "-f", timeline_copy, "--lang", "fr")
    assert result.exit_code == 0, result.output
    removed, added = changed(before, timeline_copy.read_bytes())
    assert removed == ["    kind: organisation\n"] and added == ["    kind: person\n"]
    assert timeline_copy.read_bytes().count(b"kind: person\n") == 3
    wrong = run("edit", "gip-mdem", "--kind", "club", "-f", timeline_copy, "--lang", "fr")
    assert wrong.exit_code == 1
    assert "«\u00a0club\u00a0» n’est pas une sorte d’acteur" in wrong.stderr
    strict_ok(run, timeline_copy)


def test_an_actor_s_description_is_added_in_its_own_indentation_and_removed(
        run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "gip-mdem", "--description", "Une mission : « échanges »", "-f",
                 timeline_copy)
    assert result.exit_code == 0, result.output
    removed, added = changed(before, timeline_copy.read_bytes())
    assert removed == [] and added == ['    description: "Une mission : « échanges »"\n']
    assert run("edit", "gip-mdem", "--description", "", "-f", timeline_copy).exit_code == 0
    assert timeline_copy.read_bytes() == before
    # A long description in a folded block is replaced where it stands.
    assert run("edit", "pcpa", "--description", "Des programmes", "-f",
               timeline_copy).exit_code == 0
    removed, added = changed(before, timeline_copy.read_bytes())
    assert added == ["    description: Des programmes\n"] and len(removed) == 3


def test_the_timeline_s_description_title_and_language(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    dry = run("edit", "--timeline", "--description", "L’histoire de la mission.", "-f",
              timeline_copy, "--dry-run")
    assert dry.exit_code == 0 and "+description: L’histoire de la mission.\n" in dry.stdout
    assert timeline_copy.read_bytes() == before
    result = run("edit", "--timeline", "--description", "L’histoire de la mission.", "-f",
                 timeline_copy, "--lang", "fr")
    assert result.exit_code == 0, result.output
    removed, added = changed(before, timeline_copy.read_bytes())
    assert removed == [] and added == ["description: L’histoire de la mission.\n"]
    assert "lang: fr\ndescription: L’histoire de la mission.\n\nsources:" in \
        timeline_copy.read_text(encoding="utf-8")
    strict_ok(run, timeline_copy)
    assert run("edit", "--timeline", "--title", "Historique", "--timeline-lang", "fr-FR", "-f",
               timeline_copy).exit_code == 0
    removed, added = changed(before, timeline_copy.read_bytes())
    assert "title: Historique\n" in added and "lang: fr-FR\n" in added
    bad = run("edit", "--timeline", "--timeline-lang", "français", "-f", timeline_copy)
    assert bad.exit_code == 1 and "language code" in bad.stderr
    assert run("edit", "--timeline", "--description", "", "--title", "Historique de la mission "
               "de coopération internationale de l’IMF", "--timeline-lang", "fr", "-f",
               timeline_copy).exit_code == 0
    assert timeline_copy.read_bytes() == before
    # --timeline takes no id, and only what a timeline has.
    assert run("edit", "--timeline", "imf", "--title", "x", "-f", timeline_copy).exit_code == 2
    misfit = run("edit", "--timeline", "--kind", "person", "-f", timeline_copy)
    assert misfit.exit_code == 2 and "--kind applies to an actor" in misfit.stderr
    assert run("edit", "-f", timeline_copy, "--title", "x").exit_code == 2


def test_a_place_and_a_source(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "imf-historique", "--publisher", "Institut méditerranéen de formation",
                 "--url", "", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    removed, added = changed(before, timeline_copy.read_bytes())
    assert removed == ["    publisher: IMF\n",
                       "    url: https://www.imf.asso.fr/pages/?page_id=4398\n"]
    assert added == ["    publisher: Institut méditerranéen de formation\n"]
    # The page's "nous" is the IMF's: with another author, claims it carries would not be.
    author = run("edit", "imf-historique", "--author", "ICOSI", "-f", timeline_copy)
    assert author.exit_code == 1 and "claim-actor" in author.stderr
    nobody = run("edit", "imf-historique", "--author", "nobody", "-f", timeline_copy)
    assert nobody.exit_code == 1 and "no actor has the id or name 'nobody'" in nobody.stderr
    assert run("edit", "imf-historique", "--author", "IMF", "--publisher", "IMF", "-f",
               timeline_copy).exit_code == 0
    bad_url = run("edit", "imf-historique", "--url", "javascript:alert(1)", "-f", timeline_copy)
    assert bad_url.exit_code == 1 and "source-url" in bad_url.stderr
    # A place's name that no quote carries is refused by the claim rules.
    text = timeline_copy.read_bytes()
    moved = run("edit", "marseille", "--name", "Lyon", "-f", timeline_copy)
    assert moved.exit_code == 1 and "claim-place" in moved.stderr
    unknown = run("edit", "marseille", "--country", "Atlantide", "-f", timeline_copy)
    assert unknown.exit_code == 1 and "Atlantide" in unknown.stderr
    assert timeline_copy.read_bytes() == text
    required = run("edit", "marseille", "--name", "", "-f", timeline_copy)
    assert required.exit_code == 1 and "cannot be removed" in required.stderr
    assert timeline_copy.read_bytes() == text
    assert run("edit", "marseille", "--country", "FR", "-f", timeline_copy).exit_code == 0
    removed, added = changed(text, timeline_copy.read_bytes())
    assert removed == ["    country: France\n"] and added == ["    country: FR\n"]


def test_options_that_do_not_fit_the_object_are_refused_by_name(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "imf", "--country", "France", "-f", timeline_copy)
    assert result.exit_code == 2
    assert "--country applies to a place; 'imf' is an actor" in result.stderr
    result = run("edit", "altermed", "--name", "AlterMed", "-f", timeline_copy)
    assert result.exit_code == 2
    assert "--name applies to an actor or a place; 'altermed' is an event" in result.stderr
    result = run("edit", "marseille", "--title", "x", "-f", timeline_copy, "--lang", "fr")
    assert result.exit_code == 2 and "«\u00a0marseille\u00a0» est un lieu" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_an_id_two_objects_share_is_refused_unless_its_kind_is_said(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("format: imfhist/1\nsources:\n  - id: s\n    title: S\nactors:\n"
                    "  - id: oran\n    name: Oran\n    kind: organisation\nplaces:\n"
                    "  - id: oran\n    name: Oran\n    country: DZ\nevents:\n  - id: first\n"
                    "    title: First\n    sources:\n      - ref: s\n"
                    "        quote: the first words of the page\n", encoding="utf-8")
    before = path.read_bytes()
    result = run("edit", "oran", "--name", "Wahran", "-f", path)
    assert result.exit_code == 2 and "an actor and a place" in result.stderr
    assert "actor:oran" in result.stderr and path.read_bytes() == before
    assert run("edit", "place:oran", "--name", "Wahran", "-f", path).exit_code == 0
    assert "  - id: oran\n    name: Wahran\n    country: DZ\n" in path.read_text()
    assert "    name: Oran\n    kind: organisation\n" in path.read_text()


def test_crlf_and_flow_lists(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    text = ("format: imfhist/1\r\nsources:\r\n  - id: s\r\n    title: S\r\nactors:\r\n"
            "  -   id: a\r\n      name: A\r\n      kind: person\r\nevents:\r\n  - id: first\r\n"
            "    title: First\r\n    sources:\r\n      - ref: s\r\n"
            "        quote: the first words of the page\r\n")
    path.write_bytes(text.encode())
    assert run("edit", "a", "--description", "Une personne", "-f", path).exit_code == 0
    assert path.read_bytes() == text.replace(
        "kind: person\r\n", "kind: person\r\n      description: Une personne\r\n").encode()
    flow = tmp_path / "flow.yaml"
    flow.write_text(text.replace("\r\n", "\n").replace(
        "actors:\n  -   id: a\n      name: A\n      kind: person\n",
        "actors: [{id: a, name: A, kind: person}]\n"))
    assert run("edit", "a", "--name", "B", "-f", flow).exit_code == 0
    assert "actors: [{id: a, name: B, kind: person}]\n" in flow.read_text()
    before = flow.read_bytes()
    result = run("edit", "a", "--description", "x", "-f", flow)
    assert result.exit_code == 2 and "flow mapping" in result.stderr
    assert flow.read_bytes() == before


# -- relations and bounds ---------------------------------------------------------------------

def test_a_relation_added_with_its_quote_then_removed_in_french(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    quote = "les micro-projets en Tunisie, à Ras Jebel ou à Sidi Bouzid"
    args = ["micro-projets-tunisie", "-f", timeline_copy, "--lang", "fr"]
    dry = run("edit", *args, "--add-relation", "during:imf-participe-aux-pcpa", "--quote",
              quote, "--dry-run")
    assert dry.exit_code == 0 and "+      - during: imf-participe-aux-pcpa\n" in dry.stdout
    assert timeline_copy.read_bytes() == before
    result = run("edit", *args, "--add-relation", "during:imf-participe-aux-pcpa", "--quote",
                 quote)
    assert result.exit_code == 0, result.output
    removed, added = changed(before, timeline_copy.read_bytes())
    assert removed == []
    assert added == ["      - during: imf-participe-aux-pcpa\n",
                     "        ref: imf-historique\n", f"        quote: {quote}\n"]
    strict_ok(run, timeline_copy)
    assert "pas avant 2004" in run("show", "micro-projets-tunisie", "-f", timeline_copy,
                                   "--lang", "fr").stdout
    result = run("edit", *args, "--remove-relation", "during:imf-participe-aux-pcpa")
    assert result.exit_code == 0, result.output
    assert timeline_copy.read_bytes() == before
    missing = run("edit", *args, "--remove-relation", "before:altermed")
    assert missing.exit_code == 1 and "starts_before:altermed" in missing.stderr


def test_relations_that_break_the_timeline_are_refused_with_the_rule_s_message(
        run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    cycle = run("edit", "altermed", "--add-relation", "before:projet-far-annaba", "--quote",
                PATH_QUOTE, "-f", timeline_copy)
    assert cycle.exit_code == 1 and "relation-cycle" in cycle.stderr
    conflict = run("edit", "pcpa-mis-en-place", "--add-relation", "after:altermed", "--quote",
                   PATH_QUOTE, "-f", timeline_copy)
    assert conflict.exit_code == 1 and "relation-conflict" in conflict.stderr
    for relation, quote, said in (
            ("before:altermed", "des mots que la page ne contient pas du tout", "not in source"),
            ("before:altermd", PATH_QUOTE, "altermed"),
            ("avant:altermed", PATH_QUOTE, "not a kind of relation"),
            ("altermed", PATH_QUOTE, "KIND:EVENT"),
            ("before:micro-projets-tunisie", PATH_QUOTE, "itself")):
        result = run("edit", "micro-projets-tunisie", "--add-relation", relation, "--quote",
                     quote, "-f", timeline_copy)
        assert result.exit_code == 1 and said in result.stderr, relation
    unquoted = run("edit", "micro-projets-tunisie", "--add-relation", "before:altermed", "-f",
                   timeline_copy)
    assert unquoted.exit_code == 1 and "needs --quote" in unquoted.stderr
    already = run("edit", "micro-projets-tunisie", "--add-relation", "starts_before:altermed",
                  "--quote", PATH_QUOTE, "-f", timeline_copy)
    assert already.exit_code == 0 and "already has" in already.stderr
    assert timeline_copy.read_bytes() == before


def test_bounds_in_words_added_replaced_and_removed(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "micro-projets-tunisie", "--add-bound", "not_before:2004", "--quote",
                 DES_2004, "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    removed, added = changed(before, timeline_copy.read_bytes())
    assert removed == [] and added == ["    not_before:\n", '      date: "2004"\n',
                                       "      ref: imf-historique\n",
                                       f"      quote: {DES_2004}\n"]
    strict_ok(run, timeline_copy)
    again = run("edit", "micro-projets-tunisie", "--add-bound", "not_before:mai 2004", "--quote",
                DES_2004, "-f", timeline_copy)
    assert again.exit_code == 0, again.output
    assert "      date: 2004-05\n" in timeline_copy.read_text() and \
        timeline_copy.read_text().count("not_before:") == 1
    interval = run("edit", "micro-projets-tunisie", "--add-bound", "not_after:dès 2004",
                   "--quote", DES_2004, "-f", timeline_copy)
    assert interval.exit_code == 1 and "not an interval" in interval.stderr
    late = run("edit", "micro-projets-tunisie", "--add-bound", "not_before:2020", "--quote",
               DES_2004, "-f", timeline_copy)
    assert late.exit_code == 1 and "relation-conflict" in late.stderr
    assert run("edit", "micro-projets-tunisie", "--remove-bound", "not_before", "-f",
               timeline_copy).exit_code == 0
    assert timeline_copy.read_bytes() == before
    none = run("edit", "micro-projets-tunisie", "--remove-bound", "not_after", "-f",
               timeline_copy)
    assert none.exit_code == 1 and "no not_after" in none.stderr


def test_an_event_gets_its_first_relation_after_its_sources(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("format: imfhist/1\nsources:\n  - id: s\n    title: S\nevents:\n"
                    "  - id: first\n    title: First\n    sources:\n      - ref: s\n"
                    "        quote: the first words of the page\n\n"
                    "  - id: second\n    title: Second\n    tags: [x]\n    sources:\n"
                    "      - ref: s\n        quote: the second words of the page\n")
    before = path.read_bytes()
    result = run("edit", "first", "--add-relation", "before:second", "--quote",
                 "the first words of the page", "-f", path)
    assert result.exit_code == 0, result.output
    assert "        quote: the first words of the page\n    relations:\n      - before: second\n"\
        "        ref: s\n        quote: the first words of the page\n\n  - id: second" \
        in path.read_text()
    assert run("edit", "first", "--remove-relation", "before:second", "-f",
               path).exit_code == 0
    assert path.read_bytes() == before


# -- removing an event that relations name ------------------------------------------------------

def test_remove_lists_the_commands_then_removes_with_relations_in_french(
        run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    refused = run("remove", "imf-participe-aux-pcpa", "-f", timeline_copy, "--lang", "fr")
    assert refused.exit_code == 1 and timeline_copy.read_bytes() == before
    for command in ("imfhist edit echanges-interculturels --remove-relation "
                    "starts_before:imf-participe-aux-pcpa",
                    "imfhist edit capitalisation-pcpa-maroc-tunisie --remove-relation "
                    "during:imf-participe-aux-pcpa"):
        assert command in refused.stderr
    assert "--with-relations" in refused.stderr
    result = run("remove", "imf-participe-aux-pcpa", "--with-relations", "-f", timeline_copy,
                 "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "during:imf-participe-aux-pcpa" in result.stderr
    assert "capitalisation-pcpa-maroc-tunisie" in result.stderr
    text = timeline_copy.read_text(encoding="utf-8")
    assert "imf-participe-aux-pcpa" not in text
    removed, added = changed(before, timeline_copy.read_bytes())
    assert added == []
    assert "      - during: imf-participe-aux-pcpa\n" in removed
    assert "    relations:\n" in removed  # echanges-interculturels had only that one
    assert "      - starts_before: altermed\n" not in removed
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []


# -- add and import -----------------------------------------------------------------------------

def test_add_with_relations(run, timeline_copy: Path) -> None:
    result = run("add", "-f", timeline_copy, "--title", "Des expériences", "--quote", GROW,
                 "--relation", "starts_before:altermed", "--relation-quote", PATH_QUOTE, "--yes")
    assert result.exit_code == 0, result.output
    assert ("    sources:\n      - ref: imf-historique\n        quote: " + GROW + "\n"
            "    relations:\n      - starts_before: altermed\n        ref: imf-historique\n"
            f"        quote: {PATH_QUOTE}\n") in timeline_copy.read_text(encoding="utf-8")
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []
    before = timeline_copy.read_bytes()
    for relation, said in (("during:nowhere", "no event has the id"),
                           ("whenever:altermed", "not a kind of relation")):
        refused = run("add", "-f", timeline_copy, "--title", "Autre", "--quote", GROW,
                      "--relation", relation, "--yes")
        assert refused.exit_code == 1 and said in refused.stderr
    circle = run("add", "-f", timeline_copy, "--title", "Autre", "--quote", GROW, "--relation",
                 "starts_after:altermed", "--relation", "before:altermed", "--yes",
                 "--allow-duplicate")
    assert circle.exit_code == 1 and "relation-cycle" in circle.stderr
    assert timeline_copy.read_bytes() == before


def test_import_reads_relation_columns(run, timeline_copy: Path, tmp_path: Path) -> None:
    for lang, header in (("en", "relations,relation_quote"),
                         ("fr", "relations,citation des relations")):
        template = run("import", "--template", "--lang", lang).stdout
        assert template.splitlines()[0].endswith(header)
    sheet = tmp_path / "rows.csv"
    sheet.write_text("titre;citation;relations;citation des relations\n"
                     f"Des expériences;{GROW};starts_before:altermed;{PATH_QUOTE}\n"
                     f"Un parcours;{PATH_QUOTE};starts_before:des-experiences, "
                     "starts_before:altermed;\n", encoding="utf-8")
    result = run("import", sheet, "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    text = timeline_copy.read_text(encoding="utf-8")
    assert "      - starts_before: des-experiences\n" in text
    assert text.count("      - starts_before: altermed\n") == 8
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []
    bad = tmp_path / "bad.csv"
    bad.write_text(f"title,quote,relations\nAutre,{GROW},during:nowhere\n", encoding="utf-8")
    refused = run("import", bad, "-f", timeline_copy)
    assert refused.exit_code == 1 and "row 2, column relations" in refused.stderr


# -- the editor ---------------------------------------------------------------------------------

def test_the_editor_opens_an_actor(run, timeline_copy: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/^kind: organisation/kind: programme/' \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    before = timeline_copy.read_bytes()
    result = run("edit", "icosi", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    removed, added = changed(before, timeline_copy.read_bytes())
    assert removed == ["    kind: organisation\n"] and added == ["    kind: programme\n"]
    assert run("edit", "place:marseille", "-f", timeline_copy).exit_code == 0  # no change


def test_without_visual_or_editor_the_friendly_editor_never_vi(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from imfhist.cli.editor import EditorFailed, editor_command

    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("vi", "nano", "editor", "sensible-editor"):
        (folder / name).write_text("#!/bin/sh\n")
        (folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    assert editor_command() == [str(folder / "sensible-editor")]
    for name, then in (("sensible-editor", "editor"), ("editor", "nano")):
        (folder / name).unlink()
        assert editor_command() == [str(folder / then)]
    (folder / "nano").unlink()
    with pytest.raises(EditorFailed, match="no editor to open"):
        editor_command()
    monkeypatch.setenv("EDITOR", "vi")  # vi when asked for, of course
    assert editor_command() == ["vi"]
    assert os.environ["PATH"] == str(folder)
