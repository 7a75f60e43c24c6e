"""A new, empty timeline for someone who keeps another history: `imfhist init`."""

from __future__ import annotations

from pathlib import Path

from imfhist.common.i18n import LANGUAGES, _, language, speaking
from imfhist.common.paths import schema_path
from imfhist.keeping.atomic import Folder, PlaceTaken, WriteError

# The source `init` writes for its user to replace: `imfhist source add` replaces it, comments and
# all, while it is as written here and no event cites it (imfhist.keeping.plan_source).
PLACEHOLDER_ID = "source-1"


def placeholder() -> str:
    """The placeholder source, in the interface language (`init` writes the skeleton in the
    keeper's language)."""
    comment = _("A placeholder: replace it with `imfhist source add --id ID --title TITLE --from "
                "FILE` (a\nsaved copy of the page) or `--url URL --fetch`, which archive the "
                "page's text in sources/.\nUntil a source has an `archive`, the quotes of its "
                "events cannot be checked.")
    title = _("The title of the page the events come from")
    return (_commented(comment, "  ") + "  - id: source-1\n"
            f"    title: {title}\n"
            "    # url: https://example.org/the-page\n"
            "    # archive: sources/source-1.txt\n")


def _commented(text: str, indent: str) -> str:
    return "".join(f"{indent}# {line}\n" if line else f"{indent}#\n"
                   for line in text.split("\n"))


def placeholders() -> list[str]:
    """The placeholder as `init` writes it in each language imfhist speaks."""
    found = []
    for spoken in LANGUAGES:
        with speaking(spoken):
            found.append(placeholder())
    return found


def template() -> str:
    """The skeleton of a new timeline, in the interface language, with its `lang` set."""
    about = _("A history as data, in the imfhist/1 format (`imfhist --help` lists the commands).\n"
              "Each event quotes the words of a source that state it; archive each source page "
              "in sources/\nwith `imfhist source add`, add events with `imfhist add`, and check "
              "the file with\n`imfhist validate`.")
    return ("# yaml-language-server: $schema={schema}\n#\n" + _commented(about, "")
            + "\nformat: imfhist/1\ntitle: {title}\nlang: {lang}\n\nsources:\n"
            + placeholder().replace("{", "{{").replace("}", "}}") + "\nevents: []\n")


class TimelineExists(Exception):
    """The file to create is already there."""


def new_timeline(target: Path, title: str | None = None) -> str:
    """The text of a new timeline. Checked as any write is: the only problem it may have is
    that it has no event yet."""
    from imfhist.checking import rules
    from imfhist.keeping.writer import scalar
    from imfhist.timeline.loader import load_text

    text = template().format(schema=schema_path().name, title=scalar(title or _("A history")),
                             lang=language())
    loaded = load_text(text, target, str(target))
    assert loaded.timeline is not None
    problems = [p for p in [*loaded.problems, *rules.check(loaded.timeline)]
                if p.is_error and p.rule != "no-events"]
    assert not problems, problems  # the template and scalar() make a valid file
    return text


def start_timeline(target: Path, title: str | None = None) -> list[Path]:
    """Create the timeline at `target`, the JSON Schema beside it for editors, and a sources/
    folder. Returns what was created. A schema or a sources/ folder already there is kept; a
    symbolic link where any of them would go is refused (PlaceTaken) before anything is
    written, and each is made where nothing is (O_EXCL), so that nothing is written through a
    link put there meanwhile. Raises TimelineExists, PlaceTaken, atomic.WriteError."""
    text = new_timeline(target, title)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return _start(directory, target, text)
    except OSError as error:  # a name too long, a current folder that is gone, no permission
        raise WriteError((error.strerror or str(error)).lower()) from None


def _start(directory: Path, target: Path, text: str) -> list[Path]:
    schema = schema_path().name
    created: list[Path] = []
    made = []
    with Folder.open(directory) as folder:
        kind = folder.kind(target.name)
        if kind == "link":
            raise PlaceTaken(directory / target.name, link=True)
        if kind is not None:
            raise TimelineExists(str(target))
        folder.refuse_link(schema)
        if folder.kind("sources") not in (None, "folder"):
            raise PlaceTaken(directory / "sources", link=folder.kind("sources") == "link")
        try:
            made.append(folder.create(target.name, text.encode("utf-8")))
            created.append(target)
            if folder.kind(schema) != "file":
                made.append(folder.create(schema, schema_path().read_bytes()))
                created.append(directory / schema)
            if folder.make_folder("sources"):
                created.append(directory / "sources")
        except BaseException:
            for new in made:
                new.remove()
            raise
    for new in made:
        new.close()
    return created
