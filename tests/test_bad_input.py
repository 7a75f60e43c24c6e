"""No file makes any command print a traceback, with libyaml or with the pure-Python loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write

VALID_HEAD = "format: imfhist/1\nsources: [{id: p, title: P}]\n"


def event(title: str) -> str:
    return (VALID_HEAD + "events:\n  - id: one\n    title: " + json.dumps(title)
            + "\n    sources: [{ref: p, quote: q}]\n")


BAD_FILES: dict[str, str | bytes] = {
    "empty": b"",
    "only-comment": b"# nothing here\n",
    "scalar": b"just text\n",
    "list": b"- 1\n- 2\n",
    "binary": bytes(range(256)) * 4,
    "latin1": "format: imfhist/1\ntitle: é\n".encode("latin-1"),
    "utf16": "format: imfhist/1\n".encode("utf-16"),
    "bom": b"\xef\xbb\xbf" + event("With a BOM").encode(),
    "nul": b"format: imfhist/1\x00\n",
    "python-tag": b"format: !!python/object/apply:os.system ['echo pwned']\n",
    "python-name": b"format: imfhist/1\nevents: !!python/name:os.system\n",
    "deep-flow": b"format: imfhist/1\nevents: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep-block": ("format: imfhist/1\nevents:\n" + "".join(
        "  " * i + "- \n" for i in range(300))).encode(),
    "alias-bomb": (b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
        b"%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n" % ((bytes([c]),) * 2 + (
            bytes([c - 1]),) * 9) for c in range(ord("b"), ord("k")))
        + b"format: imfhist/1\nevents: *j\n"),
    "undefined-alias": b"format: imfhist/1\nevents: *nothing\n",
    "two-documents": b"format: imfhist/1\n---\nformat: imfhist/1\n",
    "crlf": event("Windows lines").replace("\n", "\r\n").encode(),
    "lone-cr": event("Old Mac lines").replace("\n", "\r").encode(),
    "huge-int": b"format: imfhist/1\nevents:\n  - id: one\n    title: " + b"9" * 5000 + b"\n",
    "surrogate": (VALID_HEAD + 'events:\n  - id: one\n    title: "\\ud800 lone"\n'
                  "    sources: [{ref: p, quote: q}]\n").encode(),
    "markup": event("[bold red]styled[/] [link=https://evil.example]x[/link] :smile:").encode(),
    "ansi": event("\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07").encode(),
    "bidi": event("safe\u202eexe.txt \u200bzero\u200dwidth").encode(),
}


@pytest.fixture(params=["libyaml", "pure"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure":
        monkeypatch.setenv("IMFHIST_YAML_LOADER", "pure")
    return str(request.param)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_no_command_breaks(run, tmp_path: Path, name: str, loader: str) -> None:
    path = write(tmp_path, BAD_FILES[name], f"{name}.yaml")
    for args in (["list"], ["filter", "--country", "TN"], ["show", "one"], ["validate"]):
        result = run(*args, "--file", path)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        assert "\x1b" not in output, "no escape sequence reaches the terminal"
        assert "\u202e" not in output and "\u200b" not in output


@pytest.mark.parametrize("name", ["markup", "ansi", "bidi"])
def test_hostile_titles_print_literally(run, tmp_path: Path, name: str) -> None:
    path = write(tmp_path, BAD_FILES[name])
    listed = run("list", "--file", path)
    shown = run("show", "one", "--file", path)
    assert listed.exit_code == 0 and shown.exit_code == 0
    if name == "markup":
        assert "[bold red]styled[/]" in shown.stdout and ":smile:" in shown.stdout
    if name == "ansi":
        assert "\\x1b[31mred" in shown.stdout
    if name == "bidi":
        assert "safe\\u202eexe.txt" in shown.stdout


@pytest.mark.parametrize(("name", "rule"), [
    ("empty", "empty"), ("only-comment", "empty"), ("scalar", "wrong-type"), ("list", "wrong-type"),
    ("binary", "encoding"), ("latin1", "encoding"), ("utf16", "encoding"), ("nul", "encoding"),
    ("python-tag", "yaml-tag"), ("python-name", "yaml-tag"), ("undefined-alias", "yaml-syntax"),
    ("two-documents", "yaml-syntax"), ("alias-bomb", "wrong-type"),
])
def test_bad_files_are_reported_by_validate(run, tmp_path: Path, name: str, rule: str,
                                            loader: str) -> None:
    path = write(tmp_path, BAD_FILES[name])
    result = run("validate", path)
    assert result.exit_code == 1
    assert f"error {rule}:" in result.stdout


def test_deep_nesting_is_a_problem_not_a_crash(run, tmp_path: Path, loader: str) -> None:
    result = run("validate", write(tmp_path, BAD_FILES["deep-flow"]))
    assert result.exit_code == 1
    assert "yaml-depth" in result.stdout or "yaml-syntax" in result.stdout


def test_bom_and_line_ends_are_fine(run, tmp_path: Path, loader: str) -> None:
    for name in ("bom", "crlf", "lone-cr"):
        result = run("validate", write(tmp_path, BAD_FILES[name], f"{name}.yaml"))
        assert result.exit_code == 0, (name, result.stdout)


def test_alias_bomb_is_not_expanded(run, tmp_path: Path) -> None:
    result = run("validate", write(tmp_path, BAD_FILES["alias-bomb"]))
    # One problem per item of the outer list, not ten billion.
    assert result.stdout.count("error wrong-type") == 9


def test_missing_and_directory(run, tmp_path: Path) -> None:
    assert run("list", "--file", tmp_path / "missing.yaml").exit_code == 2
    result = run("validate", tmp_path)
    assert result.exit_code == 2 and "is a directory" in result.stdout


def test_unreadable_file(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who can read a file whatever its mode: make reading refuse instead.
    secret = write(tmp_path, event("x"), "secret.yaml")
    real_open = Path.open

    def refuse(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if path.name == "secret.yaml":
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    for args in (["validate", secret], ["list", "--file", secret], ["show", "x", "-f", secret]):
        result = run(*args)
        assert result.exit_code == 2
        assert "permission denied" in result.stdout + result.stderr
