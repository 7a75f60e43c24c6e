"""The examples of docs/*.md are real output: each is run as the text says and compared, so
that they cannot drift from what the commands print."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO

DOCS = REPO / "docs"


def _block(name: str, after: str, language: str) -> str:
    """The first ```language block of docs/`name` after the sentence starting with `after`."""
    text = (DOCS / name).read_text(encoding="utf-8")
    found = re.search(re.escape(after) + r".*?```" + language + r"\n(.*?)```", text, re.S)
    assert found, f"docs/{name}: no {language} block after {after!r}"
    return found.group(1)


def test_ci_json_example_is_the_real_report(run, timeline_copy: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # The copy the example describes: the cooperation with the Entraide nationale names an
    # actor that does not exist, so that the real one is no longer used.
    data = timeline_copy.parent / "data"
    data.mkdir()
    text = timeline_copy.read_text(encoding="utf-8")
    assert text.count("actors: [imf, entraide-nationale]") == 1
    (data / "timeline.yaml").write_text(
        text.replace("actors: [imf, entraide-nationale]", "actors: [imf, entraide]"),
        encoding="utf-8")
    (timeline_copy.parent / "sources").rename(data / "sources")
    monkeypatch.chdir(timeline_copy.parent)
    result = run("validate", "--format", "json", "data/timeline.yaml")
    assert result.exit_code == 1
    documented = _block("ci.md", "On a copy of the shipped timeline", "json")
    assert json.loads(result.stdout) == json.loads(documented)
    assert result.stdout == documented


def test_format_show_excerpt_is_the_real_output(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # the width of the README's examples
    shown = run("show", "projet-far-annaba").stdout
    excerpt = _block("format.md", "From the dates, the bounds and the relations", "text")
    assert excerpt in shown


def test_publishing_filter_link_names_a_country_and_a_tag_that_have_events(run) -> None:
    text = (DOCS / "publishing.md").read_text(encoding="utf-8")
    found = re.search(r"historique\.html#(country=[^`&]+&tag=[^`&]+)`", text)
    assert found
    values = dict(part.split("=") for part in found.group(1).split("&"))
    result = run("filter", "--country", values["country"], "--tag", values["tag"],
                 "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) >= 1
