"""Exports say what the table says: countries that come from an event's places included, named
in the language of the rest of the export, and marked as derived in JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest


def rows(text: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.mark.parametrize("command", [["export", "--format", "csv"],
                                     ["filter", "--format", "csv"]])
def test_csv_has_the_countries_of_places(run, command: list[str]) -> None:
    result = run(*command, "-c", "Tunisie")
    assert result.exit_code == 0
    micro = rows(result.stdout)["micro-projets-tunisie"]
    assert micro["countries"] == "Tunisia"
    assert micro["country_codes"] == "TN"


def test_csv_speaks_one_language(run) -> None:
    english = rows(run("export", "--format", "csv", "-c", "TN").stdout)
    assert english["imf-participe-aux-pcpa"]["countries"] == "Morocco; Algeria; Tunisia"
    assert english["micro-projets-tunisie"]["worded_date"] == "by 2019"
    french = rows(run("--lang", "fr", "export", "--format", "csv", "-c", "TN").stdout)
    assert french["imf-participe-aux-pcpa"]["countries"] == "Maroc; Algérie; Tunisie"
    assert french["micro-projets-tunisie"]["worded_date"] == "au plus tard en 2019"


@pytest.mark.parametrize("command", [["export", "--format", "json"],
                                     ["filter", "--format", "json"]])
def test_json_marks_derived_countries(run, command: list[str]) -> None:
    result = run(*command, "-c", "TN")
    document = json.loads(result.stdout)
    events = document["events"] if isinstance(document, dict) else document
    by_id = {e["id"]: e for e in events}
    micro = by_id["micro-projets-tunisie"]
    assert "countries" not in micro, "the file names no country on this event"
    assert micro["shown_countries"] == [{"code": "TN", "name": "Tunisia",
                                         "from_places": ["ras-jebel", "sidi-bouzid"]}]
    written = by_id["imf-participe-aux-pcpa"]["shown_countries"]
    assert [c["code"] for c in written] == ["MA", "DZ", "TN"]
    assert all("from_places" not in c for c in written)


def test_markdown_has_the_countries_of_places(run) -> None:
    listed = run("filter", "-c", "TN", "--format", "markdown").stdout
    assert "| Tunisia | Ras Jebel, Sidi Bouzid |" in listed
    exported = run("export", "--format", "markdown", "-c", "TN").stdout
    micro = exported.split("### by 2019: Les micro-projets", 1)[1].split("###", 1)[0]
    assert "**Countries:** Tunisia" in micro
