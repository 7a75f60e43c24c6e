"""The passage nearest a quote not found, as `validate` gives it in its hint, costs a bounded
amount of work however large the page and however many quotes miss it: around where the quote's
first words are found, a window a few times the quote's length is aligned; over whole pages,
only as many characters as WHOLE_PAGES_BUDGET allows for the whole run."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from imfhist.checking.rules import quotes as quote_rules
from imfhist.checking.validation import validate_file
from imfhist.timeline import nearest


def page(words: int) -> str:
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
                  for _ in range(3000)]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def timeline(folder: Path, text: str, quotes: list[str]) -> Path:
    (folder / "page.txt").write_text(text, encoding="utf-8")
    events = "".join(f"  - {{id: e{n}, title: T{n}, sources: [{{ref: s, quote: \"{q}\"}}]}}\n"
                     for n, q in enumerate(quotes))
    path = folder / "timeline.yaml"
    path.write_text("format: imfhist/1\nsources:\n  - {id: s, title: S, archive: page.txt}\n"
                    f"events:\n{events}", encoding="utf-8")
    return path


@pytest.fixture()
def aligned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each text the alignment was asked to search."""
    lengths: list[int] = []
    align = nearest._align

    def counted(part: str, archive: str):  # type: ignore[no-untyped-def]
        lengths.append(len(archive))
        return align(part, archive)

    monkeypatch.setattr(nearest, "_align", counted)
    return lengths


def test_a_near_miss_is_aligned_in_a_window_about_its_first_words(tmp_path: Path,
                                                                   aligned: list[int]) -> None:
    text = page(200_000)  # about 1.2 MB
    rng = random.Random(3)
    misses = []
    for _ in range(200):
        start = text.index(" ", rng.randrange(0, len(text) - 400)) + 1
        misses.append(text[start:start + 150].rsplit(" ", 1)[0] + " zzzq")
    problems = validate_file(timeline(tmp_path, text, misses))
    hints = [p.hint or "" for p in problems if p.rule == "quote-not-found"]
    assert len(hints) == 200
    assert all("closest passage" in hint for hint in hints)
    assert len(aligned) == 200 and max(aligned) <= 2 * 155 + 64


def test_whole_pages_are_aligned_only_as_far_as_the_budget_goes(
        tmp_path: Path, aligned: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    text = page(20_000)
    monkeypatch.setattr(quote_rules, "WHOLE_PAGES_BUDGET", 5 * len(text))
    # Quotes whose first words are nowhere in the page: only a whole page can be searched.
    misses = [f"zzq{n} xxq yyq {text[1000 + 50 * n:1100 + 50 * n]}" for n in range(12)]
    problems = validate_file(timeline(tmp_path, text, misses))
    assert len([p for p in problems if p.rule == "quote-not-found"]) == 12
    assert aligned == [len(text)] * 5
