"""The lemmas that the claim-words rule looks up, kept in the user's cache: a later run that
meets the same words does not load simplemma's dictionary, finds the same answers, and a cache
file that is not what imfhist wrote is a miss, never a traceback nor a wait."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

CHECK = """
import sys
from pathlib import Path
from imfhist.checking import rules
from imfhist.timeline.loader import load
problems = rules.check(load(Path(sys.argv[1])).timeline)
print(sorted((p.rule, p.loc.line) for p in problems if p.rule == "claim-words"))
print("simplemma" in sys.modules)
"""


def checked(timeline: Path, cache: Path) -> tuple[str, bool]:
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    found = subprocess.run([sys.executable, "-c", CHECK, str(timeline)], capture_output=True,
                           text=True, timeout=120, env=environment)
    assert found.returncode == 0, found.stderr
    problems, loaded = found.stdout.splitlines()
    return problems, loaded == "True"


@pytest.fixture()
def timeline(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    path = tmp_path / "data" / "timeline.yaml"
    # A title word that the quote writes otherwise (`construit` for `co-construire`).
    assert "construit" in path.read_text(encoding="utf-8")
    return path


def test_kept_lemmas_answer_as_the_dictionary_does(timeline: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, loaded = checked(timeline, cache)
    assert loaded  # the shipped titles hold words that only their lemmas carry
    kept = cache / "imfhist" / "lemmas-fr.txt"
    assert kept.is_file()
    again, loaded_again = checked(timeline, cache)
    assert (again, loaded_again) == (first, False)
    # A word never met before loads the dictionary again, and is kept in turn.
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("construit", "construisent", 1), encoding="utf-8")
    changed, loaded = checked(timeline, cache)
    assert loaded and changed == first
    assert "construisent\tconstruire" in kept.read_text(encoding="utf-8")
    assert checked(timeline, cache) == (first, False)


@pytest.mark.parametrize("spoilt", ["other key", "garbage", "fifo", "link", "folder", "binary",
                                    "large"])
def test_a_spoilt_lemma_file_is_a_miss(timeline: Path, tmp_path: Path, spoilt: str) -> None:
    cache = tmp_path / "cache"
    expected, _loaded = checked(timeline, tmp_path / "clean")
    kept = cache / "imfhist" / "lemmas-fr.txt"
    kept.parent.mkdir(parents=True)
    if spoilt == "other key":
        shutil.copytree(tmp_path / "clean" / "imfhist", cache / "imfhist", dirs_exist_ok=True)
        text = kept.read_text(encoding="utf-8")
        kept.write_text("0" * 32 + text[32:], encoding="utf-8")
    elif spoilt == "garbage":
        kept.write_text("\n\t\t\nconstruit\n\tx\n" * 100, encoding="utf-8")
    elif spoilt == "fifo":
        os.mkfifo(kept)
    elif spoilt == "link":
        kept.symlink_to(tmp_path / "clean" / "imfhist" / "lemmas-fr.txt")
    elif spoilt == "folder":
        kept.mkdir()
    elif spoilt == "binary":
        kept.write_bytes(b"\xff\xfe" * 1000)
    else:
        kept.write_bytes(b"a\tb\n" * (3 * 1024 * 1024))
    problems, loaded = checked(timeline, cache)
    assert (problems, loaded) == (expected, True)


def test_words_missing_from_the_kept_lemmas_are_looked_up(timeline: Path, tmp_path: Path
                                                         ) -> None:
    cache = tmp_path / "cache"
    expected, _loaded = checked(timeline, cache)
    kept = cache / "imfhist" / "lemmas-fr.txt"
    key = kept.read_text(encoding="utf-8").partition("\n")[0]
    kept.write_text(f"{key}\n", encoding="utf-8")
    assert checked(timeline, cache) == (expected, True)
    assert checked(timeline, cache) == (expected, False)
