"""The README's examples are real output: each `$ imfhist …` block is run and compared.

After a change that alters the output on purpose, refresh the blocks with
`IMFHIST_UPDATE_README=1 python -m pytest tests/test_readme.py`, and read the diff.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from conftest import REPO

BLOCK = re.compile(r"```console\n\$ imfhist (?P<args>[^\n]*)\n(?P<output>.*?)```", re.S)
BLOCKS = BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))


def broken_copy(timeline_copy: Path) -> None:
    """The copy the README's validate example describes."""
    text = timeline_copy.read_text(encoding="utf-8")
    for old, new in (
        ("  - id: projet-nahda-13-tlemcen", "  - id: projet-far-annaba"),
        ("date: 2019/2021", "date: 2021/2019"),
        ("actors: [imf, entraide-nationale]", "actors: [imf, entraide]"),
        ("    title: Le projet FAR sur Annaba\n",
         "    title: Le projet FAR sur Annaba\n    title: Encore\n"),
    ):
        text = text.replace(old, new, 1)
    timeline_copy.write_text(text, encoding="utf-8")


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize(("args", "output"), BLOCKS, ids=[b[0] for b in BLOCKS])
def test_readme_example(run, args: str, output: str, timeline_copy: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(timeline_copy.parent)
    broken_copy(timeline_copy)
    result = run(*shlex.split(args))
    got = "\n".join(line.rstrip() for line in result.stdout.splitlines())
    want = "\n".join(line.rstrip() for line in output.splitlines())
    if got != want and os.environ.get("IMFHIST_UPDATE_README") == "1":
        readme = REPO / "README.md"
        text = readme.read_text(encoding="utf-8")
        old = f"```console\n$ imfhist {args}\n{output}```"
        readme.write_text(text.replace(old, f"```console\n$ imfhist {args}\n{got}\n```"),
                          encoding="utf-8")
        return
    assert got == want
