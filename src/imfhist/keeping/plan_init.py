"""A new, empty timeline for someone who keeps another history: `imfhist init`."""

from __future__ import annotations

from pathlib import Path

from imfhist.common.paths import schema_path
from imfhist.keeping.atomic import WriteError, write_atomically

TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# A history as data, in the imfhist/1 format (`imfhist --help` lists the commands).
# Each event quotes the words of a source that state it; archive each source page in sources/
# with `imfhist source add`, add events with `imfhist add`, and check the file with
# `imfhist validate`.

format: imfhist/1
title: {title}

sources:
  # A placeholder: replace it with `imfhist source add --id ID --title TITLE --from FILE` (a
  # saved copy of the page) or `--url URL --fetch`, which archive the page's text in sources/.
  # Until a source has an `archive`, the quotes of its events cannot be checked.
  - id: source-1
    title: The title of the page the events come from
    # url: https://example.org/the-page
    # archive: sources/source-1.txt

events: []
"""


class TimelineExists(Exception):
    """The file to create is already there."""


def new_timeline(target: Path, title: str | None = None) -> str:
    """The text of a new timeline. Checked as any write is: the only problem it may have is
    that it has no event yet."""
    from imfhist.checking import rules
    from imfhist.keeping.writer import scalar
    from imfhist.timeline.loader import load_text

    text = TEMPLATE.format(schema=schema_path().name, title=scalar(title or "A history"))
    loaded = load_text(text, target, str(target))
    assert loaded.timeline is not None
    problems = [p for p in [*loaded.problems, *rules.check(loaded.timeline)]
                if p.is_error and p.rule != "no-events"]
    assert not problems, problems  # the template and scalar() make a valid file
    return text


def start_timeline(target: Path, title: str | None = None) -> list[Path]:
    """Create the timeline at `target`, the JSON Schema beside it for editors, and a sources/
    folder. Returns what was created. Raises TimelineExists, and WriteError when the folder
    or a file cannot be made (a name too long, a current folder that is gone, no permission)."""
    try:
        exists = target.exists()
    except OSError as error:  # a name too long, a folder that may not be searched
        raise WriteError((error.strerror or str(error)).lower()) from None
    if exists:
        raise TimelineExists(str(target))
    text = new_timeline(target, title)
    folder = target.parent
    created = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        schema = folder / schema_path().name
        if not schema.exists():
            write_atomically(schema, schema_path().read_bytes())
            created.append(schema)
        write_atomically(target, text.encode("utf-8"))
        created.insert(0, target)
        sources = folder / "sources"
        if not sources.exists():
            sources.mkdir()
            created.append(sources)
    except OSError as error:
        raise WriteError((error.strerror or str(error)).lower()) from None
    return created
