"""`pre-commit try-repo` against this repository: the hook passes a valid timeline and fails an
invalid one. pre-commit builds its own environment for the hook, as a user's machine would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, REPO

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if not (REPO / ".git").exists():
        pytest.skip("pre-commit try-repo needs this repository as a git checkout")
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org"}


def user_repository(root: Path, timeline: Path) -> Path:
    root.mkdir()
    git("init", "-q", cwd=root)
    shutil.copy(timeline, root / "timeline.yaml")
    for archive in timeline.parent.glob(f"{timeline.stem}-source.txt"):
        shutil.copy(archive, root / archive.name)
    git("add", ".", cwd=root)
    return root


@pytest.mark.parametrize(("example", "expected"), [("valid/minimal.yaml", 0),
                                                    ("invalid/duplicate-id.yaml", 1)])
def test_try_repo(tmp_path: Path, environment: dict[str, str], example: str,
                  expected: int) -> None:
    repository = user_repository(tmp_path / "user", DATA / example)
    result = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(REPO), "imfhist-validate", "--all-files"],
        cwd=repository, env=environment, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == expected, result.stdout + result.stderr
    assert "imfhist validate" in result.stdout
    if expected:
        assert "duplicate-id" in result.stdout
