"""The error count that reading commands announce, kept between runs: never stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from imfhist.checking.error_count import error_count
from imfhist.timeline.loader import load


@pytest.fixture()
def timeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path / "data" / "timeline.yaml"


def test_the_count_follows_the_file_and_its_archive(timeline: Path) -> None:
    assert error_count(load(timeline)) == 0
    assert (timeline.parent.parent / "cache" / "imfhist" / "checked.json").is_file()
    assert error_count(load(timeline)) == 0  # from the cache
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("actors: [imf, icosi", "actors: [imf, icosiX"),
                        encoding="utf-8")
    assert error_count(load(timeline)) == 1
    timeline.write_text(text, encoding="utf-8")
    assert error_count(load(timeline)) == 0
    archive = next((timeline.parent / "sources").iterdir())
    page = archive.read_text(encoding="utf-8")
    archive.write_text(page.replace("le projet AlterMed", "le projet Altermed"), encoding="utf-8")
    stat = archive.stat()
    os.utime(archive, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert error_count(load(timeline)) >= 1


def test_an_unwritable_cache_only_costs_time(timeline: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    blocked = timeline.parent.parent / "blocked"
    blocked.write_text("a file where a folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert error_count(load(timeline)) == 0
