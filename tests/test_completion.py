"""Tab completion as the shells ask for it: commands, options, and the values of the timeline
(ids, countries, places, actors, tags) and of each option (formats, languages)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED

SCRIPT = Path(sys.executable).parent / "imfhist"


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith(("IMFHIST_", "LC_", "LANG", "_TYPER", "COMP_"))}
    return kept | {"LANG": "C.UTF-8", "XDG_CACHE_HOME": str(tmp_path / "cache")} | extra


def bash(tmp_path: Path, line: str, **extra: str) -> list[str]:
    words = line.split(" ")
    result = subprocess.run([str(SCRIPT)], capture_output=True, text=True, timeout=60,
                            env=environment(tmp_path, _IMFHIST_COMPLETE="complete_bash",
                                            COMP_WORDS=line, COMP_CWORD=str(len(words) - 1),
                                            **extra))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_commands(tmp_path: Path) -> None:
    assert bash(tmp_path, "imfhist fi") == ["filter"]
    assert bash(tmp_path, "imfhist source ") == ["add", "check"]
    assert "--file" in bash(tmp_path, "imfhist source check --")
    assert bash(tmp_path, "imfhist edit al") == ["altermed"]
    assert bash(tmp_path, "imfhist rename ico") == ["icosi"]
    assert bash(tmp_path, "imfhist edit altermed --add-country tuni") == ["Tunisia"]
    assert {"list", "show", "validate", "export"} <= set(bash(tmp_path, "imfhist "))


@pytest.mark.parametrize(("typed", "expected"), [
    ("al", ["altermed"]), ("AL", ["altermed"]), ("far", ["projet-far-annaba"]),
    ("projet-n", ["projet-nahda-13-tlemcen"])])
def test_event_ids(tmp_path: Path, typed: str, expected: list[str]) -> None:
    assert bash(tmp_path, f"imfhist show {typed}") == expected


def test_countries_in_the_interface_language_and_codes(tmp_path: Path) -> None:
    assert bash(tmp_path, "imfhist filter --country tun") == ["Tunisia"]
    assert bash(tmp_path, "imfhist filter -c TN") == ["TN"]
    assert bash(tmp_path, "imfhist --lang fr filter -c tun") == ["Tunisie"]
    assert bash(tmp_path, "imfhist filter -c ma", IMFHIST_LANG="fr") == ["Maroc", "MA"]
    # filter offers the countries of the timeline; add, every country.
    assert "Germany" not in bash(tmp_path, "imfhist filter --country ")
    assert bash(tmp_path, "imfhist add --country germ") == ["Germany"]


def test_places_actors_tags_regions(tmp_path: Path) -> None:
    assert bash(tmp_path, "imfhist filter --place ann") == ["annaba"]
    assert bash(tmp_path, "imfhist export --actor ico") == ["icosi"]
    # A value with spaces is written as it must be typed in bash.
    assert "économie\\ sociale\\ et\\ solidaire" in bash(tmp_path, "imfhist filter --tag eco")
    assert bash(tmp_path, "imfhist filter --region medi") == ["Méditerranée"]


def test_option_choices(tmp_path: Path) -> None:
    assert bash(tmp_path, "imfhist list --format ") == ["table", "json", "csv", "markdown"]
    assert "junit" in bash(tmp_path, "imfhist validate --format ")
    assert bash(tmp_path, "imfhist export --format time") == ["timelinejs"]
    assert bash(tmp_path, "imfhist --lang ") == ["en", "fr"]
    assert bash(tmp_path, "imfhist list --format=j") == ["--format=json"]


def test_options(tmp_path: Path) -> None:
    options = bash(tmp_path, "imfhist filter --co")
    assert options == ["--country"]
    assert "--file" in bash(tmp_path, "imfhist --")


def test_file_names_are_left_to_the_shell(tmp_path: Path) -> None:
    assert bash(tmp_path, "imfhist validate ") == []
    assert bash(tmp_path, "imfhist list --file ") == []


def test_values_come_from_the_file_named(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(SHIPPED.read_text(encoding="utf-8").replace(
        "id: altermed", "id: alternative"), encoding="utf-8")
    assert bash(tmp_path, f"imfhist --file {other} show al") == ["alternative"]
    assert bash(tmp_path, f"imfhist show --file {other} al") == ["alternative"]
    assert bash(tmp_path, "imfhist show al", IMFHIST_FILE=str(other)) == ["alternative"]
    # The cache follows the file: a change is seen at the next Tab.
    other.write_text(other.read_text(encoding="utf-8").replace(
        "id: alternative", "id: alternance"), encoding="utf-8")
    assert bash(tmp_path, f"imfhist --file {other} show al") == ["alternance"]


def test_unreadable_timeline_or_cache_gives_no_error(tmp_path: Path) -> None:
    assert bash(tmp_path, f"imfhist --file {tmp_path / 'missing.yaml'} show al") == []
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")
    assert bash(tmp_path, "imfhist show al", XDG_CACHE_HOME=str(blocked)) == ["altermed"]


def test_zsh_and_fish(tmp_path: Path) -> None:
    def run(shell: str, line: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(SCRIPT)], capture_output=True, text=True, timeout=60,
                              env=environment(tmp_path, _IMFHIST_COMPLETE=f"complete_{shell}",
                                              _TYPER_COMPLETE_ARGS=line, **extra))

    zsh = run("zsh", "imfhist show al").stdout
    assert zsh.startswith("_arguments '*: :((\"altermed\":\"Le projet AlterMed")
    assert run("zsh", "imfhist validate ").stdout == "_files"
    fish = run("fish", "imfhist filter --country Tuni", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert fish.stdout.splitlines() == ["Tunisia\tTN"]
    assert run("fish", "imfhist show al", _TYPER_COMPLETE_FISH_ACTION="is-args").returncode == 0
    assert run("fish", "imfhist validate ", _TYPER_COMPLETE_FISH_ACTION="is-args"
               ).returncode == 1


def test_description_follows_the_application() -> None:
    import typer.main

    from imfhist.cli import app
    from imfhist.cli.completion import describe

    described = describe()
    group = typer.main.get_command(app)
    assert set(described["commands"]) == set(group.commands)  # type: ignore[attr-defined]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        names = {n for o in described["commands"][name]["options"] for n in o["names"]}
        assert {n for p in command.params for n in getattr(p, "opts", [])
                if p.param_type_name == "option" and not p.hidden} <= names


def _cache_files(tmp_path: Path) -> list[Path]:
    found = sorted((tmp_path / "cache" / "imfhist").glob("*.json"))
    assert {path.name.split("-")[0] for path in found} == {"completion", "values"}
    return found


@pytest.mark.parametrize("content", [b"[" * 200_000, b'{"commands": ' * 100_000,
                                     b'{"commands": 5, "options": [1]}', b'{"ids": [[1, 2]]}',
                                     b"\xff not text"])
def test_a_cache_file_that_is_not_ours_is_a_miss(tmp_path: Path, content: bytes) -> None:
    assert bash(tmp_path, "imfhist show al") == ["altermed"]
    for path in _cache_files(tmp_path):
        path.write_bytes(content)
    assert bash(tmp_path, "imfhist show al") == ["altermed"]
    assert bash(tmp_path, "imfhist fi") == ["filter"]


def test_a_fifo_or_a_link_in_place_of_a_cache_file(tmp_path: Path) -> None:
    """A FIFO would make every Tab wait for ever, a link to a device read without end: neither
    is opened (the timeout of `bash` fails the test on a wait)."""
    assert bash(tmp_path, "imfhist show al") == ["altermed"]
    for path in _cache_files(tmp_path):
        path.unlink()
        os.mkfifo(path)
    assert bash(tmp_path, "imfhist show al") == ["altermed"]
    for path in _cache_files(tmp_path):
        path.unlink()
        path.symlink_to("/dev/zero")
    assert bash(tmp_path, "imfhist show al") == ["altermed"]
