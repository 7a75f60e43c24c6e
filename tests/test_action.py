"""The GitHub Action (action.yml): its inputs reach imfhist safely, and its validate step gives
annotations, the exit code and an optional report, run here as the runner would run it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from test_readme import broken_copy

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
VALIDATE = next(step for step in STEPS if step.get("name") == "Validate")


def test_every_input_used_is_declared() -> None:
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text))
    assert used == set(ACTION["inputs"])


def test_no_expression_is_pasted_into_a_script() -> None:
    for step in STEPS:
        if "run" in step:
            assert "${{" not in step["run"], step.get("name")


def run_step(cwd: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("IMFHIST_", "GITHUB_"))}
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    for name, spec in ACTION["inputs"].items():
        value = inputs.get(name.replace("-", "_"), spec.get("default", ""))
        variable = next((key for key, expression in VALIDATE["env"].items()
                         if f"inputs.{name} " in f"{expression} "), None)
        if variable:
            environment[variable] = value
    return subprocess.run(["bash", "-e", "-c", VALIDATE["run"]], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def workspace(timeline_copy: Path) -> Path:
    data = timeline_copy.parent / "data"
    data.mkdir()
    timeline_copy.rename(data / "timeline.yaml")
    (timeline_copy.parent / "sources").rename(data / "sources")
    return timeline_copy.parent


def test_clean_timeline_passes(workspace: Path) -> None:
    result = run_step(workspace)
    assert result.returncode == 0, result.stderr
    assert "::error" not in result.stdout


def test_problems_become_annotations_and_fail(workspace: Path) -> None:
    broken_copy(workspace / "data" / "timeline.yaml")
    result = run_step(workspace, report_file="imfhist.sarif")
    assert result.returncode == 1
    assert "::error file=data/timeline.yaml,line=" in result.stdout
    assert "title=duplicate-id::" in result.stdout
    sarif = json.loads((workspace / "imfhist.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 5


def test_patterns_reach_imfhist_unexpanded_and_strict_applies(workspace: Path) -> None:
    timeline = workspace / "data" / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("actors: [imf, entraide-nationale]", "actors: [imf]"),
                        encoding="utf-8")
    assert run_step(workspace, files="data/*.yaml").returncode == 0
    strict = run_step(workspace, files="data/*.yaml", strict="true")
    assert strict.returncode == 1
    assert "::warning file=data/timeline.yaml" in strict.stdout


@pytest.mark.parametrize("separator", [" ", "\n", "\t", "\n  \t"])
def test_every_file_is_checked_whatever_separates_them(workspace: Path, separator: str) -> None:
    """`files:` as a YAML block gives one path a line: the second one is checked too."""
    data = workspace / "data"
    second = data / "second.yaml"
    second.write_bytes((data / "timeline.yaml").read_bytes())
    files = separator.join(["data/timeline.yaml", "data/second.yaml"]) + "\n"
    assert run_step(workspace, files=files).returncode == 0
    broken_copy(second)
    result = run_step(workspace, files=files)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=data/second.yaml,line=" in result.stdout
    assert "::error file=data/timeline.yaml" not in result.stdout


def test_patterns_one_a_line_reach_imfhist_unexpanded(workspace: Path) -> None:
    data = workspace / "data"
    (data / "second.yaml").write_bytes((data / "timeline.yaml").read_bytes())
    broken_copy(data / "second.yaml")
    result = run_step(workspace, files="data/timeline.yaml\ndata/sec*.yaml\n")
    assert result.returncode == 1
    assert "::error file=data/second.yaml,line=" in result.stdout
