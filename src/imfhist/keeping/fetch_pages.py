"""Source pages: fetched with care, reduced to their main text, archived, and checked again.

`imfhist source add` keeps the words of a page in `sources/ID.txt` next to the timeline, so that
every quote can be checked against what the page said when it was read. `imfhist source check`
reads each page again and says, quote by quote, whether the live page still holds it: pages
move (link rot) and are edited in silence.

The main text is taken out of the HTML by trafilatura, a library made for it (boilerplate,
menus and footers left out); it is imported only by these commands.
"""

from __future__ import annotations

import datetime
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from imfhist import __version__
from imfhist.common.i18n import _

TIMEOUT = 20.0  # seconds, for connecting and for each read
MAX_BYTES = 5 * 1024 * 1024  # a page larger than this is not a page of text
MAX_REDIRECTS = 5


class FetchError(Exception):
    """The page could not be had: the message says why, in words for the user."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        scheme = urllib.parse.urlsplit(newurl).scheme
        if scheme not in ("http", "https"):
            raise FetchError(_("the page redirects to {url}, which is not a web address")
                             .format(url=newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Page:
    """GET a web page: at most `max_bytes`, `MAX_REDIRECTS` redirects, `timeout` seconds of
    silence. Raises FetchError."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(_("'{url}' is not a web address (http:// or https://)").format(url=url))
    opener = urllib.request.build_opener(_LimitedRedirects)
    request = urllib.request.Request(url, headers={
        "User-Agent": f"imfhist/{__version__} (source archive)", "Accept": "text/html, text/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(_("the page is larger than {size} MB").format(
                    size=max_bytes // 2**20))
            headers = response.headers
            return Page(response.geturl(), data, headers.get_content_type(),
                        headers.get_content_charset())
    except urllib.error.HTTPError as error:
        if error.code in (301, 302, 303, 307, 308):
            raise FetchError(_("more than {count} redirects").format(count=MAX_REDIRECTS)) \
                from None
        raise FetchError(_("the server answered {code} {reason}").format(
            code=error.code, reason=error.reason)) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, FetchError):
            raise reason from None
        raise FetchError(_("cannot reach it: {reason}").format(reason=reason)) from None
    except TimeoutError:
        raise FetchError(_("no answer within {seconds:g} s").format(seconds=timeout)) from None
    except OSError as error:
        raise FetchError(_("cannot reach it: {reason}").format(
            reason=error.strerror or error)) from None


def _looks_like_html(data: bytes, content_type: str) -> bool:
    if content_type in ("text/html", "application/xhtml+xml"):
        return True
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def main_text(data: bytes, content_type: str = "", charset: str | None = None) -> str:
    """The page's main text: extracted from HTML, or the text itself. Raises FetchError when
    there is no text to keep."""
    if _looks_like_html(data, content_type):
        import trafilatura

        text = trafilatura.extract(data, include_comments=False, include_tables=True,
                                   favor_recall=True)
        if not text or not text.strip():
            raise FetchError(_("no main text was found in the page"))
        return text.strip() + "\n"
    for encoding in (charset, "utf-8-sig"):
        if not encoding:
            continue
        try:
            return data.decode(encoding).replace("\r\n", "\n").strip() + "\n"
        except (UnicodeDecodeError, LookupError):
            continue
    raise FetchError(_("the text is not UTF-8"))


def today() -> str:
    return datetime.date.today().isoformat()


def source_record(ident: str, title: str, url: str | None, archive: str) -> dict[str, str]:
    record = {"id": ident, "title": title}
    if url:
        record["url"] = url
    record["accessed"] = today()
    record["archive"] = archive
    return record


# -- checking again -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteCheck:
    event: str
    quote: str
    found: bool


@dataclass(frozen=True)
class SourceCheck:
    source: str
    url: str | None
    error: str | None  # why the page could not be read
    quotes: tuple[QuoteCheck, ...] = ()

    @property
    def missing(self) -> int:
        return sum(not q.found for q in self.quotes)


def check_source(timeline, source, fetcher: Callable[[str], Page] = fetch) -> SourceCheck:  # type: ignore[no-untyped-def]
    """Read the page of `source` again and look for each quote that cites it."""
    from imfhist.checking.rules.quotes import find_quote
    from imfhist.common.textnorm import normalise_spacing

    ident = source.id.value
    if not source.url:
        return SourceCheck(ident, None, _("it has no url"))
    try:
        page = fetcher(source.url)
        live = normalise_spacing(main_text(page.data, page.content_type, page.charset))
    except FetchError as error:
        return SourceCheck(ident, source.url, str(error))
    quotes = []
    for event in timeline.events:
        for citation in event.sources:
            if citation.ref.value == ident:
                found = find_quote(citation.quote.value, live) is None
                quotes.append(QuoteCheck(event.id.value, citation.quote.value, found))
    return SourceCheck(ident, source.url, None, tuple(quotes))


def archive_path(timeline_file: Path, ident: str) -> tuple[Path, str]:
    """Where the archive of a source goes, and how the timeline names it."""
    name = f"sources/{ident}.txt"
    return timeline_file.parent / name, name
