"""The error count that reading commands announce, kept between runs: never stale, and a cache
file that is not what imfhist wrote (nested, a FIFO, a link) is a miss, never a traceback nor a
wait."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from imfhist.checking import error_count as counting
from imfhist.checking.error_count import error_count
from imfhist.timeline.loader import load


@pytest.fixture()
def timeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path / "data" / "timeline.yaml"


def test_the_count_follows_the_file_and_its_archive(timeline: Path) -> None:
    assert error_count(load(timeline)) == 0
    assert (timeline.parent.parent / "cache" / "imfhist" / "checked.txt").is_file()
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


SCRIPT = Path(sys.executable).parent / "imfhist"


def listing(timeline: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """`imfhist list` (or another command) as a user runs it, with the test's cache; a hang
    fails the test at the timeout."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("IMFHIST_", "LC_"))}
    environment |= {"LANG": "C.UTF-8", "COLUMNS": "100",
                    "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}
    return subprocess.run([str(SCRIPT), *(command or ("list",)), "--file", str(timeline)],
                          capture_output=True, text=True, timeout=60, env=environment)


def test_an_edit_of_the_same_size_and_time_is_seen(timeline: Path) -> None:
    """The count is keyed by what the file holds: an edit that keeps its size, with its time
    set back as `touch -r` does, is announced as `validate` finds it."""
    assert "error" not in listing(timeline).stderr
    before = timeline.stat()
    text = timeline.read_text(encoding="utf-8")
    edited = text.replace("actors: [imf, icosi,", "actors: [imf, icosx,", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    timeline.write_text(edited, encoding="utf-8")
    os.utime(timeline, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert timeline.stat().st_size == before.st_size
    assert timeline.stat().st_mtime_ns == before.st_mtime_ns
    result = listing(timeline)
    assert result.returncode == 0
    assert "has 1 error" in result.stderr, result.stderr
    assert listing(timeline, "validate").returncode == 1
    # The archive likewise: the same size, the same time, another word.
    timeline.write_text(text, encoding="utf-8")
    assert "error" not in listing(timeline).stderr
    archive = next((timeline.parent / "sources").iterdir())
    before = archive.stat()
    page = archive.read_text(encoding="utf-8")
    archive.write_text(page.replace("le projet AlterMed", "le projet AlterMEd"), encoding="utf-8")
    os.utime(archive, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert " errors; `imfhist validate" in listing(timeline).stderr


@pytest.mark.parametrize("nested", [b"[" * 200_000, b'{"a":' * 200_000,
                                    b"\xff\xfe not text", b"0123 4\n" * 10])
def test_a_cache_file_that_is_not_ours_is_a_miss(timeline: Path, nested: bytes) -> None:
    where = timeline.parent.parent / "cache" / "imfhist"
    where.mkdir(parents=True)
    (where / "checked.txt").write_bytes(nested)
    (where / "checked.json").write_bytes(nested)  # where the count was kept before
    result = listing(timeline)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "error" not in result.stderr
    assert error_count(load(timeline)) == 0


def test_a_fifo_in_place_of_the_cache_file_does_not_hang(timeline: Path) -> None:
    where = timeline.parent.parent / "cache" / "imfhist"
    where.mkdir(parents=True)
    os.mkfifo(where / "checked.txt")
    os.mkfifo(where / "checked.json")  # where the count was kept before
    result = listing(timeline)  # within the timeout
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    result = listing(timeline, "show", "altermed")
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_a_link_in_place_of_the_cache_file_is_not_followed(timeline: Path,
                                                            tmp_path: Path) -> None:
    """A link that leads to a count made up for this very timeline is not read (nor one to a
    device that never ends)."""
    key = counting._key(load(timeline))
    assert key is not None
    forged = tmp_path / "forged.txt"
    forged.write_text(f"{key} 7\n", encoding="utf-8")
    where = timeline.parent.parent / "cache" / "imfhist"
    where.mkdir(parents=True)
    (where / "checked.txt").symlink_to(forged)
    assert error_count(load(timeline)) == 0
    assert "error" not in listing(timeline).stderr
    (where / "checked.txt").unlink(missing_ok=True)
    (where / "checked.txt").symlink_to("/dev/zero")
    result = listing(timeline)
    assert result.returncode == 0 and "error" not in result.stderr


def test_what_the_cache_holds_is_used_when_it_is_ours(timeline: Path) -> None:
    key = counting._key(load(timeline))
    where = timeline.parent.parent / "cache" / "imfhist"
    where.mkdir(parents=True)
    (where / "checked.txt").write_text(f"{key} 3\n", encoding="utf-8")
    assert error_count(load(timeline)) == 3  # a hit: the rules are not run again


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


json_values = st.recursive(
    st.none() | st.integers() | st.text(alphabet='[]{}"\\ab'),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(alphabet='[]{}"\\ab', max_size=3), inner, max_size=3),
    max_leaves=30)


@given(json_values, st.booleans())
def test_nesting_is_measured_as_json_nests(value: object, ascii_only: bool) -> None:
    """Brackets inside strings, escaped quotes included, do not count."""
    from imfhist.common.cache import nests_deeper

    text = json.dumps(value, ensure_ascii=ascii_only)
    for limit in (0, 1, 2, 3, 5, 16):
        assert nests_deeper(text, limit) == (_depth(value) > limit), (text, limit)


def test_a_written_change_leaves_its_count_for_the_next_listing(
        timeline: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:  # type: ignore[no-untyped-def]
    """`edit` checks the whole new file before writing it: the listing that follows finds the
    count kept, and runs no rule; a change that leaves errors keeps their number."""
    from imfhist.checking import rules

    result = run("edit", "altermed", "--add-tag", "bench", "--file", timeline)
    assert result.exit_code == 0, result.output

    def no_rule_expected(*arguments: object) -> list[object]:
        raise AssertionError("the rules ran again")

    with monkeypatch.context() as patched:
        patched.setattr(rules, "check", no_rule_expected)
        assert error_count(load(timeline)) == 0
    # A file with an error already (an actor unknown), then a change elsewhere: still one.
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("actors: [imf, icosi", "actors: [imf, icosiX"),
                        encoding="utf-8")
    result = run("edit", "altermed", "--remove-tag", "bench", "--file", timeline)
    assert result.exit_code == 0, result.output
    with monkeypatch.context() as patched:
        patched.setattr(rules, "check", no_rule_expected)
        assert error_count(load(timeline)) == 1
    assert counting.error_count(load(timeline)) == len(
        [p for p in rules.check(load(timeline).timeline) if p.is_error])  # type: ignore[arg-type]


def test_a_dry_run_keeps_no_count(timeline: Path, run) -> None:  # type: ignore[no-untyped-def]
    kept = timeline.parent.parent / "cache" / "imfhist" / "checked.txt"
    result = run("edit", "altermed", "--add-tag", "bench", "--dry-run", "--file", timeline)
    assert result.exit_code == 0, result.output
    assert not kept.exists()


def test_a_page_changed_right_after_a_write_is_not_counted_as_it_was(
        timeline: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:  # type: ignore[no-untyped-def]
    """The count a writing command keeps is keyed by the pages as its check read them: a page
    changed between the check and the next listing makes another key, and the listing counts
    again (it found no error in a page that no longer holds the quotes)."""
    from imfhist.keeping import transaction

    archive = next((timeline.parent / "sources").iterdir())
    write = transaction.write_atomically

    def write_then_change_the_page(*arguments: object) -> None:
        write(*arguments)  # type: ignore[arg-type]
        archive.write_text("Autre chose.\n", encoding="utf-8")

    monkeypatch.setattr(transaction, "write_atomically", write_then_change_the_page)
    result = run("edit", "altermed", "--add-tag", "bench", "--file", timeline)
    assert result.exit_code == 0, result.output
    from imfhist.checking import rules

    expected = len({p for p in rules.check(load(timeline).timeline) if p.is_error})  # type: ignore[arg-type]
    assert expected > 0
    assert error_count(load(timeline)) == expected


def test_the_count_follows_the_word_lists(timeline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """simplemma's version and the stop words decide what claim-words finds: another of either
    makes another key."""
    from imfhist.checking import rules
    from imfhist.timeline import carried

    assert error_count(load(timeline)) == 0
    monkeypatch.setattr(carried, "words_fingerprint", lambda: b"another simplemma")
    checked = []
    check = rules.check

    def counted(*arguments: object) -> list[object]:
        checked.append(1)
        return check(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "check", counted)
    assert error_count(load(timeline)) == 0
    assert checked == [1]
