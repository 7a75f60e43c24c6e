"""Archives are read only inside the timeline's folder, once per file, within a size bound."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from imfhist.checking.rules.quotes import MAX_SEEDS, find_quote
from imfhist.timeline import archives
from imfhist.timeline.loader import load

TIMELINE = """format: imfhist/1
sources:
  - {{id: page, title: A page, archive: "{archive}"}}
events:
  - id: one
    title: One
    sources: [{{ref: page, quote: "{quote}"}}]
"""


def validate(run, folder: Path, archive: str, quote: str = "words") -> tuple[int, list[dict]]:
    path = folder / "timeline.yaml"
    path.write_text(TIMELINE.format(archive=archive, quote=quote))
    result = run("validate", "--format", "json", path)
    return result.exit_code, json.loads(result.stdout)["problems"]


def outside(problems: list[dict]) -> bool:
    """The archive is refused as outside, and nothing about a quote was learnt from it."""
    archive = [p for p in problems if p["rule"] == "source-archive"]
    return len(archive) == 1 and "outside the timeline's folder" in archive[0]["message"] and \
        not any(p["rule"] == "quote-not-found" for p in problems)


def answer(result: tuple[int, list[dict]]) -> tuple[int, list[tuple[str, str]]]:
    """What a run says about the archive: its exit code, and its problems but those about the
    quote's own words (which differ between two guesses)."""
    code, problems = result
    return code, [(p["rule"], p["message"]) for p in problems if p["rule"] == "source-archive"]


@pytest.mark.parametrize("archive", ["/proc/self/environ", "/etc/passwd", "../secret.txt",
                                     "sources/../../secret.txt", "/dev/zero", "C:\\secret.txt",
                                     "sources/link-out.txt", "sources/link-dir/secret.txt", ""])
def test_archive_outside_the_folder_is_refused_unread(run, tmp_path: Path, archive: str) -> None:
    (tmp_path / "secret.txt").write_text("SECRET=h\n")
    folder = tmp_path / "timeline"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "link-out.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "sources" / "link-dir").symlink_to(tmp_path)
    right = validate(run, folder, archive.replace("\\", "\\\\"), "SECRET=h")
    assert right[0] == 1 and outside(right[1]), right
    # Whatever the guess, the answer is the same: nothing is learnt about the file.
    wrong = validate(run, folder, archive.replace("\\", "\\\\"), "SECRET=a")
    assert answer(wrong) == answer(right)


def test_existence_outside_is_not_told(run, tmp_path: Path) -> None:
    (tmp_path / "timeline").mkdir()
    (tmp_path / "there.txt").write_text("x")
    there = validate(run, tmp_path / "timeline", "../there.txt")
    missing = validate(run, tmp_path / "timeline", "../missing.txt")
    assert there[0] == missing[0] == 1
    assert [p["message"].split("'")[0] for p in there[1]] == \
        [p["message"].split("'")[0] for p in missing[1]]


def test_symlink_inside_the_folder_is_read(run, tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "page.txt").write_text("One happened: these are the words of the page.")
    (tmp_path / "page.txt").symlink_to(tmp_path / "sources" / "page.txt")
    assert validate(run, tmp_path, "page.txt", "One happened: these are the words") == (0, [])
    code, problems = validate(run, tmp_path, "page.txt", "One happened: these are a few words")
    assert code == 1 and [p["rule"] for p in problems] == ["quote-not-found"]


