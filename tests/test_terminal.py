"""Text from the data never drives the terminal: messages, prompts and file names quoting it
show control sequences as visible escapes, and Rich markup in it as the characters it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write

SEQUENCES = {"clipboard": "\x1b]52;c;aGVsbG8=\x07", "title": "\x1b]0;pwned\x07",
             "clear": "\x1b[2J\x1b[H", "link": "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
             "bidi": "\u202eevil", "tag": "\U000e0041\U000e0042"}
RAW = ("\x1b", "\x07", "\u202e", "\U000e0041")


def assert_inert(output: str) -> None:
    assert not any(c in output for c in RAW), repr(output[:500])


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_import_row_errors_show_cells_inert(run, timeline_copy: Path, name: str) -> None:
    rows = timeline_copy.parent / "rows.csv"
    cell = SEQUENCES[name]
    rows.write_text(f"title,date,countries,source,quote\nT,{cell},{cell},imf-historique,{cell}\n",
                    encoding="utf-8")
    result = run("import", rows, "-f", timeline_copy)
    assert result.exit_code == 1  # rows refused
    assert "row 2" in result.output
    assert_inert(result.output)


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_file_names_are_shown_inert(run, tmp_path: Path, name: str) -> None:
    missing = tmp_path / f"{SEQUENCES[name].replace('/', '_')}.yaml"
    for args in (["validate", missing], ["list", "-f", missing], ["import", missing]):
        result = run(*args)
        assert result.exit_code == 2
        assert_inert(result.output)
    not_a_timeline = write(tmp_path, "- a list\n", missing.name)
    result = run("list", "-f", not_a_timeline)
    assert result.exit_code == 2 and "not a timeline" in result.output
    assert_inert(result.output)


def test_interactive_add_shows_names_as_written(run, tmp_path: Path) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources:\n  - {id: s, title: P}\n"
                 "actors:\n  - {id: a, name: \"[red]A[/]\\e]0;x\\a\", kind: person}\n"
                 "events:\n  - {id: one, title: One, "
                 "sources: [{ref: s, quote: 'It happened as the page says.'}]}\n")
    answers = "\n".join(["Titre", "", "2004", "y", "", "", "", "a", "", "s",
                         "It happened in 2004 as the page says.", "n"]) + "\n"
    result = run("add", "-f", path, input=answers)
    assert "Traceback" not in result.output
    assert "[red]A[/]\\x1b]0;x\\x07" in result.output, "shown as written, escapes visible"
    assert_inert(result.output)
