"""validate --format junit and --format gitlab: every report passes the schema its CI system
publishes (copies in tests/schemas, with where they come from), whatever the messages hold."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from conftest import DATA, write
from test_readme import broken_copy
from test_report_formats import HOSTILE

SCHEMAS = Path(__file__).parent / "schemas"
JUNIT = xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd")
GITLAB = json.loads((SCHEMAS / "gitlab-codeclimate.json").read_text(encoding="utf-8"))
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def cases(tmp_path: Path, timeline_copy: Path) -> dict[str, list[Path]]:
    broken_copy(timeline_copy)
    return {
        "broken copy": [timeline_copy],
        "clean": [DATA / "valid" / "minimal.yaml"] if (DATA / "valid" / "minimal.yaml").exists()
        else [],
        "hostile text": [write(tmp_path, HOSTILE, "hostile.yaml")],
        "unreadable": [tmp_path / "missing.yaml", write(tmp_path, b"\xff\xfe\x00bad", "b.yaml")],
        "every invalid example": sorted((DATA / "invalid").glob("*.yaml")),
    }


def check_gitlab(text: str) -> list[dict]:
    issues = json.loads(text)
    assert isinstance(issues, list)
    for issue in issues:
        jsonschema.validate(issue, GITLAB)
        assert issue["severity"] in SEVERITIES
        assert issue["check_name"]
        assert issue["location"]["lines"]["begin"] >= 1
        assert not issue["location"]["path"].startswith("./")
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(fingerprints) == len(set(fingerprints)), "GitLab would merge two issues"
    return issues


def test_junit_and_gitlab_pass_their_schemas(run, tmp_path: Path, timeline_copy: Path) -> None:
    for name, paths in cases(tmp_path, timeline_copy).items():
        if not paths:
            continue
        junit = run("validate", "--format", "junit", *paths)
        assert junit.exit_code in (0, 1, 2), name
        JUNIT.validate(junit.stdout)
        gitlab = run("validate", "--format", "gitlab", *paths)
        assert gitlab.exit_code == junit.exit_code, name
        check_gitlab(gitlab.stdout)


def test_junit_counts_each_problem_and_each_clean_file(run, timeline_copy: Path,
                                                         tmp_path: Path) -> None:
    clean = tmp_path / "clean" / "timeline.yaml"
    clean.parent.mkdir()
    clean.write_bytes(timeline_copy.read_bytes())
    # A copy, not a link: an archive reached through a link out of the folder is refused.
    shutil.copytree(timeline_copy.parent / "sources", clean.parent / "sources")
    broken_copy(timeline_copy)
    result = run("validate", "--format", "junit", timeline_copy, clean)
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    suites = root.findall("testsuite")
    assert len(suites) == 2
    broken, fine = suites
    assert (broken.get("tests"), broken.get("failures"), broken.get("errors")) == ("5", "4", "0")
    assert [c.get("classname") for c in broken.findall("testcase/failure/..")] == [
        "duplicate-key", "duplicate-id", "unknown-actor", "interval-order"]
    warning = broken.find("testcase[@classname='unused']")
    assert warning is not None and warning.find("failure") is None
    assert (fine.get("tests"), fine.get("failures")) == ("1", "0")
    assert root.get("failures") == "4"


def test_junit_strict_fails_on_warnings(run) -> None:
    result = run("validate", "--format", "junit", "--strict", DATA / "invalid" / "unused.yaml")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.get("failures") == "2"  # `unused`, and `source-unarchived`
    assert {f.get("type") for f in root.iter("failure")} == {"warning"}


def test_junit_unreadable_file_is_an_error(run, tmp_path: Path) -> None:
    result = run("validate", "--format", "junit", tmp_path / "missing.yaml")
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)
    assert root.get("errors") == "1"


def test_junit_keeps_hostile_text_visible_and_valid(run, tmp_path: Path) -> None:
    result = run("validate", "--format", "junit", write(tmp_path, HOSTILE))
    JUNIT.validate(result.stdout)
    assert "\x1b" not in result.stdout
    assert "\\x1b" in result.stdout


def test_gitlab_severities_and_lines(run, timeline_copy: Path, tmp_path: Path) -> None:
    broken_copy(timeline_copy)
    issues = check_gitlab(run("validate", "--format", "gitlab", timeline_copy).stdout)
    assert {i["check_name"]: i["severity"] for i in issues} == {
        "unused": "minor", "duplicate-key": "major", "duplicate-id": "major",
        "unknown-actor": "major", "interval-order": "major"}
    problems = json.loads(run("validate", "--format", "json", timeline_copy).stdout)["problems"]
    assert {i["location"]["lines"]["begin"] for i in issues} == {p["line"] for p in problems}
    missing = check_gitlab(run("validate", "--format", "gitlab", tmp_path / "no.yaml").stdout)
    assert [i["severity"] for i in missing] == ["blocker"]


@pytest.mark.parametrize("report_format", ["junit", "gitlab"])
def test_new_formats_are_listed_in_help(run, report_format: str) -> None:
    assert report_format in run("validate", "--help").stdout


def test_validate_in_a_log_writes_plain_lines_without_rich(tmp_path: Path) -> None:
    """In a CI log or a pre-commit hook (no terminal), `validate` writes plain lines and does
    not import Rich, whose import costs a sixth of a check of the IMF timeline."""
    import subprocess
    import sys

    from conftest import SHIPPED

    bad = tmp_path / "timeline.yaml"
    bad.write_text(SHIPPED.read_text(encoding="utf-8").replace(
        "actors: [imf, icosi", "actors: [imf, icosiX", 1), encoding="utf-8")
    for path, code in ((SHIPPED, 0), (bad, 1)):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "imfhist", "validate",
                               "--strict", str(path)], capture_output=True, text=True, timeout=120)
        imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
                    if line.startswith("import time:")}
        assert done.returncode == code, done.stdout
        assert "rich" not in imported
        assert done.stdout.splitlines()[-1].endswith(" in 1 file.")
