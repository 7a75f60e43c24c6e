"""The edges of the process, in real processes: odd output encodings, closed standard streams,
and values at the limits of what Python converts (long years, deep nesting)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED, write

SCRIPT = Path(sys.executable).parent / "imfhist"
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("IMFHIST_", "PYTHONIO"))} | {
    "NO_COLOR": "1", "COLUMNS": "100", "LANG": "C.UTF-8"}
READING = [["list"], ["show", "imf-participe-aux-pcpa"], ["chart"], ["stats"],
           ["list", "--format", "json"], ["export", "--format", "markdown"],
           ["export", "--format", "csv"], ["validate", str(SHIPPED)]]


def process(*args: str, env: dict[str, str] | None = None, shell: str = "", **kwargs):  # type: ignore[no-untyped-def]
    command = [str(SCRIPT), *args]
    if shell:
        command = ["sh", "-c", " ".join(f"'{a}'" for a in command) + " " + shell]
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(command, stderr=subprocess.PIPE, env=ENV | (env or {}), timeout=60,
                          **kwargs)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_narrow_output_encoding(encoding: str, args: list[str]) -> None:
    result = process(*args, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    result.stdout.decode(encoding)  # only what the encoding holds
    if "json" in args:
        wide = process(*args)
        assert json.loads(result.stdout.decode(encoding)) == json.loads(wide.stdout)


@pytest.mark.parametrize(("args", "code"), [(["list", "--format", "json"], 0),
                                            (["validate", str(SHIPPED)], 0),
                                            (["export", "--format", "html"], 0),
                                            (["import", "--template"], 0),
                                            (["validate", "missing.yaml"], 2)])
def test_closed_stdout(args: list[str], code: int) -> None:
    result = process(*args, shell=">&-")
    assert result.returncode == code
    assert b"Traceback" not in result.stderr


def test_closed_stdout_cannot_be_taken_by_a_written_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    result = process("export", "--format", "html", "-o", str(page), shell=">&-")
    assert result.returncode == 0 and page.read_text().startswith("<!doctype html>")


def test_closed_stdin(tmp_path: Path) -> None:
    shutil.copy(SHIPPED, tmp_path / "timeline.yaml")
    before = (tmp_path / "timeline.yaml").read_bytes()
    result = process("add", "-f", str(tmp_path / "timeline.yaml"), shell="<&-")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"no answer could be read" in result.stderr
    assert (tmp_path / "timeline.yaml").read_bytes() == before


@pytest.mark.parametrize("digits", [10, 401, 5001])
def test_long_years(run, tmp_path: Path, digits: int) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 f"  - {{id: one, title: One, date: 'Y{'9' * digits}', "
                 "sources: [{ref: p, quote: 'It happened as the page says.'}]}\n")
    result = run("validate", "--format", "json", path)
    assert result.exit_code == 1
    assert [p["rule"] for p in json.loads(result.stdout)["problems"]
            if p["rule"] != "source-unarchived"] == ["edtf"]
    for args in (["export", "--format", "html"], ["export", "--format", "timelinejs"],
                 ["chart"], ["list"], ["stats"]):
        assert run(*args, "-f", path).exit_code == 0, args
    added = run("add", "-y", "-f", path, "--title", "X", "--date", f"Y{'9' * digits}",
                    "--source", "p", "--quote", "It happened in 2004 as said.")
    assert added.exit_code == 1 and "Traceback" not in added.output  # a date refused


def test_nine_digit_year_is_placed(run, tmp_path: Path) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 "  - {id: one, title: One, date: 'Y-999999999', "
                 "sources: [{ref: p, quote: 'It happened as the page says.'}]}\n"
                 "  - {id: two, title: Two, date: '2004', "
                 "sources: [{ref: p, quote: 'It happened as the page says.'}]}\n")
    problems = json.loads(run("validate", "--format", "json", path).stdout)["problems"]
    assert "edtf" not in {p["rule"] for p in problems}
    for args in (["export", "--format", "html"], ["chart"]):
        assert run(*args, "-f", path).exit_code == 0, args


@pytest.mark.parametrize("body", ["  - id: one\n    title:\tA\n    "
                         "sources: [{ref: p, quote: 'It happened as the page says.'}]\n",
                                  "  - id: one\n    title: A\n    "
                                  "sources: [{ref: p, quote: 'It happened as the page says.'}]\n"
                                  f"    summary: {'[' * 600}{']' * 600}\n"],
                         ids=["tab-after-colon", "600-deep"])
def test_add_to_files_the_reader_accepts(run, loader: str, tmp_path: Path, body: str) -> None:
    path = write(tmp_path, f"format: imfhist/1\nsources: [{{id: p, title: P}}]\nevents:\n{body}")
    read = json.loads(run("validate", "--format", "json", path).stdout)["problems"]
    refused = {p["rule"] for p in read} & {"yaml-syntax", "yaml-depth"}
    added = run("add", "-y", "-f", path, "--title", "X", "--date", "2004", "--source", "p",
                    "--quote", "It happened in 2004 as said.")
    assert "Traceback" not in added.output
    if refused:  # the reader refuses it: so does add, and nothing is written
        assert added.exit_code in (1, 2) and "yaml-" in added.output
    else:
        assert added.exit_code == 0, added.output


CI_TIMELINE = ("format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
               "  - id: one\n    title: \"x\\n::error file=a::pwned\\n  ::add-mask::secret "
               "##[error]old\"\n    summary: \"::warning::s\"\n    date: '2004'\n"
               "    sources: [{ref: p, quote: \"It happened as the page says.\\n::error::q\"}]\n")


def obeyed_by_a_runner(text: str) -> list[str]:
    """The lines a GitHub Actions runner would run as workflow commands."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::") or "##[" in line]


