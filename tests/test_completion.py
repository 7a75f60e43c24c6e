"""Tab completion as the shells ask for it: commands, options, and the values of the timeline
(ids, countries, places, actors, tags) and of each option (formats, languages)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHIPPED

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
    assert bash(tmp_path, "imfhist source ") == ["add", "check", "search", "coverage"]
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
    assert zsh.startswith("local -a _imfhist_values; set -A _imfhist_values "
                          "$'altermed\\x3aLe\\x20projet\\x20AlterMed")
    assert zsh.endswith("; _describe -t values value _imfhist_values")
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


# -- hostile values in real shells ---------------------------------------------------------------
#
# Each shell loads the completion script `imfhist --install-completion` installs, and completes
# values of a timeline whose tags and titles are made to run commands if anything evaluated
# them. A marker file would then exist; the values offered must equal the tags, byte for byte.

def need(shell: str) -> str:
    """The shell's path; a missing shell fails under CI (which installs them) and skips
    elsewhere."""
    import shutil

    found = shutil.which(shell)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{shell} is not installed: scripts/test.sh installs it")
        pytest.skip(f"{shell} is not installed")
    return found


def hostile_values(markers: Path) -> list[str]:
    return [f"x\\$(touch {markers}/m1)", f"$(touch {markers}/m2)", f"`touch {markers}/m3`",
            f"a;touch {markers}/m4", "a'b\"c", f"'$(touch {markers}/m5)'",
            f'"`touch {markers}/m6`"', "line\nbreak", "tab\there", "*", "?", "~root", "-x",
            "--tag", "ünï cödé 東京", "a:b", "c\\:d", ":", "[ab]", "{a,b}", "back\\", "$HOME",
            "!!", "#c", "a b  c", "a&b|c>d<e", "%1", "x\\", "\\n", "$'\\x41'"]


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A timeline whose first event carries the hostile values as tags and a hostile title;
    the folder where a marker would appear; the values."""
    import json

    markers = tmp_path / "markers"
    markers.mkdir()
    values = hostile_values(markers)
    lines = [line for line in SHIPPED.read_text(encoding="utf-8").splitlines()
             if not line.strip().startswith("tags:")]
    text = "\n".join(lines) + "\n"
    title = ("    title: L’IMF développe un réseau partenarial pluri acteurs dans le bassin "
             "méditerranéen\n")
    assert title in text
    hostile_title = f"x\\$(touch {markers}/t1) `touch {markers}/t2` 'q\" a:b $(touch {markers}/t3)"
    text = text.replace(title, f"    title: {json.dumps(hostile_title)}\n"
                        f"    tags: {json.dumps(values, ensure_ascii=False)}\n", 1)
    path = tmp_path / "timeline.yaml"
    path.write_text(text, encoding="utf-8")
    return path, markers, values


def script(tmp_path: Path, shell: str) -> Path:
    result = subprocess.run([str(SCRIPT)], capture_output=True, text=True, timeout=60,
                            env=environment(tmp_path, _IMFHIST_COMPLETE=f"source_{shell}"))
    assert result.returncode == 0 and "complete" in result.stdout
    path = tmp_path / f"imfhist.{shell}"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def shell_environment(tmp_path: Path, timeline: Path) -> dict[str, str]:
    return environment(tmp_path, IMFHIST_FILE=str(timeline),
                       PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}")


def ids() -> list[str]:
    from imfhist.cli.completion import timeline_values

    return [value for value, _ in timeline_values(SHIPPED)["ids"]]


def test_bash_offers_hostile_values_as_they_must_be_typed(tmp_path: Path, hostile) -> None:
    timeline, markers, values = hostile
    loaded = script(tmp_path, "bash")
    # Files that the values would match as patterns, and the options that make a pattern that
    # matches nothing disappear.
    for name in ("a", "b", "x", "ab", "line"):
        (tmp_path / name).touch()
    program = f"""
shopt -s extglob nullglob
source {loaded}
COMP_WORDS=(imfhist "$@" "")
COMP_CWORD=$(( $# + 1 ))
_imfhist_completion imfhist
for word in "${{COMPREPLY[@]}}"; do
  # What bash reads when the line is run: the word as it was put on the command line.
  eval "typed=( $word )"
  printf '%s\\0' "${{typed[@]}}"
done
"""
    for args, expected in ((["filter", "--tag"], values), (["show"], ids())):
        result = subprocess.run([need("bash"), "--norc", "--noprofile", "-c", program, "bash",
                                 *args], capture_output=True, text=True, timeout=60,
                                cwd=tmp_path, env=shell_environment(tmp_path, timeline))
        assert result.stderr == ""
        assert sorted(result.stdout.split("\0")[:-1]) == sorted(expected)
    assert list(markers.iterdir()) == []


