"""Writing commands that lose nothing: which file, locks, links, permissions, every byte kept,
the layouts the writer meets, and edit, remove, rename and source add/check changing only what
they should."""

from __future__ import annotations

import http.server
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from imfhist.checking.validation import validate_file

QUOTE = "De nombreuses expériences nous ont fait grandir"
# A quote of the shipped page that carries a date, countries, places and an actor.
PAGE_QUOTE = ("Dès 2004, l’IMF […] a participé aux programmes concertés pluri acteurs (PCPA) et "
              "aux dynamiques qui en sont issues au Maroc, en Algérie, en Tunisie […] les "
              "micro-projets en Tunisie, à Ras Jebel ou à Sidi Bouzid")
MINIMAL = """\
format: imfhist/1
sources:
  - id: s
    title: S
events:
  - id: first
    title: First
    sources:
      - ref: s
        quote: the first words of the page
"""


SECOND = "the second words of the page"


def diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines, as a line diff sees them."""
    import difflib

    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def add_yes(run, path: Path, title: str = "Des expériences", *extra: str):  # type: ignore[no-untyped-def]
    return run("add", "-f", path, "--title", title, "--quote", QUOTE if "--quote" not in extra
               else extra[extra.index("--quote") + 1], "--yes",
               *[e for n, e in enumerate(extra) if e != "--quote" and
                 (n == 0 or extra[n - 1] != "--quote")])


# -- which file ------------------------------------------------------------------------------


def test_add_in_a_clone_writes_its_timeline(run, timeline_copy: Path, monkeypatch) -> None:
    clone = timeline_copy.parent
    (clone / "data").mkdir()
    shutil.move(timeline_copy, clone / "data" / "timeline.yaml")
    shutil.move(clone / "sources", clone / "data" / "sources")
    (clone / "docs").mkdir()
    monkeypatch.chdir(clone / "docs")
    result = run("add", "--title", "Des expériences", "--quote", QUOTE, "--yes")
    assert result.exit_code == 0, result.output
    assert "id: des-experiences" in (clone / "data" / "timeline.yaml").read_text()
    where = run("where")
    assert where.stdout.strip() == str(Path("..") / "data" / "timeline.yaml") or \
        where.stdout.strip().endswith("data/timeline.yaml")


def test_add_in_an_empty_folder_refuses_and_says_how(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("add", "--title", "x", "--quote", "y", "--yes")
    assert result.exit_code == 2
    assert "--file" in result.stderr and "imfhist init" in result.stderr
    assert "Traceback" not in result.output


def test_settings_name_the_timeline(run, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "history.yaml").write_text(MINIMAL)
    (tmp_path / "pyproject.toml").write_text('[tool.imfhist]\ntimeline = "history.yaml"\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert run("where").stdout.strip().endswith("history.yaml")
    (tmp_path / "sub" / "imfhist.toml").write_text('timeline = "../history.yaml"\n')
    assert "imfhist.toml" in run("where").stderr
    monkeypatch.setenv("IMFHIST_FILE", "elsewhere.yaml")
    assert run("where").stdout.strip() == "elsewhere.yaml"


def test_init_starts_a_timeline_that_add_fills(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "--title", "Notre histoire")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "data" / "timeline.yaml").read_text()
    assert "format: imfhist/1" in text and "$schema=imfhist-1.schema.json" in text
    assert (tmp_path / "data" / "imfhist-1.schema.json").is_file()
    assert run("init").exit_code == 2  # never overwrites
    result = run("add", "--title", "Le début", "--quote", "le début de notre histoire ici",
                 "--source", "source-1",
                 "--yes")
    assert result.exit_code == 0, result.output
    problems = validate_file(tmp_path / "data" / "timeline.yaml")
    assert [p for p in problems if p.is_error] == []


# -- writes that lose nothing ------------------------------------------------------------------


def test_eight_concurrent_adds_all_land(timeline_copy: Path) -> None:
    # Without `lang`, the titles' words are not compared with the quote's (claim-words): the
    # eight titles differ by a number that the quote does not hold.
    timeline_copy.write_text(timeline_copy.read_text().replace("\nlang: fr\n", "\n"))
    script = [sys.executable, "-m", "imfhist", "add", "--file", str(timeline_copy), "--quote",
              QUOTE, "--yes", "--allow-duplicate", "--title"]
    processes = [subprocess.Popen([*script, f"Essai numéro {n}"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for n in range(8)]
    for process in processes:
        assert process.wait(120) == 0, process.stderr.read()  # type: ignore[union-attr]
    text = timeline_copy.read_text()
    for number in range(8):
        assert f"id: essai-numero-{number}\n" in text
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []


def test_a_writer_that_cannot_get_the_lock_writes_nothing(run, timeline_copy: Path,
                                                          monkeypatch) -> None:
    from imfhist.keeping.locking import locked

    before = timeline_copy.read_bytes()
    monkeypatch.setenv("IMFHIST_LOCK_TIMEOUT", "0.2")
    with locked(timeline_copy.resolve()):
        result = add_yes(run, timeline_copy)
    assert result.exit_code == 2 and "IMFHIST_LOCK_TIMEOUT" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_a_symlink_is_written_through(run, timeline_copy: Path) -> None:
    link = timeline_copy.with_name("link.yaml")
    link.symlink_to(timeline_copy.name)
    assert add_yes(run, link).exit_code == 0
    assert link.is_symlink()
    assert "id: des-experiences" in timeline_copy.read_text()


def test_a_read_only_timeline_is_refused(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    timeline_copy.chmod(0o444)
    result = add_yes(run, timeline_copy)
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert timeline_copy.read_bytes() == before
    assert stat.S_IMODE(timeline_copy.stat().st_mode) == 0o444


KEPT = MINIMAL.replace("        quote: the first words of the page\n",
                       "        quote: |+\n          the first words of the page\n\n\n")


@pytest.mark.parametrize(("name", "text"), [
    ("kept blank lines", KEPT),
    ("lone CR", MINIMAL.replace("\n", "\r")),
    ("CRLF", MINIMAL.replace("\n", "\r\n")),
    ("comments", MINIMAL.replace("events:\n", "events:  # the list\n# a note\n") + "# the end\n"),
    ("no final newline", MINIMAL.rstrip("\n")),
])
def test_add_keeps_every_byte(run, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(text.encode())
    result = run("add", "-f", path, "--title", "Second", "--quote", SECOND, "--yes")
    assert result.exit_code == 0, result.output
    new = path.read_bytes().decode()
    import yaml

    assert new.count("\r\n") >= text.count("\r\n")
    if "\r" in text and "\r\n" not in text:
        assert "\n" not in new  # lone CR stays lone CR
    loaded = yaml.safe_load(new)
    assert loaded["events"][0] == yaml.safe_load(text)["events"][0], "the old event reads the same"
    assert loaded["events"][1]["id"] == "second"
    # Every old character is still there, in order: the change only inserted text.
    position = 0
    for character in text:
        position = new.index(character, position) + 1


def test_add_keeps_the_byte_order_mark(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert run("add", "-f", path, "--title", "Second", "--quote", SECOND, "--yes").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + MINIMAL.encode())


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("flow list", MINIMAL.split("events:")[0] + "events: [{id: first, title: First, "
     "sources: [{ref: s, quote: the first words of the page}]}]\n",
     "{id: second, title: Second"),
    ("empty list", MINIMAL.split("events:")[0] + "events: []\n", "  - id: second\n"),
    ("no list", MINIMAL.split("events:")[0], "events:\n  - id: second\n"),
    ("wide dashes", MINIMAL.replace("  - id: first\n    title", "  -   id: first\n      title")
     .replace("    sources:\n      - ref: s\n        quote:", "      sources:\n        - ref: s\n"
              "          quote:"), "  -   id: second\n      title: Second\n"),
    ("alias last", MINIMAL.replace("title: S", "title: &t The title of the page here")
     .replace("quote: the first words of the page", "quote: *t"), "  - id: second\n"),
])
def test_layouts(run, tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text)
    result = run("add", "-f", path, "--title", "Second", "--quote", SECOND, "--yes")
    assert result.exit_code == 0, result.output
    new = path.read_text()
    assert expected in new
    problems = [p for p in validate_file(path) if p.is_error]
    assert [p.rule for p in problems] == [], problems


def test_a_flow_mapping_timeline_is_refused_naming_it(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("{format: imfhist/1, sources: [{id: s, title: S}], events: [{id: a, "
                    "title: A, sources: [{ref: s, quote: the first words of the page}]}]}\n")
    before = path.read_bytes()
    result = run("add", "-f", path, "--title", "Second", "--quote", SECOND, "--yes")
    assert result.exit_code == 2 and "flow mapping" in result.stderr
    assert path.read_bytes() == before


def test_dry_run_prints_the_diff_and_writes_nothing(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("add", "-f", timeline_copy, "--title", "Des expériences", "--quote", QUOTE,
                 "--yes", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("--- a/") and "+  - id: des-experiences" in result.stdout
    assert timeline_copy.read_bytes() == before


# -- edit, remove, rename ----------------------------------------------------------------------


def test_edit_changes_only_the_fields_given(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_text()
    result = run("edit", "altermed", "-f", timeline_copy, "--title", "Le projet AlterMed",
                 "--add-tag", "essai")
    assert result.exit_code == 0, result.output
    removed, added = diff_lines(before, timeline_copy.read_text())
    assert [line.split(":")[0] for line in removed] == ["    title", "    tags"]
    assert added == ["    title: Le projet AlterMed",
                     "    tags: [projet, économie sociale et solidaire, entrepreneuriat collectif, "
                     "essai]"]
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []


def test_edit_lists_by_any_name(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_text()
    result = run("edit", "imf-participe-aux-pcpa", "-f", timeline_copy,
                 "--remove-country", "Tunisia", "--remove-region", "Europe orientale")
    assert result.exit_code == 0, result.output
    removed, added = diff_lines(before, timeline_copy.read_text())
    assert removed == ["    countries: [Maroc, Algérie, Tunisie]",
                       "    regions: [Europe orientale]"]
    assert added == ["    countries: [Maroc, Algérie]"]
    result = run("edit", "imf-participe-aux-pcpa", "-f", timeline_copy, "--add-country", "TN",
                 "--add-region", "Europe orientale")
    assert result.exit_code == 0, result.output
    text = timeline_copy.read_text()
    assert "    countries: [Maroc, Algérie, TN]\n    regions: [Europe orientale]\n" in text
    result = run("edit", "imf-participe-aux-pcpa", "-f", timeline_copy, "--add-country", "Liban")
    assert result.exit_code == 1 and "claim-country" in result.stderr  # the quote says no Liban
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []


def test_edit_refuses_what_would_be_wrong(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("edit", "altermed", "-f", timeline_copy, "--quote",
                 "these are words that the page lacks entirely")
    assert result.exit_code == 1 and "not in source" in result.stderr  # a value refused
    result = run("edit", "altermd", "-f", timeline_copy, "--title", "x")
    assert result.exit_code == 2 and "altermed" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_edit_in_the_editor(run, timeline_copy: Path, tmp_path: Path, monkeypatch) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\nsed -i 's/^title: .*/title: Un projet de terrain multipays/' \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    before = timeline_copy.read_text()
    result = run("edit", "altermed", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    removed, added = diff_lines(before, timeline_copy.read_text())
    assert added == ["    title: Un projet de terrain multipays"] and len(removed) == 1


def test_the_editor_is_offered_again_on_an_error(run, timeline_copy: Path, tmp_path: Path,
                                                 monkeypatch) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/^date: .*/date: someday/' \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    before = timeline_copy.read_bytes()
    result = run("edit", "altermed", "-f", timeline_copy, input="n\n")
    assert result.exit_code == 1
    assert "someday" in result.stderr and "again" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_remove_refuses_what_is_referenced_naming_each_reference(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("remove", "imf", "-f", timeline_copy)
    assert result.exit_code == 1
    assert "names it in actors" in result.stderr and result.stderr.count("event '") >= 2
    assert timeline_copy.read_bytes() == before


def test_remove_an_event_removes_its_lines_only(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_text()
    result = run("remove", "mission-internationale-structuree", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    removed, added = diff_lines(before, timeline_copy.read_text())
    assert added == [] and "  - id: mission-internationale-structuree" in removed
    assert all("mission-internationale" in line or not line.startswith("  - ")
               for line in removed)
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []


def test_an_event_that_relations_name_is_renamed_in_them_and_not_removed(
        run, timeline_copy: Path) -> None:
    before = timeline_copy.read_text()
    result = run("remove", "altermed", "-f", timeline_copy)
    assert result.exit_code == 1 and timeline_copy.read_text() == before
    assert "event 'projet-far-annaba' names it in its relations: imfhist edit projet-far-annaba " \
        "--remove-relation starts_before:altermed" in result.stderr
    assert "--with-relations" in result.stderr
    result = run("rename", "altermed", "altermed-2019", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    _removed, added = diff_lines(before, timeline_copy.read_text())
    assert "    former_ids: [altermed]" in added
    added.remove("    former_ids: [altermed]")
    assert len(added) == 7 and all("altermed-2019" in line for line in added)
    assert timeline_copy.read_text().count("starts_before: altermed-2019") == 6
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []


def test_rename_changes_the_id_and_every_reference(run, timeline_copy: Path) -> None:
    before = timeline_copy.read_text()
    references = before.count("icosi")
    result = run("rename", "icosi", "icosi-asso", "-f", timeline_copy)
    assert result.exit_code == 0, result.output
    removed, added = diff_lines(before, timeline_copy.read_text())
    assert "    former_ids: [icosi]" in added  # the old id is kept, for links published with it
    added.remove("    former_ids: [icosi]")
    assert len(removed) == len(added) and all("icosi-asso" in line for line in added)
    assert timeline_copy.read_text().count("icosi-asso") == references
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []
    assert run("rename", "imf", "icosi-asso", "-f", timeline_copy).exit_code == 1  # taken


# -- sources -----------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Une page</title></head><body>
<nav>Accueil Contact</nav><main><article><h1>Une page</h1>
<p>Le premier paragraphe dit que les ateliers ont commencé en 2004 à Tunis avec le réseau.</p>
<p>Le second paragraphe dit que la coopération s'est étendue au Maroc en 2010.</p>
</article></main><footer>Mentions légales</footer></body></html>"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """A local web server for the pages of a folder: (its address, the folder). Its address is
    not public: it is allowed, and no other (see tests/test_fetch.py)."""
    from imfhist.keeping import fetch_pages

    folder = tmp_path / "site"
    folder.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/loop":  # a redirect that never ends
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    port = server.server_address[1]
    monkeypatch.setattr(fetch_pages, "address_allowed",
                        lambda address, at: str(address) == "127.0.0.1" and at == port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()


def test_source_add_archives_the_main_text_and_check_finds_a_removed_quote(
        run, timeline_copy: Path, site: tuple[str, Path]) -> None:
    address, folder = site
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    before = timeline_copy.read_text()
    result = run("source", "add", "-f", timeline_copy, "--id", "page", "--title", "Une page",
                 "--url", f"{address}/page.html", "--fetch")
    assert result.exit_code == 0, result.output
    archive = (timeline_copy.parent / "sources" / "page.txt").read_text()
    assert "les ateliers ont commencé en 2004" in archive and "Mentions" not in archive
    removed, added = diff_lines(before, timeline_copy.read_text())
    assert removed == [] and "    archive: sources/page.txt" in added
    assert any(line.startswith("    accessed:") for line in added)
    assert run("add", "-f", timeline_copy, "--title", "Ateliers", "--source", "page", "--quote",
               "les ateliers ont commencé en 2004 à Tunis", "--yes").exit_code == 0
    assert run("source", "check", "page", "-f", timeline_copy).exit_code == 0
    (folder / "page.html").write_text(PAGE.replace("les ateliers ont commencé", "ils ont"),
                                      encoding="utf-8")
    result = run("source", "check", "page", "-f", timeline_copy)
    assert result.exit_code == 1 and "GONE" in result.stdout and "ateliers:" in result.stdout
    (folder / "page.html").unlink()
    result = run("source", "check", "page", "-f", timeline_copy)
    assert result.exit_code == 2 and "404" in result.stdout


def test_source_add_from_a_saved_file(run, timeline_copy: Path, tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    result = run("source", "add", "-f", timeline_copy, "--id", "saved", "--title", "Une page",
                 "--from", saved, "--dry-run")
    assert result.exit_code == 0 and "+    archive: sources/saved.txt" in result.stdout
    assert not (timeline_copy.parent / "sources" / "saved.txt").exists()


def test_fetch_follows_few_redirects(site: tuple[str, Path]) -> None:
    from imfhist.keeping.fetch_pages import FetchError, fetch

    address, folder = site
    with pytest.raises(FetchError):
        fetch(f"{address}/missing.html")
    with pytest.raises(FetchError):
        fetch("file:///etc/passwd")
    (folder / "big.txt").write_bytes(b"x" * 2048)
    with pytest.raises(FetchError):
        fetch(f"{address}/big.txt", max_bytes=1024)
    with pytest.raises(FetchError, match="redirect"):
        fetch(f"{address}/loop")


def test_no_traceback_for_bad_settings(run, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "imfhist.toml").write_text("timeline = [\n")
    monkeypatch.chdir(tmp_path)
    result = run("where")
    assert result.exit_code == 2 and "imfhist.toml" in result.stderr
    os.environ.pop("IMFHIST_FILE", None)


# -- checking only what changed ----------------------------------------------------------------


def _without_positions(timeline: object) -> str:
    import re

    return re.sub(r"Loc\([^)]*\)", "Loc", repr(timeline))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_quick_check_builds_the_same_timeline_as_a_full_load(
        timeline_copy: Path, monkeypatch, newline: str) -> None:
    """Each planner's change, checked item by item, gives the timeline a full load of the new
    text gives (positions aside)."""
    from imfhist.keeping import transaction
    from imfhist.keeping.plan_edit import EventEdit, plan_edit, plan_remove, plan_rename
    from imfhist.keeping.writer import Addition, write_addition
    from imfhist.timeline.loader import load_text

    timeline_copy.write_bytes(timeline_copy.read_bytes().replace(b"\n", newline.encode()))
    compared: list[bool] = []
    quick = transaction._patched

    def both(outline, loaded, changes, new, shown):  # type: ignore[no-untyped-def]
        patched = quick(outline, loaded, changes, new, shown)
        assert patched is not None, "the quick check applies"
        full = load_text(new, loaded.path, shown).timeline
        compared.append(_without_positions(patched) == _without_positions(full))
        return patched

    monkeypatch.setattr(transaction, "_patched", both)
    edit = EventEdit(title="Un projet: sur trois ans", summary="", add={"tags": ["essai"]},
                     remove={"actors": ["icosi"]})
    for planner, wanted in ((plan_edit("altermed", edit), ["altermed"]),
                            (plan_rename("icosi", "icosi-2"), ["icosi"]),
                            (plan_rename("ras-jebel", "ras-jebel-2"), ["ras-jebel"]),
                            (plan_rename("altermed", "altermed-2"), ["altermed"]),
                            (plan_remove("mission-internationale-structuree"),
                             ["mission-internationale-structuree"])):
        transaction.rewrite(timeline_copy, planner, wanted=wanted, dry_run=True)
    write_addition(timeline_copy, Addition(
        events=[{"id": "new", "title": "Nombreuses expériences", "sources": [
            {"ref": "imf-historique", "quote": QUOTE}]}],
        actors=[{"id": "nouvel-acteur", "name": "Nouvel acteur", "kind": "person"}]),
        dry_run=True)
    assert compared == [True] * 6


# -- the dialogue ------------------------------------------------------------------------------


def test_the_preview_shows_the_whole_text(run, timeline_copy: Path) -> None:
    summary = "Des micro-projets en Tunisie " * 12
    result = run("add", "-f", timeline_copy, "--title", "Les micro-projets", "--date", "2004",
                 "-c", "TN",
                 "--actor", "imf", "--place", "ras-jebel", "--tag", "x", "--summary",
                 summary.strip(), "--quote", PAGE_QUOTE, input="y\n\nn\n")
    assert result.exit_code == 0, result.output
    assert f"summary: {summary.strip()}" in result.stderr  # one line, not cut
    assert "Nothing was written" in result.stderr


def test_new_places_and_actors_without_prompts(run, timeline_copy: Path) -> None:
    sentence = "À Oran, l’Association Oranaise a reçu une délégation de l’IMF."
    page = next((timeline_copy.parent / "sources").iterdir())
    page.write_text(page.read_text(encoding="utf-8") + "\n" + sentence + "\n", encoding="utf-8")
    before = timeline_copy.read_text()
    result = run("add", "-f", timeline_copy, "--title", "À Oran", "--new-place", "Oran=Algérie",
                 "--new-actor", "Association Oranaise=organisation", "--quote", sentence,
                 "--yes")
    assert result.exit_code == 0, result.output
    _removed, added = diff_lines(before, timeline_copy.read_text())
    assert "  - id: oran" in added and "    country: Algérie" in added
    assert "  - id: association-oranaise" in added and "    places: [oran]" in added
    assert "    actors: [association-oranaise]" in added
    result = run("add", "-f", timeline_copy, "--title", "x", "--new-actor", "X=club",
                 "--quote", QUOTE, "--yes")
    assert result.exit_code == 1 and "not a kind of actor" in result.stderr
    result = run("add", "-f", timeline_copy, "--title", "x", "--new-place", "Nowhere=Atlantis",
                 "--quote", QUOTE, "--yes")
    assert result.exit_code == 1 and "Atlantis" in result.stderr


def test_no_editor_without_a_terminal(run, timeline_copy: Path, monkeypatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    result = run("edit", "altermed", "-f", timeline_copy)
    assert result.exit_code == 2 and "EDITOR" in result.stderr


def test_edit_in_a_flow_list(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(MINIMAL.split("events:")[0] + "events: [{id: first, title: First, "
                    "tags: [a], sources: [{ref: s, quote: the first words of the page}]}]\n")
    assert run("edit", "first", "-f", path, "--title", "Premier", "--add-tag", "b").exit_code == 0
    assert "{id: first, title: Premier, tags: [a, b]," in path.read_text()
    before = path.read_bytes()
    result = run("edit", "first", "-f", path, "--summary", "Un résumé")
    assert result.exit_code == 2 and "flow mapping" in result.stderr
    assert path.read_bytes() == before


# -- hostile files -----------------------------------------------------------------------------

HOSTILE = Path(__file__).parent / "data" / "hostile"


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir()
                                        if p.name != "expected.yaml"))
def test_writing_commands_on_hostile_files(run, name: str, monkeypatch) -> None:
    """Each writing command, shown a hostile file, answers with an exit code and a line: never
    a traceback, and never a changed file."""
    monkeypatch.chdir(HOSTILE)
    monkeypatch.setenv("IMFHIST_LOCK_TIMEOUT", "1")
    for args in (["add", "--title", "Nouveau", "--quote", QUOTE, "--yes"],
                 ["edit", "one", "--title", "T", "--add-tag", "z"],
                 ["remove", "one"], ["rename", "one", "two"]):
        result = run(*args, "--file", name, "--dry-run")
        assert result.exit_code in (0, 1, 2), args
        assert "Traceback" not in result.output


def test_known_values_complete_with_tab() -> None:
    import readline

    from imfhist.cli.dialogue import completing

    with completing(["Ras Jebel", "ras-jebel", "Sidi Bouzid"]):
        complete = readline.get_completer()
        assert [complete("ra", n) for n in range(3)] == ["Ras Jebel", "ras-jebel", None]
        assert complete("Sid", 0) == "Sidi Bouzid"


# -- line ends ---------------------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
@pytest.mark.parametrize("args", [
    ["remove", "mission-internationale-structuree"],
    ["rename", "icosi", "icosi-france"],
    ["rename", "altermed", "alter-med"],
    ["edit", "altermed", "--title", "Un projet de terrain", "--summary", "", "--add-tag", "t",
     "--remove-tag", "projet"],
    ["edit", "altermed", "--summary", "Un projet de terrain\nsur trois ans"],
    ["edit", "altermed"],
], ids=["remove", "rename actor", "rename event", "edit", "edit summary", "editor"])
def test_a_change_keeps_the_line_ends_of_the_file(run, timeline_copy: Path, tmp_path: Path,
                                                   monkeypatch, newline: str,
                                                   args: list[str]) -> None:
    """The file written with another line end changes exactly as the LF file does, byte for
    byte once its line ends are set aside: no lone CR or LF comes in (a removed event took
    the CR of the blank line before it and left its LF)."""
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/^title: .*/title: Le projet AlterMed/; "
                      "s/^tags: .*/tags:\\n  - t/' "
                      "\"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    lf = timeline_copy.read_bytes()
    assert b"\r" not in lf
    other = timeline_copy.with_name("other.yaml")
    other.write_bytes(lf.replace(b"\n", newline.encode()))
    for path in (timeline_copy, other):
        result = run(*args, "-f", path)
        assert result.exit_code == 0, result.output
    changed = timeline_copy.read_bytes()
    assert changed != lf
    assert other.read_bytes() == changed.replace(b"\n", newline.encode())


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
@pytest.mark.parametrize("ident", ["first", "second"])
def test_removing_an_event_after_a_blank_line_keeps_the_line_ends(run, tmp_path: Path,
                                                                  newline: str,
                                                                  ident: str) -> None:
    text = MINIMAL + "\n" + MINIMAL.split("events:\n")[1].replace("first", "second")
    lf, other = tmp_path / "lf.yaml", tmp_path / "other.yaml"
    lf.write_bytes(text.encode())
    other.write_bytes(text.replace("\n", newline).encode())
    for path in (lf, other):
        result = run("remove", ident, "-f", path)
        assert result.exit_code == 0, result.output
    assert f"id: {ident}".encode() not in lf.read_bytes()
    assert other.read_bytes() == lf.read_bytes().replace(b"\n", newline.encode())


# -- the editor's failures -----------------------------------------------------------------------

def fake_editor(tmp_path: Path, body: str) -> str:
    """An editor: a Python script given the file to edit as `path`."""
    script = tmp_path / "fake-editor.py"
    script.write_text(f"#!{sys.executable}\nimport os, sys\npath = sys.argv[-1]\n{body}\n")
    script.chmod(0o755)
    return str(script)


def _one_line_error(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1, result.stderr


@pytest.mark.parametrize(("visual", "said"), [
    ("vim '-c", "VISUAL holds a command that cannot be read"),
    ("vim -c\\", "VISUAL holds a command that cannot be read"),
    ("/no/such/editor", "cannot start the editor /no/such/editor"),
    ("false", "ended with status 1"),
])
def test_an_editor_that_cannot_run_is_one_line(run, timeline_copy: Path, monkeypatch,
                                               visual: str, said: str) -> None:
    monkeypatch.setenv("VISUAL", visual)
    before = timeline_copy.read_bytes()
    result = run("edit", "altermed", "-f", timeline_copy)
    assert result.exit_code == 2, result.output
    _one_line_error(result)
    assert said in result.stderr
    assert timeline_copy.read_bytes() == before


@pytest.mark.parametrize(("body", "said"), [
    ("open(path, 'ab').write(b'date_label: en \\xe9t\\xe9\\n')",
     "the editor saved text that is not UTF-8 (byte 0xE9 on line 19)"),
    ("open(path, 'ab').write(b'date_label: \\x01\\n')",
     "not valid YAML: 19:13: character U+0001 is not allowed in YAML"),
    ("open(path, 'ab').write(b'date_label: a\\x00b\\n')",
     "not valid YAML: 19:14: character U+0000 is not allowed in YAML"),
    ("os.remove(path)", "the editor left no file behind"),
], ids=["Latin-1", "control character", "NUL", "deleted"])
def test_what_the_editor_saved_that_cannot_be_read_is_one_line(
        run, timeline_copy: Path, tmp_path: Path, monkeypatch, body: str, said: str) -> None:
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, body))
    before = timeline_copy.read_bytes()
    result = run("edit", "altermed", "-f", timeline_copy, input="n\n")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert said in result.stderr and "Edit it again?" in result.stderr
    assert "Nothing was written" in result.stderr
    assert timeline_copy.read_bytes() == before


def test_the_editor_opens_again_on_what_it_saved_in_latin_1(run, timeline_copy: Path,
                                                             tmp_path: Path, monkeypatch) -> None:
    """The bytes that are not UTF-8 come back as U+FFFD, where they were, to be corrected."""
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, """\
text = open(path, 'rb').read()
if '\\ufffd'.encode() in text:
    text = text.replace('\\ufffd'.encode(), 'é'.encode())
