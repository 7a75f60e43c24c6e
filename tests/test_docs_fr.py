"""The French keeper's guide (docs/fr/*.md) shows real output: each ```console block that starts
with `$ imfhist …` is run in a real process under IMFHIST_LANG=fr, on a fresh copy of the shipped
timeline, and what it writes (stdout, then stderr) is compared with the block.

After a change that alters the output on purpose, refresh the blocks with
`IMFHIST_UPDATE_DOCS=1 python -m pytest tests/test_docs_fr.py`, and read the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BLOCK = re.compile(r"```console\n\$ imfhist (?P<args>[^\n]*)\n(?P<output>.*?)```", re.S)
PAGES = sorted((REPO / "docs" / "fr").glob("*.md"))
BLOCKS = [(page, args, output) for page in PAGES
          for args, output in BLOCK.findall(page.read_text(encoding="utf-8"))]
SCRIPT = Path(sys.executable).parent / "imfhist"


def test_the_guide_exists_and_has_examples() -> None:
    assert PAGES
    assert len(BLOCKS) >= 8
    assert "docs/fr/" in (REPO / "README.md").read_text(encoding="utf-8").split("\n## ")[0]


def french(args: str, folder: Path) -> str:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("IMFHIST_", "LC_", "LANG"))}
    environment |= {"IMFHIST_LANG": "fr", "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    result = subprocess.run([str(SCRIPT), *shlex.split(args)], capture_output=True, text=True,
                            env=environment, cwd=folder, timeout=60, stdin=subprocess.DEVNULL)
    text = result.stdout + result.stderr
    return "\n".join(line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize(("page", "args", "output"), BLOCKS,
                         ids=[f"{b[0].name}: {b[1]}" for b in BLOCKS])
def test_french_guide_example(page: Path, args: str, output: str, timeline_copy: Path) -> None:
    folder = timeline_copy.parent / "data"
    folder.mkdir()
    timeline_copy.rename(folder / "timeline.yaml")
    (timeline_copy.parent / "sources").rename(folder / "sources")
    got = french(args, timeline_copy.parent)
    want = "\n".join(line.rstrip() for line in output.splitlines())
    if got != want and os.environ.get("IMFHIST_UPDATE_DOCS") == "1":
        text = page.read_text(encoding="utf-8")
        old = f"```console\n$ imfhist {args}\n{output}```"
        page.write_text(text.replace(old, f"```console\n$ imfhist {args}\n{got}\n```"),
                        encoding="utf-8")
        return
    assert got == want
