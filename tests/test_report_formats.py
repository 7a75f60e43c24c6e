"""validate's output formats: JSON, GitHub workflow commands and SARIF stay valid whatever the
messages hold, and every format reports a file that cannot be read."""

from __future__ import annotations

import json
import re
import subprocess
import tarfile
from pathlib import Path

import jsonschema
import pytest

from conftest import DATA, write

HOSTILE = ('format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n'
           '  - id: one\n    title: T\n'
           '    actors: ["a,b:c%d\\r\\nnew \\x1b[31m \\"q\\" é\\u202e"]\n'
           '    sources: [{ref: p, quote: "It happened as the page says."}]\n')
JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "severity", "rule", "message",
             "hint"}


def test_json_document_shape(run, timeline_copy: Path) -> None:
    text = timeline_copy.read_text(encoding="utf-8").replace("actors: [imf, entraide-nationale]",
                                                             "actors: [imf, entraide]")
    timeline_copy.write_text(text, encoding="utf-8")
    result = run("validate", "--format", "json", timeline_copy)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert set(document) == {"valid", "counts", "files", "problems"}
    assert document["valid"] is False
    assert document["counts"] == {"error": 1, "warning": 1}
    assert len(document["files"]) == 1
    for problem in document["problems"]:
        assert set(problem) <= JSON_KEYS
        assert {"path", "line", "column", "severity", "rule", "message"} <= set(problem)
    error = next(p for p in document["problems"] if p["severity"] == "error")
    line = text.splitlines()[error["line"] - 1]
    assert line[error["column"] - 1:].startswith("entraide]")
    assert error["rule"] == "unknown-actor" and "entraide-nationale" in error["hint"]


def test_json_clean_file(run) -> None:
    document = json.loads(run("validate", "--format", "json").stdout)
    assert document["valid"] is True and document["problems"] == []


def test_unreadable_file_in_every_format(run, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    for output_format in ("text", "json", "github", "sarif"):
        result = run("validate", "--format", output_format, missing)
        assert result.exit_code == 2, output_format
        assert "no such file" in result.stdout, output_format
    document = json.loads(run("validate", "--format", "json", missing).stdout)
    assert document["problems"][0]["line"] is None and document["valid"] is False


def test_hostile_messages_stay_valid_json_and_sarif(run, tmp_path: Path) -> None:
    path = write(tmp_path, HOSTILE)
    document = json.loads(run("validate", "--format", "json", path).stdout)
    assert any("\x1b" in p["message"] for p in document["problems"]), "data kept, JSON-escaped"
    sarif = json.loads(run("validate", "--format", "sarif", path).stdout)
    assert sarif["runs"][0]["results"]


def test_github_workflow_commands_escape_and_paths(run, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, HOSTILE, "t.yaml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("validate", "./t.yaml")  # no --format: chosen from GITHUB_ACTIONS
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert commands and all(c.startswith(("::error file=t.yaml,", "::warning file=t.yaml,"))
                            for c in commands)
    unknown = next(c for c in commands if "title=unknown-actor" in c)
    properties, message = unknown[2:].split("::", 1)
    assert "%0D%0A" in message and "%25" in message and "\n" not in message
    assert re.fullmatch(r"error file=t\.yaml,line=6,col=\d+(,endColumn=\d+)?,title=unknown-actor",
                        properties)
    assert result.exit_code == 1


def test_github_property_escaping() -> None:
    from imfhist.publishing.report.github import escape_data, escape_property

    assert escape_property("a:b,c%d\r\n") == "a%3Ab%2Cc%25d%0D%0A"
    assert escape_data("a:b,c%d\n") == "a:b,c%25d%0A"


def test_strict_and_quiet(run) -> None:
    warning_only = DATA / "invalid" / "unused.yaml"
    assert run("validate", warning_only).exit_code == 0
    assert run("validate", "--strict", warning_only).exit_code == 1
    quiet = run("validate", "--quiet", warning_only).stdout
    assert "warning unused" in quiet and "in 1 file" not in quiet
    document = json.loads(run("validate", "--strict", "--format", "json", warning_only).stdout)
    assert document["valid"] is False


def test_globs_and_sorting(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = run("validate", "--format", "json", "invalid/edtf*.yaml", "invalid/unknown-key.yaml")
    document = json.loads(result.stdout)
    assert document["files"] == ["invalid/edtf-quoted.yaml", "invalid/edtf.yaml",
                                 "invalid/unknown-key.yaml"]
    keys = [(p["path"], p["line"], p["column"]) for p in document["problems"]]
    assert keys == sorted(keys)
    nothing = run("validate", "nothing/*.yaml")
    assert nothing.exit_code == 2 and "no file matches" in nothing.stdout


@pytest.fixture(scope="session")
def sarif_schema(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    """The official SARIF 2.1.0 JSON Schema, as the npm package @microsoft/jest-sarif ships it."""
    folder = tmp_path_factory.mktemp("sarif")
    subprocess.run(["npm", "pack", "--silent", "@microsoft/jest-sarif@1.0.0-beta.0"], cwd=folder,
                   check=True, capture_output=True, timeout=300)
    archive = next(folder.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        member = tar.extractfile("package/lib/schemas/sarif-2.1.0-rtm.5.json")
        assert member is not None
        return json.load(member)  # type: ignore[no-any-return]


def test_sarif_is_valid_against_the_official_schema(run, sarif_schema: dict,  # type: ignore[type-arg]
                                                     tmp_path: Path) -> None:
    for path in (write(tmp_path, HOSTILE), DATA / "invalid" / "missing-key.yaml",
                 tmp_path / "missing.yaml"):
        document = json.loads(run("validate", "--format", "sarif", path).stdout)
        jsonschema.Draft4Validator(sarif_schema).validate(document)
        rules = document["runs"][0]["tool"]["driver"]["rules"]
        assert len({r["id"] for r in rules}) == len(rules)
        for result in document["runs"][0]["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
