"""The installed `imfhist` script and `python -m imfhist`, in real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "imfhist"
ENV = {k: v for k, v in os.environ.items() if not k.startswith("IMFHIST_")} | {"NO_COLOR": "1"}


def run(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(args, capture_output=True, text=True, env=ENV, cwd=cwd, timeout=60,
                          **kwargs)


def test_script_lists_the_shipped_timeline_from_any_directory(tmp_path: Path) -> None:
    result = run(str(SCRIPT), "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "AlterMed" in result.stdout and "Traceback" not in result.stderr


def test_python_dash_m(tmp_path: Path) -> None:
    result = run(sys.executable, "-m", "imfhist", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_closed_pipe_ends_quietly() -> None:
    shell = f"'{SCRIPT}' list | head -1"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=ENV,
                            timeout=60)
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1
    status = subprocess.run(["bash", "-c", shell + "; exit ${PIPESTATUS[0]}"], env=ENV,
                            capture_output=True, timeout=60)
    assert status.returncode == 0


def _closed_reader(command: str) -> subprocess.CompletedProcess[str]:
    """`command` writing to a pipe whose reader has closed it before a byte was written."""
    shell = f"'{SCRIPT}' {command} | (exec 0<&-; sleep 0.2); exit ${{PIPESTATUS[0]}}"
    return subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=ENV,
                          timeout=60)


@pytest.mark.parametrize("command", [
    "validate", "list", "list --format json", "list --format csv", "chart", "show altermed",
    "stats", "export --format html", "filter -c TN", "--help", "list --help"])
def test_closed_pipe_keeps_the_exit_code_of_what_was_done(command: str) -> None:
    result = _closed_reader(command)
    assert (result.returncode, result.stderr) == (0, "")


def test_closed_pipe_keeps_the_verdict_of_validate() -> None:
    invalid = Path(__file__).parent / "data" / "invalid" / "edtf.yaml"
    for report in ("text", "json", "junit"):
        result = _closed_reader(f"validate --format {report} '{invalid}'")
        assert (result.returncode, result.stderr) == (1, ""), report
    missing = Path(__file__).parent / "data" / "missing.yaml"
    assert _closed_reader(f"validate '{missing}'").returncode == 2


def test_usage_error_is_one_message_and_exit_2() -> None:
    result = run(str(SCRIPT), "filter", "--nope")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "--nope" in result.stderr


def test_validate_exit_codes() -> None:
    data = Path(__file__).parent / "data"
    assert run(str(SCRIPT), "validate", str(data / "valid" / "minimal.yaml")).returncode == 0
    assert run(str(SCRIPT), "validate", str(data / "invalid" / "edtf.yaml")).returncode == 1
    assert run(str(SCRIPT), "validate", str(data / "missing.yaml")).returncode == 2


def test_interrupt_exits_130_without_traceback() -> None:
    # SIGINT as the terminal sends it, while the command is at work.
    code = ("import signal, threading, os;"
            "threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start();"
            "import imfhist.cli as c, imfhist.cli.reading as r, time;"
            "r.load_for_reading = lambda f: time.sleep(5);"
            "import sys; sys.argv = ['imfhist', 'list']; c.main()")
    result = run(sys.executable, "-c", code)
    assert result.returncode == 130
    assert "Traceback" not in result.stderr


def test_benchmark_scripts_still_work() -> None:
    """The smallest benchmark, once: it checks the scripts, not the speed (see BENCHMARKS.md)."""
    script = Path(__file__).parents[1] / "benchmarks" / "run.py"
    result = run(sys.executable, str(script), "--quick")
    assert result.returncode == 0, result.stderr
    assert "imfhist validate 1k" in result.stdout and "target(s) not met" in result.stdout