else:
    text = text.replace(b'title: Le projet', 'title: Le d\\xe9but du projet'.encode('latin-1'))
open(path, 'wb').write(text)"""))
    result = run("edit", "altermed", "-f", timeline_copy, input="y\n")
    assert result.exit_code == 0, result.output
    assert "not UTF-8" in result.stderr
    assert "    title: Le début du projet AlterMed" in timeline_copy.read_text(encoding="utf-8")


# -- values shared through YAML aliases --------------------------------------------------------

SHARED = """\
format: imfhist/1
sources:
  - id: s
    title: S
actors:
  - id: a
    name: Alpha
    kind: organisation
events:
  - id: e1
    title: &t First
    actors: &acts [a]
    tags: &tg [x]
    sources:
      - ref: s
        quote: the first words of the page
  - id: e2
    title: *t
    summary: &s Un résumé
    actors: *acts
    tags: *tg
    sources:
      - ref: s
        quote: the first words of the page
  - id: e3
    title: Third
    sources:
      - ref: s
        quote: the first words of the page
    summary: *s
"""


def _events(path: Path) -> dict[str, dict[str, object]]:
    import yaml

    return {e["id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8"))["events"]}


@pytest.mark.parametrize(("args", "said"), [
    (["edit", "e2", "--add-tag", "g"],
     "'tags' of event 'e2' is shared with 'e1' (tags) through the YAML alias *tg (line 13)"),
    (["edit", "e1", "--add-tag", "g"],
     "'tags' of event 'e1' is shared with 'e2' (tags) through the YAML anchor &tg (line 13)"),
    (["edit", "e1", "--remove-tag", "x"], "through the YAML anchor &tg (line 13)"),
    (["edit", "e2", "--add-actor", "Alpha", "--remove-actor", "a"],
     "'actors' of event 'e2' is shared with 'e1' (actors) through the YAML alias *acts"),
    (["edit", "e1", "--title", "Premier"],
     "'title' of event 'e1' is shared with 'e2' (title) through the YAML anchor &t (line 11)"),
    (["edit", "e2", "--summary", ""], "shared with 'e3' (summary) through the YAML anchor &s"),
    (["remove", "e2"],
     "the event 'e2' holds the YAML anchor &s (line 19) that 'e3' (summary) use"),
], ids=["add through the alias", "add at the anchor", "remove at the anchor", "actors",
        "title at the anchor", "summary at the anchor", "remove the anchor's event"])
def test_a_change_to_a_shared_value_is_refused_in_one_line(run, tmp_path: Path, args: list[str],
                                                           said: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(SHARED, encoding="utf-8")
    result = run(*args, "-f", path)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert [line for line in result.stderr.splitlines() if said in line] != [], result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert path.read_text(encoding="utf-8") == SHARED


@pytest.mark.parametrize(("args", "line", "replaced"), [
    (["edit", "e2", "--title", "Deuxième"], "    title: *t\n", "    title: Deuxième\n"),
    (["edit", "e2", "--remove-tag", "x"], "    tags: *tg\n", ""),
    (["edit", "e3", "--summary", ""], "    summary: *s\n", ""),
    (["edit", "e3", "--summary", "Autre"], "    summary: *s\n", "    summary: Autre\n"),
], ids=["title", "every tag", "summary removed", "summary"])
def test_a_new_value_replaces_the_alias_in_that_event_only(run, tmp_path: Path, args: list[str],
                                                           line: str, replaced: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(SHARED, encoding="utf-8")
    result = run(*args, "-f", path)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == SHARED.replace(line, replaced, 1)


def test_rename_changes_a_shared_list_once_and_names_who_shares_it(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(SHARED, encoding="utf-8")
    result = run("rename", "a", "alpha", "-f", path)
    assert result.exit_code == 0, result.output
    assert "events 'e1', 'e2' share the reference on line 12" in result.stderr
    assert path.read_text(encoding="utf-8") == SHARED.replace(
        "  - id: a\n    name: Alpha\n    kind: organisation\n",
        "  - id: alpha\n    name: Alpha\n    kind: organisation\n    former_ids: [a]\n") \
        .replace("&acts [a]", "&acts [alpha]")
    events = _events(path)
    assert events["e1"]["actors"] == events["e2"]["actors"] == ["alpha"]


def test_rename_keeps_the_anchor_of_an_id(run, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(SHARED.replace("  - id: a\n", "  - id: &who a\n")
                    .replace("&acts [a]", "&acts [*who]"), encoding="utf-8")
    result = run("rename", "a", "alpha", "-f", path)
    assert result.exit_code == 0, result.output
    assert "  - id: &who alpha\n" in path.read_text(encoding="utf-8")
    assert _events(path)["e2"]["actors"] == ["alpha"]


def test_the_editor_takes_an_event_that_uses_an_alias(run, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(SHARED, encoding="utf-8")
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, """\
text = open(path, encoding='utf-8').read()
open(path, 'w', encoding='utf-8').write(text.replace('summary: &s Un résumé', 'summary: &s Deux'))
"""))
    result = run("edit", "e2", "-f", path)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == SHARED.replace("&s Un résumé", "&s Deux")