@pytest.mark.parametrize("args", [["list", "--format", "csv"], ["export", "--format", "csv"],
                                  ["export", "--format", "markdown"],
                                  ["list", "--format", "markdown"]], ids=" ".join)
def test_csv_and_markdown_to_a_pipe_start_no_runner_command(tmp_path: Path,
                                                            args: list[str]) -> None:
    path = write(tmp_path, CI_TIMELINE)
    piped = process(*args, "-f", str(path))  # stdout is a pipe, as in a CI job
    assert piped.returncode == 0
    assert obeyed_by_a_runner(piped.stdout.decode()) == []
    if "csv" in args:
        import csv
        import io

        row = next(csv.DictReader(io.StringIO(piped.stdout.decode())))
        assert row["title"] == "x\n'::error file=a::pwned\n'  ::add-mask::secret ## [error]old"
        with (tmp_path / "out.csv").open("wb") as out:  # a file keeps the text as it is
            process(*args, "-f", str(path), stdout=out)
        kept = next(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text())))
        assert kept["title"] == "x\n::error file=a::pwned\n  ::add-mask::secret ##[error]old"


def test_github_annotations_hold_no_raw_control_character(run, tmp_path: Path) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 "  - id: one\n    title: \"x\\n::error::y \\e]0;t\\a\"\n    \"\\e[31mkey\": 1\n"
                 "    actors: [\"a\\n::add-mask::b\"]\n    "
                 "sources: [{ref: p, quote: 'It happened as the page says.'}]\n")
    output = run("validate", "--format", "github", path).stdout
    assert "\x1b" not in output and "\x07" not in output
    assert all(line.startswith(("::error ", "::warning ", "imfhist: "))
               for line in output.splitlines())


@pytest.mark.parametrize("args", [["list"], ["list", "--format", "json"], ["show", "one"],
                                  ["chart"], ["stats"], ["export", "--format", "html"],
                                  ["export", "--format", "timelinejs"],
                                  ["export", "--format", "csv"], ["validate", "--format", "text"],
                                  ["validate", "--format", "json"]], ids=" ".join)
def test_under_github_actions_no_data_line_is_a_workflow_command(tmp_path: Path,
                                                                 args: list[str]) -> None:
    path = write(tmp_path, CI_TIMELINE.replace("    date: '2004'\n", "    date: '2004'\n"
                                               "    date_label: \"::notice::d ##[error]x\"\n"
                                               "    actors: [\"##[add-mask]z\"]\n"))
    target = [str(path)] if args[0] == "validate" else ["-f", str(path)]
    result = process(*args, *target, env={"GITHUB_ACTIONS": "true"})
    assert b"Traceback" not in result.stderr
    assert obeyed_by_a_runner(result.stdout.decode()) == []
    assert obeyed_by_a_runner(result.stderr.decode()) == []


def test_github_annotations_stay_workflow_commands(tmp_path: Path) -> None:
    path = write(tmp_path, CI_TIMELINE + "    actors: [\"##[add-mask]z\"]\n")
    result = process("validate", str(path), env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.decode().splitlines()
    assert any(line.startswith("::error file=") for line in lines)
    assert lines[0].startswith("::") and lines[-1].startswith("imfhist: ")
