"""The hostile corpus (tests/data/hostile): every file through every command that reads a
timeline, with libyaml and with the pure-Python reader, and the same answers from both."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
import yaml

from conftest import DATA, write

HOSTILE = DATA / "hostile"
EXPECTED: dict[str, dict] = yaml.safe_load((HOSTILE / "expected.yaml").read_text())  # type: ignore[type-arg]
INVISIBLE = ("\x1b", "\x07", "\u202e", "\u200b", "\ufeff", "\x00", "\U000e0049", "\u00ad", "\u3164",
             "\u115f", "\u034f")


def test_corpus_is_large_and_complete() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir()} - {"expected.yaml"}
    assert on_disk == set(EXPECTED)
    assert len(EXPECTED) >= 40


def problems_of(output: str) -> list[str]:
    return [f"{p['rule']}@{p['line']}:{p['column']}" if p["line"] else p["rule"]
            for p in json.loads(output)["problems"]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(run, name: str, loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HOSTILE)
    expected = EXPECTED[name]

    result = run("validate", "--format", "json", name)
    assert result.exit_code == expected["validate"]
    assert problems_of(result.stdout) == expected["problems"]
    if "message" in expected:
        document = json.loads(result.stdout)
        errors = [p for p in document["problems"] if p["severity"] == "error"]
        assert any(expected["message"] in p["message"] for p in errors or document["problems"])

    text = run("validate", name)
    assert text.exit_code == expected["validate"]
    for args, code in ((["list"], expected["read"]),
                       (["filter", "--country", "TN"], expected["read"]),
                       (["filter", "--text", "x", "--format", "json"], expected["read"]),
                       (["export", "--format", "html"], expected["read"]),
                       (["export", "--format", "timelinejs"], expected["read"]),
                       (["export", "--format", "markdown"], expected["read"]),
                       (["chart", "--lanes", "tag"], expected["read"]),
                       (["stats"], expected["read"]),
                       (["show", "one"], expected["show"])):
        shown = run(*args, "--file", name)
        assert shown.exit_code == code, args
        for output in (shown.stdout, shown.stderr, text.stdout):
            assert "Traceback" not in output
            assert not any(c in output for c in INVISIBLE), "nothing invisible reaches a terminal"


def test_ten_megabyte_line(run, tmp_path: Path, loader: str) -> None:
    title = "x" * (10 * 1024 * 1024)
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 f"  - {{id: one, title: {title},"
                 " sources: [{ref: p, quote: 'It happened as the page says.'}]}\n")
    assert run("validate", path).exit_code == 0
    assert run("list", "--file", path, "--format", "json").exit_code == 0


def test_file_too_large_names_the_limit(run, tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, "format: imfhist/1\ntitle: " + "x" * 2 * 1024 * 1024 + "\n")
    monkeypatch.setenv("IMFHIST_MAX_FILE_MB", "1")
    for args in (["validate", path], ["list", "--file", path]):
        result = run(*args)
        assert result.exit_code == 2
        assert "larger than 1 MB" in result.output and "IMFHIST_MAX_FILE_MB" in result.output
    monkeypatch.setenv("IMFHIST_MAX_FILE_MB", "3")
    assert run("validate", path).exit_code == 0  # read now; it only lacks events: a warning


def test_endless_device_is_refused_unread(run) -> None:
    for args in (["validate", "/dev/zero"], ["list", "-f", "/dev/zero"]):
        result = run(*args)
        assert result.exit_code == 2 and "not a regular file" in result.output


def test_fifo_is_refused_at_once(run, tmp_path: Path) -> None:
    fifo = tmp_path / "timeline.yaml"
    os.mkfifo(fifo)  # nobody writes to it: a blocking open would wait for ever
    (tmp_path / "real.yaml").write_bytes((HOSTILE / "bom.yaml").read_bytes())
    for args in (["validate", fifo], ["list", "-f", fifo], ["show", "x", "-f", fifo],
                 ["validate", str(tmp_path / "*.yaml")]):
        result = run(*args)
        assert result.exit_code == 2 and "not a regular file" in result.output, args


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0", "1e300", "-inf", "many", "1e309"])
def test_odd_size_limits(run, monkeypatch, value: str) -> None:
    monkeypatch.setenv("IMFHIST_MAX_FILE_MB", value)
    for args in (["validate", HOSTILE / "bom.yaml"], ["list", "-f", HOSTILE / "bom.yaml"]):
        result = run(*args)
        if value in ("inf", "1e300", "1e309"):  # as large as can be: no limit
            assert result.exit_code == 0, result.output
        else:
            assert result.exit_code == 2 and "IMFHIST_MAX_FILE_MB" in result.output


def test_unreadable_file(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who reads a file whatever its mode: make opening refuse instead.
    secret = write(tmp_path, (HOSTILE / "bom.yaml").read_bytes(), "secret.yaml")
    real_open = os.open

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "secret.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    for args in (["validate", secret], ["list", "--file", secret], ["show", "x", "-f", secret]):
        result = run(*args)
        assert result.exit_code == 2
        assert "permission denied" in result.output


def test_file_that_changes_while_it_is_read(run, tmp_path: Path) -> None:
    path = tmp_path / "moving.yaml"
    versions = [(HOSTILE / name).read_bytes() for name in
                ("bom.yaml", "crlf.yaml", "nul-byte.yaml", "unclosed-quote.yaml", "empty.yaml")]
    path.write_bytes(versions[0])
    stop = threading.Event()

    def rewrite() -> None:
        number = 0
        while not stop.is_set():
            with path.open("r+b") as handle:  # rewrite in place, as an editor saving does
                handle.truncate(0)
                handle.write(versions[number % len(versions)])
            number += 1

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        for _ in range(30):
            for args in (["validate", path], ["list", "--file", path]):
                result = run(*args)
                assert result.exit_code in (0, 1, 2)
                assert "Traceback" not in result.output
    finally:
        stop.set()
        writer.join()


@pytest.mark.parametrize(("name", "shown"), [
    ("markup-title.yaml", "[bold red]styled[/] [link=https://evil.example]x[/link] :smile:"),
    ("ansi-title.yaml", "\\x1b[31mred\\x1b[0m \\x1b[2J"),
    ("osc8-title.yaml", "\\x1b]8;;https://evil.example\\x07click"),
    ("bidi-title.yaml", "Invoice\\u202etxt.exe"),
    ("zero-width-title.yaml", "zero\\u200bwidth\\ufeff"),
])
def test_hostile_text_prints_literally(run, name: str, shown: str) -> None:
    result = run("show", "one", "--file", HOSTILE / name)
    assert result.exit_code == 0
    assert shown in result.stdout
    listed = run("list", "--file", HOSTILE / name, "--format", "markdown")
    assert "\x1b" not in listed.stdout and "\u202e" not in listed.stdout


def test_alias_bomb_is_not_expanded(run) -> None:
    result = run("validate", "--format", "json", HOSTILE / "alias-bomb.yaml")
    assert len(json.loads(result.stdout)["problems"]) < 20


@pytest.mark.parametrize("body", ["    date: 2021/2019\n", "    actors: [nobody]\n"],
                         ids=["reversed-interval", "unknown-actor"])
def test_reading_commands_announce_errors(run, tmp_path: Path, body: str) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 f"  - id: one\n    title: One\n{body}    "
                 f"sources: [{{ref: p, quote: 'It happened as the page says.'}}]\n")
    for args in (["list"], ["filter", "--text", "One"], ["show", "one"], ["chart"], ["stats"],
                 ["export"], ["export", "--format", "html"]):
        result = run(*args, "-f", path)
        assert result.exit_code == 0, args
        assert f"has 1 error; `imfhist validate {path}` lists it." in result.stderr, args
