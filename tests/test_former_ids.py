"""`imfhist rename` keeps the old id in `former_ids`, so that what was published with it still
finds the object; former ids are checked as ids are."""

from __future__ import annotations

from pathlib import Path

from imfhist.checking.validation import validate_file


def test_rename_keeps_the_old_id_and_says_so(run, timeline_copy: Path) -> None:
    result = run("rename", "-f", timeline_copy, "projet-far-annaba", "far-annaba")
    assert result.exit_code == 0, result.output
    assert "'projet-far-annaba' is kept in its former_ids" in result.output
    text = timeline_copy.read_text(encoding="utf-8")
    assert "  - id: far-annaba\n" in text and "    former_ids: [projet-far-annaba]\n" in text
    assert [p for p in validate_file(timeline_copy) if p.is_error] == []
    again = run("rename", "-f", timeline_copy, "far-annaba", "far")
    assert again.exit_code == 0
    assert "    former_ids: [projet-far-annaba, far-annaba]\n" in \
        timeline_copy.read_text(encoding="utf-8")


def test_renaming_back_takes_the_id_out_of_former_ids(run, timeline_copy: Path) -> None:
    """The IMF is also the author of the source (`author: imf`): renamed there too."""
    before = timeline_copy.read_text(encoding="utf-8")
    assert run("rename", "-f", timeline_copy, "imf", "institut").exit_code == 0
    assert run("rename", "-f", timeline_copy, "institut", "imf").exit_code == 0
    text = timeline_copy.read_text(encoding="utf-8")
    assert "former_ids: [institut]" in text
    assert text.replace("\n    former_ids: [institut]", "") == before


def test_a_former_id_that_names_another_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "format: imfhist/1\nsources:\n  - {id: s, title: S}\nevents:\n"
        "  - id: a\n    title: A\n    sources: [{ref: s, quote: q}]\n"
        "  - id: b\n    title: B\n    sources: [{ref: s, quote: q}]\n    former_ids: [a, Bad_Id]\n",
        encoding="utf-8")
    found = {(p.rule, p.loc.line) for p in validate_file(path)}
    assert ("duplicate-id", 11) in found and ("id-format", 11) in found
