"""What `source add` and `init` create: never through a symbolic link (dangling or not), an
archive made and its source added under one lock, a saved page read only when it is a regular
file of bounded size, and `init`'s placeholder source replaced rather than split."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from imfhist.checking.validation import validate_file

TEXT = "Les ateliers ont commencé en 2004 à Tunis avec le réseau.\n"


def imfhist(*args: object, cwd: Path | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """imfhist in a process of its own: a command that hangs fails the test at `timeout`."""
    environment = {**os.environ, "NO_COLOR": "1", "IMFHIST_LANG": "en", "COLUMNS": "200"}
    environment.pop("IMFHIST_FILE", None)
    return subprocess.run([sys.executable, "-m", "imfhist", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=environment)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that is not the timeline's, nor above it: what a link would lead to."""
    return tmp_path_factory.mktemp("outside")


@pytest.fixture
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    saved = tmp_path_factory.mktemp("saved") / "page.txt"
    saved.write_text(TEXT, encoding="utf-8")
    return saved


@pytest.fixture
def site() -> Iterator[str]:
    """A local web server whose every page is TEXT, with the query string after it."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = (TEXT + self.path.partition("?")[2] + "\n").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# -- never through a link ------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["from", "fetch"])
@pytest.mark.parametrize("dangling", [True, False])
def test_source_add_never_writes_through_a_link_at_the_archive_place(
        run, timeline_copy: Path, outside: Path, page: Path, site: str, how: str,
        dangling: bool) -> None:
    victim = outside / ".bash_profile"
    if not dangling:
        victim.write_text("export PATH=~/bin:$PATH\n")
    link = timeline_copy.parent / "sources" / "r.txt"
    link.symlink_to(victim)
    before = timeline_copy.read_bytes()
    given = ["--from", page] if how == "from" else ["--url", f"{site}/p", "--fetch"]
    result = run("source", "add", "-f", timeline_copy, "--id", "r", "--title", "R", *given)
    assert result.exit_code == 1
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and str(link) in lines[0] and "symbolic link" in lines[0], lines
    assert "Traceback" not in result.output
    if dangling:
        assert not victim.exists()
    else:
        assert victim.read_text() == "export PATH=~/bin:$PATH\n"
    assert link.is_symlink() and timeline_copy.read_bytes() == before


def test_a_link_put_there_after_the_first_look_is_refused_all_the_same(
        timeline_copy: Path, outside: Path) -> None:
    """The check that counts is the opening of the archive, under the lock: a link that appears
    between the first look (before the page is fetched) and the write is not followed."""
    from imfhist.keeping.changes import PlanRefused
    from imfhist.keeping.plan_source import NewSource, check_place
    from imfhist.keeping.transaction import rewrite

    check_place(timeline_copy, "r")  # nothing there yet
    victim = outside / "victim"
    (timeline_copy.parent / "sources" / "r.txt").symlink_to(victim)
    before = timeline_copy.read_bytes()
    source = NewSource(timeline_copy, "r", {"id": "r", "title": "R", "archive": "sources/r.txt"},
                       TEXT.encode())
    with pytest.raises(PlanRefused, match="symbolic link") as refused:
        rewrite(timeline_copy, source.planner)
    assert refused.value.code == 1
    assert not victim.exists() and timeline_copy.read_bytes() == before


def test_a_sources_folder_that_is_a_link_is_refused(run, timeline_copy: Path, outside: Path,
                                                    page: Path) -> None:
    import shutil

    shutil.rmtree(timeline_copy.parent / "sources")
    (timeline_copy.parent / "sources").symlink_to(outside, target_is_directory=True)
    result = run("source", "add", "-f", timeline_copy, "--id", "r", "--title", "R",
                 "--from", page)
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("name", ["timeline.yaml", "imfhist-1.schema.json", "sources"])
def test_init_never_writes_through_a_dangling_link(tmp_path: Path, outside: Path,
                                                   name: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    victim = outside / "victim"
    (folder / name).symlink_to(victim)
    result = imfhist("init", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and f"data/{name} is a symbolic link" in lines[0], lines
    assert not victim.exists() and not os.path.lexists(victim)
    assert sorted(p.name for p in folder.iterdir()) == [name]  # nothing else was made either


def test_init_keeps_a_schema_and_sources_already_there(run, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "sources").mkdir(parents=True)
    (folder / "imfhist-1.schema.json").write_text("{}")
    result = run("init", folder / "timeline.yaml")
    assert result.exit_code == 0, result.output
    assert (folder / "imfhist-1.schema.json").read_text() == "{}"
    assert "Created" in result.stderr and "schema.json" not in result.stderr


# -- one lock for the archive and the timeline -------------------------------------------------


def test_two_source_adds_of_one_id_at_once(timeline_copy: Path) -> None:
    """Two processes started at the same moment race for the timeline with one id: one wins,
    the other is refused and touches nothing, whichever comes first."""
    environment = {**os.environ, "NO_COLOR": "1", "IMFHIST_LANG": "en"}
    pages = {}
    for who in ("first", "second"):
        pages[who] = timeline_copy.parent / f"{who}.txt"
        pages[who].write_text(TEXT + who + "\n")
    processes = {
        who: subprocess.Popen(
            [sys.executable, "-m", "imfhist", "source", "add", "-f", str(timeline_copy),
             "--id", "r", "--title", f"Page {who}", "--from", str(pages[who])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
        for who in ("first", "second")}
    results = {who: (p.wait(120), p.stderr.read()) for who, p in processes.items()}  # type: ignore[union-attr]
    codes = sorted(code for code, _stderr in results.values())
    assert codes == [0, 1], results
    winner = next(who for who, (code, _stderr) in results.items() if code == 0)
    loser = next(stderr for code, stderr in results.values() if code == 1)
    assert len(error_lines(loser)) == 1 and "already" in loser, loser
    archive = timeline_copy.parent / "sources" / "r.txt"
    assert archive.read_text() == TEXT + winner + "\n"
    text = timeline_copy.read_text()
    assert text.count("- id: r\n") == 1 and f"title: Page {winner}" in text
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []


def test_a_refused_change_removes_only_the_archive_it_made(run, timeline_copy: Path,
                                                           page: Path) -> None:
    before = timeline_copy.read_bytes()
    result = run("source", "add", "-f", timeline_copy, "--id", "r", "--title", "R",
                 "--url", "javascript:alert(1)", "--from", page)
    assert result.exit_code == 1, result.output  # a url that is not a web address
    assert not (timeline_copy.parent / "sources" / "r.txt").exists()
    assert timeline_copy.read_bytes() == before
    kept = timeline_copy.parent / "sources" / "kept.txt"
    kept.write_text("an archive already there\n")
    result = run("source", "add", "-f", timeline_copy, "--id", "kept", "--title", "K",
                 "--from", page)
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert kept.read_text() == "an archive already there\n"


def test_an_id_a_source_has_is_refused_before_anything_is_written(
        run, timeline_copy: Path, page: Path) -> None:
    from imfhist.timeline.loader import load

    taken = load(timeline_copy).timeline.sources[0].id.value  # type: ignore[union-attr]
    archive = timeline_copy.parent / "sources" / f"{taken}.txt"
    before = archive.read_bytes() if archive.exists() else None
    archive.unlink(missing_ok=True)
    result = run("source", "add", "-f", timeline_copy, "--id", taken, "--title", "T",
                 "--from", page)
    assert result.exit_code == 1 and f"already has a source '{taken}'" in result.stderr
    assert not archive.exists()
    if before is not None:
        archive.write_bytes(before)


# -- what --from reads -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_from_reads_only_a_regular_file(timeline_copy: Path, kind: str) -> None:
    named = {"fifo": timeline_copy.parent / "page", "device": Path("/dev/zero"),
             "folder": timeline_copy.parent / "sources"}[kind]
    if kind == "fifo":
        os.mkfifo(named)  # nobody writes to it: a blocking open would wait for ever
    before = timeline_copy.read_bytes()
    result = imfhist("source", "add", "-f", timeline_copy, "--id", "r", "--title", "R",
                     "--from", named, timeout=30)
    assert result.returncode == 2, result.stderr
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and f"cannot read {named}" in lines[0], lines
    assert "Traceback" not in result.stderr and timeline_copy.read_bytes() == before
    assert not (timeline_copy.parent / "sources" / "r.txt").exists()


def test_from_refuses_a_file_larger_than_an_archive_may_be(run, timeline_copy: Path) -> None:
    from imfhist.timeline.archives import MAX_ARCHIVE_BYTES

    big = timeline_copy.parent / "big.txt"
    with big.open("wb") as file:
        file.truncate(MAX_ARCHIVE_BYTES + 1)
    result = run("source", "add", "-f", timeline_copy, "--id", "r", "--title", "R",
                 "--from", big)
    assert result.exit_code == 2 and "larger than 20 MB" in result.stderr
    assert len(error_lines(result.stderr)) == 1


# -- init's placeholder ------------------------------------------------------------------------


def _rules(path: Path) -> list[tuple[str, str]]:
    return sorted((p.rule, p.severity.name) for p in validate_file(path))


def test_source_add_replaces_the_untouched_placeholder(run, tmp_path: Path, page: Path) -> None:
    from imfhist.keeping.plan_init import placeholder

    timeline = tmp_path / "data" / "timeline.yaml"
    assert run("init", timeline).exit_code == 0
    fresh = _rules(timeline)
    before = timeline.read_text()
    result = run("source", "add", "-f", timeline, "--id", "r", "--title", "R", "--from", page)
    assert result.exit_code == 0, result.output
    text = timeline.read_text()
    assert "source-1" not in text and "placeholder" not in text
    assert text == before.replace(placeholder(), text[text.index("  - id: r"):
                                                    text.index("\n\nevents:") + 1])
    assert "sources:\n  - id: r\n    title: R\n" in text
    assert _rules(timeline) == fresh  # validate says what it said, of the new source
    assert imfhist("validate", timeline).returncode == 0  # no events yet: a warning, as before
    result = run("source", "add", "-f", timeline, "--id", "s", "--title", "S", "--from", page)
    assert result.exit_code == 0, result.output
    assert "archive: sources/r.txt\n  - id: s\n" in timeline.read_text()


def test_source_add_may_take_the_placeholder_id(run, tmp_path: Path, page: Path) -> None:
    timeline = tmp_path / "timeline.yaml"
    assert run("init", timeline).exit_code == 0
    result = run("source", "add", "-f", timeline, "--id", "source-1", "--title", "R",
                 "--from", page)
    assert result.exit_code == 0, result.output
    text = timeline.read_text()
    assert text.count("source-1") == 2 and "# archive:" not in text  # its id and archive


@pytest.mark.parametrize("how", ["cited", "touched"])
def test_source_add_goes_after_the_placeholder_comments(run, tmp_path: Path, page: Path,
                                                        how: str) -> None:
    timeline = tmp_path / "timeline.yaml"
    assert run("init", timeline).exit_code == 0
    if how == "cited":
        assert run("add", "-f", timeline, "--title", "Le début", "--source", "source-1",
                   "--quote", "le début de notre histoire", "--yes").exit_code == 0
    else:
        timeline.write_text(timeline.read_text().replace(
            "The title of the page the events come from", "Notre page"))
    before = timeline.read_text()
    result = run("source", "add", "-f", timeline, "--id", "r", "--title", "R", "--from", page)
    assert result.exit_code == 0, result.output
    text = timeline.read_text()
    assert "    # archive: sources/source-1.txt\n  - id: r\n    title: R\n" in text
    removed = [line for line in before.splitlines() if line not in text.splitlines()]
    assert removed == []
    assert [p for p in validate_file(timeline) if p.is_error and p.rule != "no-events"] == []
