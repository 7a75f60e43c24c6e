"""Publishing commands: export and chart."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
import enum
from pathlib import Path
from typing import Annotated

import typer

from imfhist.cli.app import app
from imfhist.cli.commands import Command
from imfhist.cli.common import fail, note, selected, write_output
from imfhist.cli.options import FileOption, LangOption, Selection, with_selection
from imfhist.cli.streams import stdout
from imfhist.common import i18n
from imfhist.common.i18n import _, n_, p_


class ExportFormat(enum.StrEnum):
    json = "json"
    csv = "csv"
    markdown = "markdown"
    timelinejs = "timelinejs"
    html = "html"


# The formats a file's extension stands for: the first is taken when --format is not given.
FORMATS_OF_EXTENSION = {
    ".html": (ExportFormat.html,), ".htm": (ExportFormat.html,),
    ".json": (ExportFormat.json, ExportFormat.timelinejs), ".csv": (ExportFormat.csv,),
    ".md": (ExportFormat.markdown,), ".markdown": (ExportFormat.markdown,),
}


def export_format_for(given: ExportFormat | None, output: Path | None) -> ExportFormat:
    """The format to write: --format when given, else the one -o FILE's extension names, else
    JSON. Refuses (exit 2) an extension that names no format, or another format than --format:
    a page written as JSON into `historique.html` must not be reported as a success."""
    if output is None:
        return given or ExportFormat.json
    extension = output.suffix.lower()
    formats = FORMATS_OF_EXTENSION.get(extension)
    if given is None:
        if formats is None:
            fail(_("cannot tell the format from the name {path}").format(path=output),
                 _("end the name with .html, .json, .csv or .md, or give --format"))
        return formats[0]
    if formats is not None and given not in formats:
        fail(_("--format {format} does not write a {extension} file").format(
                 format=given.value, extension=extension),
             _("give a name ending in the format's extension, or leave out --format"))
    return given


class GroupBy(enum.StrEnum):
    country = "country"
    tag = "tag"


class Theme(enum.StrEnum):
    light = "light"
    dark = "dark"
    auto = "auto"


@app.command(cls=Command, name="export", help=_(
    "Export the selected events (all by default) for another tool, or as a page to publish."))
@with_selection
def export(
    selection: Selection,
    export_format: Annotated[ExportFormat | None, typer.Option(
        "--format", help=_("json (events with their actors, places and sources), csv, markdown "
                           "(a chronology), timelinejs (TimelineJS 3) or html (a self-contained "
                           "visual timeline). Default: the extension of -o FILE (.html, .json, "
                           ".csv, .md), else json."),
        case_sensitive=False, show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar=p_("metavar", "FILE"),
        help=_("Write to FILE (atomically) instead of stdout."),
        show_default=False, dir_okay=False)] = None,
    group_by: Annotated[GroupBy | None, typer.Option(
        "--group-by", help=_("timelinejs: group slides by their first country or tag."),
        show_default=False)] = None,
    embed: Annotated[bool, typer.Option(
        "--embed", help=_("html: write a fragment to paste into a page of another site (a "
                          "WordPress Custom HTML block), styled apart from the site."))] = False,
    theme: Annotated[Theme | None, typer.Option(
        "--theme", help=_("html: light, dark, or auto (the reader's setting). Default: light "
                          "with --embed, auto for a whole page."),
        case_sensitive=False, show_default=False)] = None,
    no_title: Annotated[bool, typer.Option(
        "--no-title", help=_("html: leave out the title (the site's page has its own)."))
    ] = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.atomic import WriteError, write_atomically
    from imfhist.publishing.exports import ExportOptions, exporter

    export_format = export_format_for(export_format, output)
    if embed and export_format is not ExportFormat.html:
        fail(_("--embed applies to --format html only"),
             _("add --format html, or leave out --embed"))
    for given, name in ((theme, "--theme"), (no_title, "--no-title")):
        if given and export_format is not ExportFormat.html:
            fail(_("{option} applies to --format html only").format(option=name),
                 _("add --format html, or leave out {option}").format(option=name))
    timeline, events = selected(file, selection)
    exported = exporter(export_format.value)(
        events, timeline, ExportOptions(group_by=group_by.value if group_by else None,
                                        lang=i18n.language(), asked_lang=i18n.asked(),
                                        embed=embed, theme=theme.value if theme else None,
                                        title=not no_title))
    for message in exported.notes:
        note(_("note: {note}").format(note=message))
    if output is None:
        write_output(exported.text, csv=export_format.value == "csv")
        return
    try:
        write_atomically(output, exported.text.encode("utf-8"))
    except WriteError as error:
        fail(_("cannot write {path}: {reason}").format(path=output, reason=error),
              _("nothing was written; check the folder and the free space"))
    wrote = n_("Wrote {path} ({count} event).", "Wrote {path} ({count} events).", len(events))
    note(wrote.format(path=output, count=len(events)), style="green")


class Lanes(enum.StrEnum):
    country = "country"
    tag = "tag"
    none = "none"


@app.command(cls=Command, name="chart", help=_(
    "Draw the timeline in the terminal: a bar per interval, a mark per point, a dotted span where "
    "an event without a date may have started, from its relations."))
@with_selection
def chart(
    selection: Selection,
    lanes: Annotated[Lanes, typer.Option("--lanes", help=_("One lane per country or tag."),
                                         case_sensitive=False)] = Lanes.none,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.publishing.chart import render
    from imfhist.publishing.view import event_views

    timeline, events = selected(file, selection)
    console = stdout()
    console.print(render(event_views(events, timeline, i18n.language()), console.width,
                         lanes.value))