def test_zsh_offers_hostile_values_and_evaluates_none(tmp_path: Path, hostile) -> None:
    """An interactive zsh on a terminal: Tab after the line, with compinit and the script
    loaded; compadd is wrapped to write down what it offers, unquoted as zsh reads it."""
    import pty
    import select
    import time

    timeline, markers, values = hostile
    loaded = script(tmp_path, "zsh")
    home = tmp_path / "zdot"
    home.mkdir()
    offered = tmp_path / "offered"
    (home / ".zshrc").write_text(f"""
PROMPT='> '
autoload -Uz compinit && compinit -u -D
compadd() {{
  if [[ ${{@[1,(i)(-|--)]}} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return; fi
  local -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rn -- "${{(pj:\\0:)${{(@Q)hits}}}}"$'\\0' >> {offered}.part
  builtin compadd "$@"
}}
_imfhist_done() {{ touch {offered}.part; mv {offered}.part {offered} }}
comppostfuncs=(_imfhist_done)
source {loaded}
""", encoding="utf-8")

    def complete(line: str) -> list[str]:
        offered.unlink(missing_ok=True)
        main, secondary = pty.openpty()
        process = subprocess.Popen([need("zsh"), "-d", "-i"], stdin=secondary, stdout=secondary,
                                   stderr=secondary, cwd=tmp_path, start_new_session=True,
                                   env=shell_environment(tmp_path, timeline)
                                   | {"ZDOTDIR": str(home), "TERM": "dumb"})
        os.close(secondary)
        shown = b""

        def read(seconds: float) -> None:
            nonlocal shown
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                if select.select([main], [], [], 0.05)[0]:
                    try:
                        shown += os.read(main, 65536)
                    except OSError:
                        return
        try:
            deadline = time.monotonic() + 30
            while b"> " not in shown and time.monotonic() < deadline:
                read(0.1)
            os.write(main, line.encode() + b"\t")
            while not offered.exists() and time.monotonic() < deadline:
                read(0.1)
            read(0.2)
        finally:
            process.kill()
            process.wait()
            os.close(main)
        assert offered.exists(), shown.decode(errors="replace")
        assert b"(eval)" not in shown and b"command not found" not in shown, shown
        return list(dict.fromkeys(offered.read_text(encoding="utf-8").split("\0")[:-1]))

    assert sorted(complete("imfhist filter --tag ")) == sorted(values)
    assert sorted(complete("imfhist show ")) == sorted(ids())
    assert list(markers.iterdir()) == []


def test_fish_offers_hostile_values_and_evaluates_none(tmp_path: Path, hostile) -> None:
    timeline, markers, values = hostile
    loaded = script(tmp_path, "fish")
    results = {}
    for line in ("imfhist filter --tag ", "imfhist show "):
        result = subprocess.run(
            [need("fish"), "--no-config", "-c", f"source {loaded}; complete -C {line!r}"],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
            env=shell_environment(tmp_path, timeline))
        assert result.stderr == ""
        results[line] = [entry.split("\t")[0] for entry in result.stdout.splitlines()]
    # A value with a line end or a tab cannot be one of fish's lines: it is left out.
    assert sorted(results["imfhist filter --tag "]) == sorted(
        v for v in values if "\n" not in v and "\t" not in v)
    assert sorted(results["imfhist show "]) == sorted(ids())
    assert list(markers.iterdir()) == []


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


@pytest.mark.parametrize(("words", "cword"), [("imfhist fi", "1"), ("imfhist show al", "2"),
                                               ("imfhist filter -c tu", "3")])
def test_a_tab_imports_neither_typer_nor_the_model(words: str, cword: str,
                                                   tmp_path: Path) -> None:
    """Completion answers from what it keeps (the command tree, the timeline's values): once
    they are kept, a Tab imports neither Typer nor the timeline's model, the two imports that
    would double its time."""
    environment = {**os.environ, "_IMFHIST_COMPLETE": "complete_bash", "COMP_WORDS": words,
                   "COMP_CWORD": cword, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-X", "importtime", "-m", "imfhist"]
    for _kept_by_the_first in range(2):
        done = subprocess.run(command, capture_output=True, text=True, timeout=60,
                              env=environment, cwd=REPO)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert done.stdout.strip()
    assert not {"typer", "rich", "yaml", "imfhist.timeline.model"} & imported


def test_version_imports_nothing_of_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "imfhist", "--version"],
                          capture_output=True, text=True, timeout=60)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert done.stdout.startswith("imfhist ")
    assert not {"typer", "imfhist.cli", "imfhist.publishing", "imfhist.timeline"} & imported
