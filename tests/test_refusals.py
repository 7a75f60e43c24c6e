"""Refusals that explain themselves, and ids that can be found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DATA, SHIPPED
from test_readme import broken_copy


def test_list_shows_every_id(run) -> None:
    result = run("list")
    for event_id in re.findall(r"^  - id: (\S+)", SHIPPED.read_text(encoding="utf-8")[
            SHIPPED.read_text(encoding="utf-8").index("\nevents:"):], re.M):
        assert event_id in result.stdout


@pytest.mark.parametrize("typed", ["altermed", "ALTERMED", "AlterMed"])
def test_show_takes_an_id_in_any_case(run, typed: str) -> None:
    result = run("show", typed)
    assert result.exit_code == 0
    assert "Le projet AlterMed" in result.stdout


@pytest.mark.parametrize(("typed", "suggested"), [
    ("far", "projet-far-annaba"), ("FAR", "projet-far-annaba"), ("altermd", "altermed"),
    ("nahda", "projet-nahda-13-tlemcen")])
def test_show_suggests_close_ids(run, typed: str, suggested: str) -> None:
    result = run("show", typed)
    assert result.exit_code == 2
    assert f"'{suggested}'" in result.stderr
    assert "Traceback" not in result.stderr


def test_actor_and_place_ids_in_any_case(run) -> None:
    result = run("filter", "--actor", "ICOSI", "--place", "Annaba", "--format", "json")
    assert result.exit_code == 0
    result = run("filter", "--place", "ANNABA", "--format", "json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["projet-far-annaba"]


def test_strict_says_the_warnings_made_it_fail(run) -> None:
    result = run("validate", "--strict", DATA / "invalid" / "unused.yaml")
    assert result.exit_code == 1
    # `unused`, and `source-unarchived` (the example's source has no archive)
    assert result.stdout.splitlines()[-1] == ("Failed because of --strict: the warnings count "
                                              "as errors.")
    without = run("validate", DATA / "invalid" / "unused.yaml")
    assert without.exit_code == 0
    assert "strict" not in without.stdout


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("language", ["de", "xx", ""])
def test_unsupported_language_is_refused_with_the_supported_ones(run, where: str,
                                                                  language: str) -> None:
    args = ["--lang", language, "list"] if where == "before" else ["list", "--lang", language]
    result = run(*args)
    assert result.exit_code == 2
    assert f"does not speak '{language}'" in result.stderr
    assert "en, fr" in result.stderr


def test_regional_language_names_are_accepted(run) -> None:
    assert run("--lang", "fr_FR.UTF-8", "list").exit_code == 0


@pytest.mark.parametrize("args", [["validate", ""], ["list", "--file", ""],
                                  ["--file", "", "list"], ["validate", "--file", " "]])
def test_an_empty_path_is_refused(run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "empty path" in result.stderr
    assert "directory" not in result.stderr


def test_reversed_range_is_explained(run) -> None:
    result = run("filter", "--from", "2030", "--to", "2000")
    assert result.exit_code == 2
    assert "--from 2030 is after --to 2000" in result.stderr
    assert "--from 2000 --to 2030" in result.stderr


@pytest.mark.parametrize("command", ["list", "stats", "validate", "export"])
def test_file_before_and_after_the_command(run, command: str, timeline_copy: Path) -> None:
    before = run("--file", timeline_copy, command)
    after = run(command, "--file", timeline_copy)
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout


def test_file_before_the_command_is_read(run, tmp_path: Path) -> None:
    result = run("--file", tmp_path / "missing.yaml", "list")
    assert result.exit_code == 2
    assert "missing.yaml" in result.stderr


def test_list_announces_the_counts_validate_reports(run, timeline_copy: Path) -> None:
    broken_copy(timeline_copy)
    listed = run("list", "--file", timeline_copy)
    validated = run("validate", timeline_copy)
    count = re.search(r"(\d+) errors,", validated.stdout)
    assert count is not None and count.group(1) == "4"
    assert f"has {count.group(1)} errors" in listed.stderr