def test_fifo_archive_is_refused_at_once(run, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # nobody writes to it: opening it for reading would block
    code, problems = validate(run, tmp_path, "pipe.txt")
    assert code == 1 and any("is not a file" in p["message"] for p in problems)


@pytest.mark.parametrize("archive", ["sub", "sub/", "su b", "link-to-sub"])
def test_folder_archive_is_refused_as_not_a_file(run, tmp_path: Path, archive: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "su b").mkdir()
    (tmp_path / "link-to-sub").symlink_to(tmp_path / "sub")
    code, problems = validate(run, tmp_path, archive)
    assert code == 1 and any("is not a file" in p["message"] for p in problems)


def test_a_name_too_long_is_refused_with_a_hint_that_fits(run, tmp_path: Path) -> None:
    code, problems = validate(run, tmp_path, "a" * 300 + ".txt")
    refused = [p for p in problems if p["rule"] == "source-archive"]
    assert code == 1 and len(refused) == 1 and "shorter path" in refused[0]["hint"]


def test_the_quotes_of_relations_read_no_page_again(tmp_path: Path, monkeypatch) -> None:
    """The relation rule runs the quote rules on a stand-in timeline with the same sources: it
    shares their pages (a 20 MB page was read once more for it)."""
    import shutil

    from conftest import SHIPPED
    from imfhist.checking.rules import check

    shutil.copytree(SHIPPED.parent, tmp_path / "data")
    reads: list[str] = []
    read_file = archives.Archives._read_file

    def counted(self, path):  # type: ignore[no-untyped-def]
        reads.append(path)
        return read_file(self, path)

    monkeypatch.setattr(archives.Archives, "_read_file", counted)
    timeline = load(tmp_path / "data" / "timeline.yaml").timeline
    assert timeline is not None and any(e.relations for e in timeline.events)
    check(timeline)
    assert len(reads) == len(set(reads)) == 1


def test_each_archive_is_read_once_and_shared(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "page.txt").write_text("the words of the page")
    sources = "\n".join(f"  - {{id: s{i}, title: S, archive: {'./' * (i % 3)}page.txt}}"
                        for i in range(100))
    path = tmp_path / "timeline.yaml"
    path.write_text(f"format: imfhist/1\nsources:\n{sources}\nevents: []\n")
    timeline = load(path).timeline
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(archives.os, "open",
                        lambda name, *a, **k: opened.append(str(name)) or real_open(name, *a, **k))
    texts = [archives.archives_of(timeline).text(s) for s in timeline.sources]
    assert len(opened) == 1
    assert all(t is texts[0] for t in texts)


def test_total_size_of_archives_is_bounded(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(archives, "MAX_TOTAL_ARCHIVE_BYTES", 25)
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("ten bytes.")
    sources = "\n".join(f"  - {{id: {n}, title: S, archive: {n}.txt}}" for n in "abc")
    path = tmp_path / "timeline.yaml"
    path.write_text(f"format: imfhist/1\nsources:\n{sources}\nevents: []\n")
    timeline = load(path).timeline
    read = [archives.archives_of(timeline).of(s) for s in timeline.sources]
    assert [r.text for r in read[:2]] == ["ten bytes.", "ten bytes."]
    assert read[2].text is None and "in all" in read[2].refusal.message


class CountingText(str):
    """An archive that counts how many times it is scanned."""

    scans = 0

    def find(self, *args, **kwargs) -> int:  # type: ignore[override]
        CountingText.scans += 1
        return super().find(*args, **kwargs)


def test_near_miss_costs_a_bounded_number_of_scans() -> None:
    sentence = "the Fund lends to its members when their balance of payments is in trouble. "
    archive = CountingText(sentence * 5000)
    near_miss = sentence + "and it also prints money"
    CountingText.scans = 0
    assert find_quote(near_miss, archive) == sentence
    assert CountingText.scans <= MAX_SEEDS + 2


def test_near_miss_names_the_words_that_match() -> None:
    archive = "Le Fonds a été créé en 1944 à Bretton Woods. Il compte 190 membres."
    assert find_quote("Le Fonds a été créé en 1945", archive) == "Le Fonds a été créé en 194"
    assert find_quote("Il compte 190 membres … Bretton", archive) == ""
    assert find_quote("Le Fonds … 190 membres", archive) is None
    assert find_quote("zz", archive) == ""
