"""Source commands: archive a page's text (source add), check the live pages still hold the
quotes (source check). The fetching and extraction live in imfhist.keeping.fetch_pages."""

# No `from __future__ import annotations` here: Typer reads these signatures at every start,
# and real annotations spare it evaluating strings.
import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from imfhist.cli.app import CANNOT_RUN, OK, PROBLEMS, app
from imfhist.cli.commands import Command, Group
from imfhist.cli.common import fail, load_for_reading, note, write_output, writing_path
from imfhist.cli.options import FileOption, LangOption
from imfhist.cli.streams import stdout
from imfhist.cli.writes import DryRunOption, change, holding
from imfhist.common.i18n import _, n_, p_
from imfhist.common.problems import quoted

if TYPE_CHECKING:
    from imfhist.timeline.model import Timeline

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
        "Fetch the page from --url: HTML or text, 5 MB, 5 redirects and 20 s at most, from "
        "public addresses only."))] = False,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from imfhist.keeping.changes import PlanRefused
    from imfhist.keeping.fetch_pages import FetchError, main_text, source_record
    from imfhist.keeping.plan_source import NewSource, archive_place, check_place
    from imfhist.timeline.archives import MAX_ARCHIVE_BYTES

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
    _folder, name, _file = archive_place(path, ident)
    try:
        check_place(path, ident)  # before fetching a page for nothing; the write checks again
    except PlanRefused as refused:
        fail(refused.message, refused.hint, code=refused.code)
    try:
        if from_file is not None:
            data = _read_saved_page(from_file, MAX_ARCHIVE_BYTES)
            text = main_text(data, "text/html" if from_file.suffix.lower() in (
                ".html", ".htm", ".xhtml") else "")
        else:
            from imfhist.keeping.fetch_pages import fetch as fetch_page

            page = fetch_page(url or "")
            text = main_text(page.data, page.content_type, page.charset)
    except FetchError as error:
        fail(_("{url}: {reason}").format(url=url or from_file, reason=error),
             _("nothing was written"))
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_ARCHIVE_BYTES:
        fail(_("the page's text is larger than {size} MB, the most an archive may hold").format(
            size=MAX_ARCHIVE_BYTES // 2**20), _("nothing was written"))
    source = NewSource(path, ident, source_record(ident, title, url, name), encoded,
                       dry_run=dry_run)
    if dry_run:
        note(_("Would archive {count} characters of text in {path}.").format(
            count=len(text), path=source.path))
        change(path, source.planner, dry_run=True, expected={"source-archive"})
        return
    # Under one lock: the id checked, the archive made where nothing is, the source added; the
    # archive removed again, before the lock is let go, if the timeline did not change.
    with holding(path):
        written = False
        try:
            change(path, source.planner, held=True)
            written = True
        finally:
            if written:
                source.keep()
            else:
                source.discard()
    note(_("Archived {count} characters in {archive} and added source '{id}' to {path}.")
         .format(count=len(text), archive=source.path, id=ident, path=path), style="green")


def _read_saved_page(path: Path, limit: int) -> bytes:
    """The bytes of a saved page: a regular file only (a FIFO or a device is refused at once,
    without waiting), at most `limit` bytes; exit 2 with one line otherwise."""
    from imfhist.common.inputs import read_regular

    try:
        data = read_regular(path, limit)
    except OSError as error:
        fail(_("cannot read {path}: {reason}").format(
            path=path, reason=error.strerror or error),
             _("give a saved copy of the page: a regular file"))
    if len(data) > limit:
        fail(_("{path} is larger than {size} MB, the most an archive may hold").format(
            path=path, size=limit // 2**20), _("save the page's text only"))
    return data


@sources_app.command(cls=Command, name="check", help=_(
    "Fetch each source's page again and say, quote by quote, whether the live page still holds "
    "it. Every source is checked, whatever happens to the others. Exit 1 when a quote is gone; "
    "otherwise 2 when a source could not be checked (no url, a page that cannot be read); 0 "
    "when every quote is still there."))
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
        note(n_("{count} source could not be checked.",
                "{count} sources could not be checked.", unreachable).format(count=unreachable),
             style="red")
    # A quote gone is what the command looks for: it is told even when other pages could not be
    # read, so that CI fails the same way whatever else happened.
    raise typer.Exit(PROBLEMS if missing else CANNOT_RUN if unreachable else OK)


class FoundFormat(enum.StrEnum):
    text = "text"
    json = "json"


FoundFormatOption = Annotated[FoundFormat, typer.Option(
    "--format", help=_("text, or json for other tools."), case_sensitive=False)]


def _reading(file: Path | None, ident: str | None) -> "Timeline":
    """The timeline for reading its archived pages; exit 2 when `ident` names no source."""
    from imfhist.common.suggest import Suggester, did_you_mean

    timeline = load_for_reading(file)
    if ident is not None and ident not in {s.id.value for s in timeline.sources}:
        hint = did_you_mean(Suggester([s.id.value for s in timeline.sources])(ident))
        fail(_("no source has the id '{id}'").format(id=quoted(ident, marks=False)), hint)
    return timeline


@sources_app.command(cls=Command, name="search", help=_(
    "Print the sentences of the archived pages that hold these words (any form of them, case "
    "and accents aside), the best first, each ready to paste as --quote."))
def source_search(
    wanted: Annotated[list[str], typer.Argument(
        metavar=p_("metavar", "WORDS..."), help=_("The words to look for."),
        show_default=False)],
    ident: Annotated[str | None, typer.Option(
        "--source", metavar=p_("metavar", "ID"), show_default=False,
        help=_("Only in this source's page."))] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help=_(
        "How many sentences at most."))] = 10,
    output_format: FoundFormatOption = FoundFormat.text,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from rich.text import Text

    from imfhist.common.safety import clean_line
    from imfhist.timeline.passages import search

    timeline = _reading(file, ident)
    hits = search(timeline, wanted, ident, limit)
    if output_format is FoundFormat.json:
        write_output(json.dumps([{"source": h.sentence.source, "sentence": h.sentence.number,
                                  "text": h.sentence.text, "words_found": h.found}
                                 for h in hits], ensure_ascii=False, indent=2) + "\n")
        return
    if not hits:
        note(_("No sentence of the archived pages holds these words."))
        return
    console = stdout()
    for hit in hits:
        console.print(Text(f"{hit.sentence.source} #{hit.sentence.number}", style="bold"),
                      soft_wrap=True)
        console.print(Text(clean_line(hit.sentence.text)), soft_wrap=True)


@sources_app.command(cls=Command, name="coverage", help=_(
    "Say how much of each archived page the timeline's quotes cover, and list the sentences no "
    "quote covers yet: what remains to be entered. Short lines without a sentence end and lines "
    "that hold a web address (menus, headings, links) are counted apart."))
def source_coverage(
    ident: Annotated[str | None, typer.Argument(
        metavar=p_("metavar", "[ID]"), help=_("Only this source."), show_default=False)] = None,
    output_format: FoundFormatOption = FoundFormat.text,
    file: FileOption = None,
    lang: LangOption = None,
) -> None:
    from rich.text import Text

    from imfhist.common.safety import clean_line
    from imfhist.timeline.passages import coverage

    timeline = _reading(file, ident)
    found = coverage(timeline, ident)
    if output_format is FoundFormat.json:
        write_output(json.dumps([{
            "source": c.source, "sentences": c.stated, "covered": c.stated - len(c.uncovered),
            "share": round(c.share, 4),
            "navigation": [s.text for s in c.sentences if s.navigation],
            "uncovered": [{"sentence": s.number, "text": s.text} for s in c.uncovered]}
            for c in found], ensure_ascii=False, indent=2) + "\n")
        return
    if not found:
        note(_("No source of the timeline has an archived page."))
        return
    console = stdout()
    for page in found:
        navigation = len(page.sentences) - page.stated
        said = _("{id}: {covered} of {count} sentences quoted ({percent}%)").format(
            id=page.source, covered=page.stated - len(page.uncovered), count=page.stated,
            percent=round(100 * page.share))
        if navigation:
            said += n_("; {count} navigation line set aside",
                       "; {count} navigation lines set aside", navigation).format(
                count=navigation)
        console.print(Text(said, style="bold"), soft_wrap=True)
        for sentence in page.uncovered:
            console.print(Text(f"  #{sentence.number}  {clean_line(sentence.text)}"),
                          soft_wrap=True)
