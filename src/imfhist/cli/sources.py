"""Source commands: archive a page's text (source add), check the live pages still hold the
quotes (source check). The fetching and extraction live in imfhist.keeping.fetch_pages."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
from pathlib import Path
from typing import Annotated

import typer

from imfhist.cli.app import CANNOT_RUN, OK, PROBLEMS, app
from imfhist.cli.commands import Command, Group
from imfhist.cli.common import fail, load_for_reading, note, writing_path
from imfhist.cli.options import FileOption, LangOption
from imfhist.cli.streams import stdout
from imfhist.cli.writes import DryRunOption, change
from imfhist.common.i18n import _, n_, p_
from imfhist.common.problems import quoted

sources_app = typer.Typer(cls=Group, no_args_is_help=True, help=_(
    "Archive a source page's text next to the timeline, and check the live pages."))
app.add_typer(sources_app, name="source")


@sources_app.command(cls=Command, name="add", help=_(
    "Add a source: its page's main text is archived in sources/ID.txt next to the timeline, "
    "with the day it was read, from a saved file (--from) or fetched from --url (--fetch)."))
def source_add(
    ident: Annotated[str, typer.Option("--id", show_default=False,
                                       help=_("The source's id."))],
    title: Annotated[str, typer.Option("--title", show_default=False,
                                       help=_("The page's title."))],
    url: Annotated[str | None, typer.Option("--url", show_default=False,
                                            help=_("The page's address."))] = None,
    from_file: Annotated[Path | None, typer.Option(
        "--from", metavar=p_("metavar", "FILE"), show_default=False,
        help=_("A saved copy of the page (HTML or text)."))] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help=_(
        "Fetch the page from --url (20 s timeout, 5 MB, 5 redirects at most)."))] = False,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.atomic import WriteError, write_atomically
    from imfhist.keeping.fetch_pages import FetchError, archive_path, main_text, source_record
    from imfhist.keeping.writer import Addition, plan_addition

    if (from_file is None) == (not fetch):
        fail(_("say where the page's text comes from: --from FILE or --fetch"),
             _("--fetch needs --url"))
    if fetch and not url:
        fail(_("--fetch needs --url"))
    from imfhist.checking.rules.ids import _ID

    if not _ID.fullmatch(ident):
        fail(_("'{id}' is not an id: lower-case letters and digits joined by hyphens").format(
            id=ident), _("for instance rapport-2020"))
    path = writing_path(file)
    target, name = archive_path(path, ident)
    if target.exists():
        fail(_("{path} already exists: nothing was written").format(path=target),
             _("choose another id, or remove that file"))
    try:
        if from_file is not None:
            try:
                data = from_file.read_bytes()
            except OSError as error:
                fail(_("cannot read {path}: {reason}").format(
                    path=from_file, reason=error.strerror or error))
            text = main_text(data, "text/html" if from_file.suffix.lower() in (
                ".html", ".htm", ".xhtml") else "")
        else:
            from imfhist.keeping.fetch_pages import fetch as fetch_page

            page = fetch_page(url or "")
            text = main_text(page.data, page.content_type, page.charset)
    except FetchError as error:
        fail(_("{url}: {reason}").format(url=url or from_file, reason=error),
             _("nothing was written"))
    addition = Addition(sources=[source_record(ident, title, url, name)])
    if dry_run:
        note(_("Would archive {count} characters of text in {path}.").format(
            count=len(text), path=target))
        change(path, lambda outline, timeline: plan_addition(outline, addition),
               dry_run=True, expected={"source-archive"})
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text.encode("utf-8"))
    except (OSError, WriteError) as error:
        fail(_("cannot write {path}: {reason}").format(path=target, reason=error),
             _("nothing was written; check the folder"))
    written = False
    try:
        change(path, lambda outline, timeline: plan_addition(outline, addition))
        written = True
    finally:
        if not written:
            target.unlink(missing_ok=True)  # the timeline did not change: no archive without it
    note(_("Archived {count} characters in {archive} and added source '{id}' to {path}.")
         .format(count=len(text), archive=target, id=ident, path=path), style="green")


@sources_app.command(cls=Command, name="check", help=_(
    "Fetch each source's page again and say, quote by quote, whether the live page still holds "
    "it. Exit 1 when a quote is gone, 2 when a page cannot be read."))
def source_check(
    ident: Annotated[str | None, typer.Argument(
        metavar=p_("metavar", "[ID]"), help=_("Only this source."), show_default=False)] = None,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from rich.text import Text

    from imfhist.common.safety import clean_line
    from imfhist.common.suggest import Suggester, did_you_mean
    from imfhist.keeping.fetch_pages import check_source

    timeline = load_for_reading(file)
    sources = [s for s in timeline.sources if ident is None or s.id.value == ident]
    if not sources:
        hint = did_you_mean(Suggester([s.id.value for s in timeline.sources])(ident or ""))
        fail(_("no source has the id '{id}'").format(id=quoted(ident, marks=False)), hint)
    console = stdout()
    missing = unreachable = 0
    for source in sources:
        result = check_source(timeline, source)
        if result.error:
            unreachable += 1
            console.print(Text(_("{id}: cannot be checked: {reason}").format(
                id=result.source, reason=clean_line(result.error)), style="red"),
                soft_wrap=True)
            continue
        console.print(Text(_("{id}: {url}").format(id=result.source, url=result.url),
                           style="bold"), soft_wrap=True)
        for quote in result.quotes:
            mark = _("still there") if quote.found else _("GONE")
            line = Text(f"  {mark}  ", style="green" if quote.found else "bold red")
            line.append(clean_line(f"{quote.event}: {quote.quote}"))
            console.print(line, soft_wrap=True)
        missing += result.missing
    if missing:
        note(n_("{count} quote is no longer on its page.",
                "{count} quotes are no longer on their page.", missing).format(count=missing),
             style="red")
    if unreachable:
        raise typer.Exit(CANNOT_RUN)
    raise typer.Exit(PROBLEMS if missing else OK)
