"""Every loop over the file's data is bounded: one report per distinct problem, suggestions
capped, lists reached again through aliases built once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import write
from imfhist.common.suggest import MAX_LENGTH, MAX_WORDS, Suggester


def test_suggestions_are_capped() -> None:
    suggest = Suggester([f"actor-{n:05d}" for n in range(5000)])
    answered = [suggest(f"actor-{n:05d}x") for n in range(MAX_WORDS + 50)]
    assert all(answered[:MAX_WORDS]) and not any(answered[MAX_WORDS:])
    assert suggest("actor-00001x") == answered[1], "words already asked keep their answer"
    assert Suggester(["a" * 5000, "b"])("a" * (MAX_LENGTH + 1)) == ()


def test_event_repeated_through_aliases_is_reported_once(run, tmp_path: Path) -> None:
    lines = "".join("  - *e\n" for _ in range(20000))
    write(tmp_path, "It happened as the page says.\n", "p.txt")
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P, archive: p.txt}]\n"
                 "events:\n"
                 f"  - &e {{id: one, title: One, "
                 f"sources: [{{ref: p, quote: 'It happened as the page says.'}}]}}\n{lines}")
    result = run("validate", "--format", "json", path)
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 1 and len(problems) == 1
    assert "repeated 20000 times" in problems[0]["message"]
    assert run("validate", path).stdout.count("\n") == 2


def test_citation_list_reused_through_an_alias(run, tmp_path: Path) -> None:
    events = "".join(f"  - {{id: e{n}, title: T, sources: *quotes}}\n" for n in range(100))
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 f"  - {{id: first, title: F, sources: &quotes [{{ref: p, "
                 f"quote: 'It happened as the page says.'}}]}}\n{events}")
    for args in (["validate", path], ["list", "-f", path], ["export", "-f", path]):
        result = run(*args)
        assert result.exit_code == 0, result.output
    listed = json.loads(run("list", "-f", path, "--format", "json").stdout)
    assert all(e["sources"] == [{"ref": "p", "quote": "It happened as the page says."}]
               for e in listed)


def test_list_of_one_kind_reused_as_another(run, tmp_path: Path) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources: &s [{id: p, title: P}]\n"
                 "events: *s\n")
    result = run("validate", path)
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_import_refuses_a_fifo_and_a_device(run, timeline_copy: Path) -> None:
    fifo = timeline_copy.parent / "rows.csv"
    os.mkfifo(fifo)
    for name in (fifo, Path("/dev/zero")):
        result = run("import", name, "-f", timeline_copy)
        assert result.exit_code == 2 and "not a regular file" in result.output


def test_import_reads_a_cell_longer_than_the_csv_module_allows(run, timeline_copy: Path) -> None:
    # Without `lang`: titles made up for their size, which no quote carries (claim-words).
    timeline_copy.write_text(timeline_copy.read_text().replace("\nlang: fr\n", "\n"))
    rows = timeline_copy.parent / "rows.csv"
    rows.write_text("title,date,source,quote\n" + "x" * 200_000
                    + ',2004,imf-historique,"Dès 2004, l’IMF, à la recherche d’un cadre"\n')
    result = run("import", rows, "--dry-run", "-f", timeline_copy)
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "field larger than field limit" not in result.output


def test_import_refuses_to_write_a_file_it_would_refuse_to_read(
        run, timeline_copy: Path, monkeypatch) -> None:
    # Without `lang`: titles made up for their size, which no quote carries (claim-words).
    timeline_copy.write_text(timeline_copy.read_text().replace("\nlang: fr\n", "\n"))
    rows = timeline_copy.parent / "rows.csv"
    rows.write_text("title,date,source,quote\n" + "".join(
        f"Event {n},2004,imf-historique,\"Dès 2004, l’IMF, à la recherche d’un cadre\"\n"
        for n in range(100)))
    size = timeline_copy.stat().st_size
    monkeypatch.setenv("IMFHIST_MAX_FILE_MB", str((size + 9_000) / 1024 / 1024))
    before = timeline_copy.read_bytes()
    result = run("import", rows, "--allow-duplicate", "-f", timeline_copy)
    assert result.exit_code == 1 and "would be larger than" in result.output
    assert timeline_copy.read_bytes() == before


def test_lists_repeated_through_aliases_are_bounded(run, tmp_path: Path) -> None:
    items = ", ".join(["x"] * 20000)
    events = "".join(f"  - {{id: e{n}, title: T, tags: *c, "
                     "sources: [{ref: p, "
                     "quote: 'It happened as the page says.'}]}\n" for n in range(2000))
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 f"  - {{id: first, title: F, tags: &c [{items}], "
                 f"sources: [{{ref: p, quote: 'It happened as the page says.'}}]}}\n{events}")
    result = run("validate", "--format", "json", path)
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 1
    assert [p["rule"] for p in problems if p["severity"] == "error"] == ["yaml-alias"]
    assert run("list", "-f", path, "--format", "json").exit_code == 0


def test_the_same_problem_is_listed_a_hundred_times_then_counted(run, tmp_path: Path) -> None:
    path = write(tmp_path, "format: imfhist/1\nevents:\n" + "  - x\n" * 5000)
    result = run("validate", "--format", "json", path)
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 1 and len(problems) == 101
    assert "4900 more like it, further down, are not listed" in problems[-1]["message"]
    assert problems[-1]["line"] == 103


@pytest.mark.parametrize("events", [
    "  - {id: a, title: A, tags: &l [x], "
    "sources: [{ref: p, quote: 'It happened as the page says.'}]}\n"
    "  - {id: b, title: B, sources: *l}\n",
    "  - {id: a, title: A, sources: &l [{ref: p, quote: 'It happened as the page says.'}]}\n"
    "  - {id: b, title: B, tags: *l, "
    "sources: [{ref: p, quote: 'It happened as the page says.'}]}\n",
    "  - {id: a, title: A, places: &l [x], tags: *l, "
    "sources: [{ref: p, quote: 'It happened as the page says.'}]}\n"])
def test_a_list_reused_for_other_things(run, tmp_path: Path, events: str) -> None:
    path = write(tmp_path, f"format: imfhist/1\nsources: [{{id: p, title: P}}]\nevents:\n{events}")
    result = run("validate", path)
    assert "Traceback" not in result.output
    if "places" in events:  # the same texts twice: allowed (the place is unknown, though)
        assert "used elsewhere" not in result.output
    else:
        assert result.exit_code == 1 and "used elsewhere for other things" in result.output


@pytest.mark.skipif(not hasattr(os, "fork"), reason="resource limits are set in the child")
@pytest.mark.parametrize("command", [["validate", "--quiet"], ["list", "--file"]])
def test_running_out_of_memory_is_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    # A dense file (a million one-letter tags, 3 MB) needs about 330 MB; the process may have
    # 200 MB of address space. No traceback, and not exit 1, which would say "problems found".
    import resource
    import subprocess
    import sys

    path = tmp_path / "tags.yaml"
    path.write_text("format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n  - {id: one, "
                    "title: T, sources: [{ref: p, quote: 'It happened as the page says.'}], "
                    "tags: [" + "a, " * 1_000_000 + "a]}\n")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (200 * 2**20, 200 * 2**20))

    result = subprocess.run([sys.executable, "-m", "imfhist", *command, str(path)],
                            capture_output=True, text=True, preexec_fn=limit,
                            env={**os.environ, "IMFHIST_LANG": "en"}, check=False)
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "ran out of memory" in result.stderr
