"""What every command does the same way: print to stdout and stderr (data as text, never
markup), fail with one clear line and an exit code, load the timeline for reading, pick events.
"""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from imfhist.cli.app import CANNOT_RUN
from imfhist.cli.options import ListFormat, Selection
from imfhist.cli.streams import stderr, stdout
from imfhist.common.i18n import _, n_
from imfhist.common.problems import MAX_MESSAGE, quoted, shorten

if TYPE_CHECKING:

    from imfhist.common.paths import Ignored
    from imfhist.timeline.model import Event, Timeline


def note(message: str, style: str = "yellow") -> None:
    """One line on stderr; the message is shown as text, never read as markup, and what it
    quotes from the data (a CSV cell, a file name) cannot move or restyle the terminal."""
    from imfhist.common.safety import terminal_text

    stderr().print(terminal_text(message, style), soft_wrap=True)


def fail(message: str, hint: str | None = None, code: int = CANNOT_RUN) -> NoReturn:
    from rich.text import Text

    from imfhist.common.safety import clean_line

    line = Text(_("error: "), style="bold red")
    # Values in the message are cut where they are quoted (imfhist.common.problems.quoted); this
    # bounds what no quoting foresaw.
    line.append(shorten(clean_line(message), MAX_MESSAGE))
    if hint:
        line.append(f" ({shorten(clean_line(hint), MAX_MESSAGE)})", style="italic")
    stderr().print(line, soft_wrap=True)
    raise typer.Exit(code)


def warn_ignored(ignored: "tuple[Ignored, ...]") -> None:
    """One line on stderr for each settings file passed over because it is not trusted."""
    for item in ignored:
        note(_("warning: {path} is ignored: {reason}").format(path=item.setting,
                                                              reason=item.reason)
             + " " + _("(if you trust it, make it yours and writable by you alone: chown, "
                       "chmod go-w; or name the timeline with --file)"))


def reading_path(file: Path | None) -> Path:
    """The file a reading command reads (see imfhist.common.paths); exit 2 on a settings file that
    cannot be read, or a current folder that is gone."""
    from imfhist.common.paths import CannotChoose, chosen_for_reading

    try:
        chosen = chosen_for_reading(file)
    except CannotChoose as error:
        fail(error.message, error.hint)
    warn_ignored(chosen.ignored)
    return chosen.path


def writing_path(file: Path | None) -> Path:
    """The file a writing command writes; exit 2, saying how to choose one, when nothing names
    it (writing never falls back on the timeline inside the installed package)."""
    from imfhist.common.paths import CannotChoose, NoTimelineChosen, chosen_for_writing

    try:
        chosen = chosen_for_writing(file)
    except CannotChoose as error:
        fail(error.message, error.hint)
    except NoTimelineChosen as error:
        warn_ignored(error.ignored)
        fail(_("no timeline to write here: the shipped one belongs to the installed imfhist"),
             _("name one with --file PATH or IMFHIST_FILE, add [tool.imfhist] timeline = "
               "\"PATH\" to pyproject.toml, work inside a folder that has data/timeline.yaml, "
               "or start one with `imfhist init`"))
    warn_ignored(chosen.ignored)
    return chosen.path


def load_for_reading(file: Path | None) -> "Timeline":
    """Load the timeline for list/filter/show: exit 2 when its shape gives no timeline."""
    from imfhist.cli.progress import progress
    from imfhist.common.problems import TimelineUnreadable
    from imfhist.timeline.loader import load

    path = reading_path(file)
    try:
        with progress(_("Reading {path}").format(path=path), [path]):
            result = load(path)
    except TimelineUnreadable as error:
        from imfhist.publishing.report.text import problem_line

        stderr().print(problem_line(error.problem), soft_wrap=True)
        raise typer.Exit(CANNOT_RUN) from None
    errors = [p for p in result.problems if p.is_error]
    if result.timeline is None:
        from imfhist.publishing.report.text import problem_line

        console = stderr()
        for problem in sorted(errors)[:10]:
            console.print(problem_line(problem), soft_wrap=True)
        note(_("{path} is not a timeline that can be read; `imfhist validate` lists "
               "every problem.").format(path=result.shown_as), style="")
        raise typer.Exit(CANNOT_RUN)
    # Announce every error `validate` would list (an unknown actor, a reversed interval, a quote
    # not in its source), not only those of the structure: what is shown may be wrong. Counted
    # as `validate` counts (each distinct problem once), on the timeline already loaded.
    from imfhist.checking.error_count import error_count

    count = error_count(result)
    if count:
        note(n_("note: {path} has {count} error; `imfhist validate {path}` lists it.",
                "note: {path} has {count} errors; `imfhist validate {path}` lists them.",
                count).format(path=result.shown_as, count=count))
    return result.timeline


