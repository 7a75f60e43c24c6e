"""The docs pin imfhist at the version it says it is, and, in a clone with release tags, at a
tag that exists."""

from __future__ import annotations

import re
import subprocess

from conftest import REPO
from imfhist import __version__

PIN = re.compile(r"(?:rev:\s*|OWNER/imfhist@)(v[0-9][0-9.]*[0-9])")
DOCUMENTS = [REPO / "README.md", REPO / "action.yml", REPO / ".pre-commit-hooks.yaml",
             *sorted((REPO / "docs").glob("*.md"))]


def pins() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for document in DOCUMENTS:
        for pin in PIN.findall(document.read_text(encoding="utf-8")):
            found.setdefault(pin, set()).add(document.name)
    return found


def test_docs_pin_the_current_version() -> None:
    found = pins()
    assert found, "the docs show how to pin imfhist"
    assert set(found) == {f"v{__version__}"}, found


def test_pinned_tag_exists_where_there_are_tags() -> None:
    tags = subprocess.run(["git", "tag", "--list", "v*"], cwd=REPO, capture_output=True,
                          text=True, check=False).stdout.split()
    if tags:  # a clone with release tags: the pin must be one of them
        assert f"v{__version__}" in tags, f"create the tag v{__version__} for this release"
