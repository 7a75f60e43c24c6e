"""What the loader learns from one scan of a file's text before composing it, and the checks of
each value that this spares: they must change nothing of what is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHIPPED


def _every_example() -> list[Path]:
    folder = Path(__file__).parent / "data"
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


@pytest.mark.parametrize("path", _every_example(), ids=lambda p: p.name)
def test_what_the_scan_of_the_text_spares_changes_nothing(path: Path) -> None:
    """The loader skips the checks of each value that a scan of the whole text shows to be
    needless (no anchor: no alias to follow; no hidden character and no escape: none to
    report); each example file loads to the same timeline and problems with every check made."""
    from imfhist.timeline.loader import _build, _Holds, load, shown_path
    from imfhist.timeline.yamlsource import compose, read_source

    shown = shown_path(path)
    data, _problems = read_source(path, shown)
    if data is None:
        return
    scanned = load(path)
    checked = _build(compose(data, shown), path, shown, _Holds())
    assert scanned.timeline == checked.timeline
    assert scanned.problems == checked.problems


@pytest.mark.parametrize("value", ['"a \\u200b b"', '"tab\\x07bell"', "\"l'\\u202eIMF\""])
def test_a_hidden_character_written_as_an_escape_is_reported(tmp_path: Path, value: str
                                                             ) -> None:
    from imfhist.timeline.loader import load

    text = SHIPPED.read_text(encoding="utf-8")
    path = tmp_path / "timeline.yaml"
    path.write_text(text.replace("title: ", f"title: {value} #", 1), encoding="utf-8")
    assert any(p.rule == "control-character" for p in load(path).problems)