def emit(events: "list[Event]", timeline: "Timeline", output_format: ListFormat) -> None:
    from imfhist.publishing import renderer

    rendered = renderer(output_format.value)(events, timeline)
    if output_format is ListFormat.table:
        from imfhist.publishing.table import terminal, write

        width, colour = terminal(sys.stdout)
        write(rendered, sys.stdout, width, colour)
        sys.stdout.flush()
        return
    if isinstance(rendered, str):
        write_output(rendered, csv=output_format.value == "csv")
    else:
        stdout().print(rendered)


def write_output(text: str, *, csv: bool = False) -> None:
    """A rendered document (CSV, JSON, Markdown, HTML) to stdout. A file gets the text as it is;
    a terminal gets control characters made visible; a pipe gets CSV whose line breaks start no
    CI workflow command (the other formats never put the data at a line start)."""
    import os
    import stat

    if sys.stdout.isatty():
        from imfhist.common.safety import clean

        text = clean(text)
    elif csv:
        try:
            to_file = stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
        except (OSError, ValueError):  # no descriptor: a test's capture, say
            to_file = False
        if not to_file:
            from imfhist.publishing.csvfmt import inert_for_logs

            text = inert_for_logs(text)
    sys.stdout.write(text)
    sys.stdout.flush()


def select_events(timeline: "Timeline", selection: Selection) -> "list[Event]":
    """The events the selection options pick, in date order; exit 2 on a name that names
    nothing, and say so on stderr when nothing matches."""
    from imfhist.timeline.query import CriteriaError, build_criteria, select

    try:
        criteria = build_criteria(
            timeline, countries=selection.country or (), regions=selection.region or (),
            places=selection.place or (), actors=selection.actor or (), tags=selection.tag or (),
            start=selection.start, end=selection.end, undated=selection.undated,
            texts=selection.text or (), certain=selection.certain,
        )
    except CriteriaError as error:
        fail(str(error), error.hint)
    if criteria.start is not None and criteria.end is not None and criteria.start > criteria.end:
        fail(_("--from {start} is after --to {end}: no date is in both").format(
            start=selection.start, end=selection.end),
             _("swap them: --from {end} --to {start}").format(start=selection.start,
                                                                end=selection.end))
    events = select(timeline, criteria)
    if not events:
        note(_("No event matches."))
    return events


def selected(file: Path | None, selection: Selection) -> "tuple[Timeline, list[Event]]":
    """The timeline, and the events the selection picks (all of them when it is empty)."""
    from imfhist.timeline.query import in_date_order

    timeline = load_for_reading(file)
    if selection.is_empty:
        return timeline, in_date_order(timeline)
    return timeline, select_events(timeline, selection)


def find_event(timeline: "Timeline", typed: str) -> "Event":
    """The event whose id is `typed`, in any case; exit 2 naming the closest ids otherwise."""
    from imfhist.common.suggest import close_names, did_you_mean

    by_folded: dict[str, list[Event]] = {}
    for event in timeline.events:
        if event.id.value == typed:
            return event
        by_folded.setdefault(event.id.value.casefold(), []).append(event)
    found = by_folded.get(typed.casefold(), [])
    if len(found) == 1:
        return found[0]
    ids = [e.id.value for e in timeline.events]
    hint = did_you_mean(close_names(typed, ids)) or _("`imfhist list` shows each event's id")
    fail(_("no event has the id '{id}'").format(id=quoted(typed, marks=False)), hint)


def problems_and_exit(problems: "list[tuple[str, str]]", where: str = "",
                      code: int = CANNOT_RUN) -> NoReturn:
    from imfhist.keeping.drafts import field_name

    for column, message in problems:
        said = _("{field}: {message}").format(field=field_name(column), message=message) \
            if column else message
        note(f"{where}{said}", style="red")
    raise typer.Exit(code)

