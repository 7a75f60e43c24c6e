"""Progress on stderr for large work, only when stderr is a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import read_terminal

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from generate import generate

SCRIPT = Path(sys.executable).parent / "imfhist"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "timeline.yaml"
    path.write_text(generate(3500), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    return path


def run(args: list[str], terminal: bool) -> tuple[int, bytes, bytes]:
    """Run imfhist with stdout to a pipe and stderr to a terminal (a pty) or to a pipe."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("IMFHIST_")}
    environment |= {"TERM": "xterm", "COLUMNS": "100", "IMFHIST_MAX_FILE_MB": "200"}
    environment.pop("NO_COLOR", None)
    if not terminal:
        result = subprocess.run([str(SCRIPT), *args], capture_output=True, env=environment,
                                timeout=120)
        return result.returncode, result.stdout, result.stderr
    controller, terminal_end = pty.openpty()
    # stdout goes to a file: a pipe nobody reads while the terminal is read would fill up.
    with tempfile.TemporaryFile() as stdout_file:
        process = subprocess.Popen([str(SCRIPT), *args], stdout=stdout_file,
                                   stderr=terminal_end, env=environment)
        os.close(terminal_end)
        shown = read_terminal(controller)
        process.wait(timeout=120)
        os.close(controller)
        stdout_file.seek(0)
        stdout = stdout_file.read()
    return process.returncode, stdout, shown


@pytest.mark.parametrize(("args", "said"), [
    (["validate", "{file}"], b"Checking"), (["list", "--format", "json", "--file", "{file}"],
                                            b"Reading")])
def test_progress_on_a_terminal_only(large: Path, args: list[str], said: bytes) -> None:
    args = [a.format(file=large) for a in args]
    code, stdout, shown = run(args, terminal=True)
    assert said in shown
    plain_code, plain_stdout, plain_stderr = run(args, terminal=False)
    assert said not in plain_stderr
    assert (code, stdout) == (plain_code, plain_stdout), "progress never changes the output"


def test_no_progress_for_small_work(tmp_path: Path) -> None:
    small = tmp_path / "timeline.yaml"
    small.write_text(generate(20), encoding="utf-8")
    _, _, shown = run(["validate", str(small)], terminal=True)
    assert b"Checking" not in shown
