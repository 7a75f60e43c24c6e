"""Each rule, from example files that say what they must produce (`# expect: rule@line:col`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA
from imfhist.checking import rules
from imfhist.checking.validation import validate_file

INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml"))


def expected(path: Path) -> set[tuple[str, int, int]]:
    header = path.read_bytes().split(b"\n", 1)[0].decode()
    found = re.fullmatch(r"# expect: (.*)", header)
    assert found, f"{path.name} has no '# expect:' line"
    result = set()
    for item in found.group(1).split():
        rule, line, column = re.fullmatch(r"([a-z0-9-]+)@(\d+):(\d+)", item).groups()  # type: ignore[union-attr]
        result.add((rule, int(line), int(column)))
    return result


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_example_gives_exactly_its_problems(path: Path, loader: str) -> None:
    problems = validate_file(path)
    got = {(p.rule, p.loc.line, p.loc.column) for p in problems}
    assert got == expected(path)
    for problem in problems:
        assert problem.message
        assert problem.rule in rules.RULES


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_example_has_no_problem(path: Path, loader: str) -> None:
    assert validate_file(path) == []


def test_every_rule_has_an_example_or_is_a_file_rule() -> None:
    covered = {rule for path in INVALID for rule, _, _ in expected(path)}
    # `file` is about files that cannot be opened: tested in test_bad_input.
    assert set(rules.RULES) - covered <= {"file"}


def test_rules_are_documented() -> None:
    for rule in rules.RULES.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id)
        assert len(rule.summary) > 30, rule.id


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    docs = Path(__file__).parents[1] / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == rules.markdown(), (
        "docs/rules.md is out of date: python -m imfhist.rules > docs/rules.md")
