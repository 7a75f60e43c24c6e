"""Source pages: fetched with care, reduced to their main text, archived, and checked again.

`imfhist source add` keeps the words of a page in `sources/ID.txt` next to the timeline, so that
every quote can be checked against what the page said when it was read. `imfhist source check`
reads each page again and says, quote by quote, whether the live page still holds it: pages
move (link rot) and are edited in silence.

A page is fetched within bounds that no server can stretch (docs/robustness.md lists them): one
deadline for the whole request (finding the address, connecting, every redirect and the body),
enforced by a watchdog that shuts the connection when it passes, so that a server sending a
byte a second gains nothing; at most `MAX_BYTES`, counted while reading; `MAX_REDIRECTS`
redirects, each to an http(s) address; only public addresses, checked for the first address
and for every redirect, and connected to as checked (the name is resolved once, and the
connection goes to the address that was checked, so that a name that changes its address
between the check and the connection, DNS rebinding, reaches nothing else); HTML or plain text
in a few character sets. Every answer a server can give ends as a page or as a FetchError
whose message says, in one line, what was wrong.

The main text is taken out of the HTML by trafilatura, a library made for it (boilerplate,
menus and footers left out); it is imported only by these commands. What it is given is
bounded too: text already decoded (trafilatura would otherwise guess the character set, and
uncompress what looks compressed), and at most `MAX_ELEMENTS` elements, past which its time and
memory grow to tens of seconds and a gigabyte.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from imfhist import __version__
from imfhist.common.i18n import _

DEADLINE = 20.0  # seconds for the whole request: address, connection, redirects and body
MAX_BYTES = 5 * 1024 * 1024  # a page larger than this is not a page of text
MAX_REDIRECTS = 5
MAX_ELEMENTS = 50_000  # HTML elements handed to trafilatura (2 to 6 s, 115 MB at most)
CHUNK = 64 * 1024

# The content types that are pages of text, and the character sets they may be written in (as
# Python names them: codecs.lookup(label).name). Anything else is refused, by name: UTF-7 and
# Python's own codecs (unicode_escape, rot13...) would read bytes as other characters.
TYPES = ("text/html", "application/xhtml+xml", "text/plain")
CHARSETS = frozenset({"utf-8", "utf-8-sig", "ascii", "iso8859-1", "cp1252", "iso8859-15",
                      "utf-16", "utf-16-le", "utf-16-be"})
CHARSET_NAMES = "UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15, Windows-1252, UTF-16"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """The page could not be had: the message says why, in words for the user."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


# -- which addresses may be fetched ------------------------------------------------------------

# Special-purpose networks that some Python versions count as global.
_NOT_PUBLIC = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "64:ff9b:1::/48", "2001:db8::/32"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: Address) -> bool:
    """Whether `address` is a public internet address: not loopback, private, link-local,
    multicast, reserved, unspecified or shared, nor an IPv6 address that carries such an IPv4
    address (IPv4-mapped `::ffff:127.0.0.1`, 6to4, Teredo, NAT64)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # the IPv4 address itself, as the system reaches it
            return is_public(address.ipv4_mapped)
        carried = [address.sixtofour, *(address.teredo or ())]
        if address in _NAT64:
            carried.append(ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF))
        if any(v4 is not None and not is_public(v4) for v4 in carried):
            return False
        if address.is_site_local:
            return False
    return address.is_global and not (
        address.is_loopback or address.is_private or address.is_link_local
        or address.is_multicast or address.is_reserved or address.is_unspecified
        or any(address in network for network in _NOT_PUBLIC
               if network.version == address.version))


def public_only(address: Address, port: int) -> bool:
    """The default test of where a request may go: a public address, on any port."""
    return is_public(address)


# Where fetch() may connect, when it is not told: (address, port) -> allowed. Strict by default;
# the tests put a local server in it for the first request only.
address_allowed: Callable[[Address, int], bool] = public_only


# -- fetching ----------------------------------------------------------------------------------


class _Clock:
    """One deadline for a whole request."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    def expired(self) -> FetchError:
        return FetchError(_("no complete answer within {seconds:g} s").format(
            seconds=self.seconds))


class _Connection(http.client.HTTPConnection):
    """A connection to the address that was checked, whatever the name resolves to now; over
    TLS when given a context (the certificate is checked against the name)."""

    def __init__(self, host: str, port: int, address: Address, timeout: float,
                 tls: ssl.SSLContext | None) -> None:
        super().__init__(host, port, timeout=timeout)
        self.default_port = 443 if tls else 80  # the Host header names the port only if other
        self._address = address
        self._tls = tls
        # The socket, kept for the watchdog: http.client forgets it (self.sock = None) once the
        # response has it.
        self.kept: socket.socket | None = None

    def connect(self) -> None:
        sock = socket.create_connection((str(self._address), self.port), self.timeout)
        self.sock = self.kept = sock
        if self._tls is not None:
            secure = self._tls.wrap_socket(sock, server_hostname=self.host,
                                           do_handshake_on_connect=False)
            self.sock = self.kept = secure
            secure.do_handshake()


class _Watchdog:
    """Shuts a connection when the deadline passes: whatever it was waiting for (the TLS
    handshake, a header line that comes a byte a second, the body) ends at once."""

    def __init__(self, connection: _Connection, seconds: float) -> None:
        self.connection = connection
        self.fired = False
        self._done = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            sock = self.connection.kept
            if sock is not None:
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def stop(self) -> None:
        """Stops the watchdog, then closes the connection."""
        self._timer.cancel()
        with self._lock:
            self._done = True
        self.connection.close()


_HOST = re.compile(r"[^\s\x00-\x1f\x7f/\\?#@<>\"{}|^`]+")


def _web_address(url: str) -> tuple[urllib.parse.SplitResult, str, int] | None:
    """(parts, host, port) of an http(s) address, or None when `url` is not one."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or not _HOST.fullmatch(host):
        return None
    return parts, host, port or (443 if parts.scheme == "https" else 80)


def _target(parts: urllib.parse.SplitResult) -> str:
    """The request target: the path and query, with what HTTP cannot carry percent-encoded."""
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return urllib.parse.quote(target, safe="/?&=%:@!$'()*+,;~-._[]")


def _addresses(host: str, port: int, clock: _Clock) -> list[Address]:
    """The addresses of `host`, found within the deadline."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    found: dict[str, object] = {}

    def look() -> None:
        try:
            found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            found["error"] = error

    thread = threading.Thread(target=look, daemon=True)
    thread.start()
    thread.join(clock.left())
    if thread.is_alive():
        raise clock.expired()
    if "error" in found:
        error = found["error"]
        reason = getattr(error, "strerror", None) or error
        raise FetchError(_("cannot find the address of {host}: {reason}").format(
            host=host, reason=reason))
    addresses: list[Address] = []
    for info in found["infos"]:  # type: ignore[attr-defined]
        address = ipaddress.ip_address(str(info[4][0]))
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(_("cannot find the address of {host}: {reason}").format(
            host=host, reason=_("it has none")))
    return addresses


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 80 else text[:79] + "…"


@dataclass(frozen=True)
class _Redirect:
    location: str


def _get(url: str, clock: _Clock, max_bytes: int, allowed: Callable[[Address, int], bool],
         hop: int) -> Page | _Redirect:
    """One request: a page, a redirect, or a FetchError."""
    checked = _web_address(url)
    assert checked is not None  # fetch() checked it
    parts, host, port = checked
    addresses = _addresses(host, port, clock)
    for address in addresses:
        if not allowed(address, port):
            where = host if host == str(address) else f"{host} ({address})"
            if hop:
                raise FetchError(_("the page redirects to {host}, which is not a public address: "
                                   "only public addresses are fetched").format(host=where))
            raise FetchError(_("{host} is not a public address: only public addresses are "
                               "fetched; save the page and add it with --from").format(
                                   host=where))
    tls = ssl.create_default_context() if parts.scheme == "https" else None
    error: FetchError | None = None
    for address in addresses:
        connection = _Connection(host, port, address, clock.left(), tls)
        watchdog = _Watchdog(connection, clock.left())
        try:
            return _exchange(connection, parts, clock, max_bytes)
        except FetchError:
            raise
        except Exception as caught:  # each is told as a FetchError
            if watchdog.fired:
                raise clock.expired() from None
            if isinstance(caught, ConnectionError | TimeoutError) and address != addresses[-1]:
                error = _failure(caught, clock)  # another address of the name may answer
                continue
            raise _failure(caught, clock) from None
        finally:
            watchdog.stop()
    assert error is not None
    raise error


def _failure(error: Exception, clock: _Clock) -> FetchError:
    """What the user is told of an error met while talking to the server."""
    if isinstance(error, TimeoutError):
        return clock.expired()
    if isinstance(error, http.client.LineTooLong):
        return FetchError(_("the server's answer is malformed: a line is longer than 64 KiB"))
    if isinstance(error, http.client.RemoteDisconnected):
        return FetchError(_("the server closed the connection without answering"))
    if isinstance(error, http.client.IncompleteRead):
        return FetchError(_("the server's answer is malformed: it is cut short, or its chunks "
                            "are miscounted"))
    # SSL errors first: a certificate that cannot be verified is a ValueError too.
    if isinstance(error, ssl.SSLCertVerificationError):
        return FetchError(_("its certificate cannot be trusted: {reason}").format(
            reason=error.verify_message or _short(error)))
    if isinstance(error, ssl.SSLError):
        return FetchError(_("no secure connection: {reason}").format(
            reason=error.reason or _short(error)))
    if isinstance(error, http.client.HTTPException | ValueError | UnicodeError | LookupError):
        return FetchError(_("the server's answer is malformed: {reason}").format(
            reason=_short(error)))
    if isinstance(error, OSError):
        return FetchError(_("cannot reach it: {reason}").format(
            reason=error.strerror or _short(error)))
    return FetchError(_("the server's answer cannot be read: {reason}").format(
        reason=_short(error)))


def _exchange(connection: _Connection, parts: urllib.parse.SplitResult, clock: _Clock,
              max_bytes: int) -> Page | _Redirect:
    connection.request("GET", _target(parts), headers={
        "User-Agent": f"imfhist/{__version__} (source archive)",
        "Accept": "text/html, application/xhtml+xml, text/plain;q=0.9",
        "Accept-Encoding": "identity", "Connection": "close"})
    with connection.getresponse() as response:
        return _answer(response, parts, clock, max_bytes)


def _answer(response: http.client.HTTPResponse, parts: urllib.parse.SplitResult, clock: _Clock,
            max_bytes: int) -> Page | _Redirect:
    if response.status in (301, 302, 303, 307, 308):
        location = response.getheader("Location")
        if not location:
            raise FetchError(_("the server answered {code} without saying where the page is")
                             .format(code=response.status))
        return _Redirect(location.strip())
    if not 200 <= response.status < 300:
        raise FetchError(_("the server answered {code} {reason}").format(
            code=response.status, reason=_short(http.client.HTTPException(response.reason))))
    content_type = response.headers.get_content_type()
    if content_type not in TYPES:
        raise FetchError(_("the page is {type}, not HTML or text").format(
            type=_short(ValueError(content_type))))
    charset = response.headers.get_content_charset()
    chunks: list[bytes] = []
    size = 0
    while True:
        clock.left()
        chunk = response.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_("the page is larger than {size} MB").format(
                size=f"{max_bytes / 2**20:g}"))
        chunks.append(chunk)
    clock.left()
    if response.length:  # fewer bytes than Content-Length said: http.client does not tell
        raise http.client.IncompleteRead(b"".join(chunks), response.length)
    return Page(urllib.parse.urlunsplit(parts), b"".join(chunks), content_type, charset)


def fetch(url: str, *, deadline: float | None = None, max_bytes: int = MAX_BYTES,
          allowed: Callable[[Address, int], bool] | None = None) -> Page:
    """GET a web page: HTML or text, at most `max_bytes`, `MAX_REDIRECTS` redirects, all within
    `deadline` seconds (`DEADLINE` when not given), from addresses that `allowed` accepts
    (`address_allowed` when not given: public addresses only). Raises FetchError."""
    clock = _Clock(DEADLINE if deadline is None else deadline)
    allowed = allowed or address_allowed
    if _web_address(url) is None:
        raise FetchError(_("'{url}' is not a web address (http:// or https://)").format(url=url))
    for hop in range(MAX_REDIRECTS + 1):
        answer = _get(url, clock, max_bytes, allowed, hop)
        if isinstance(answer, Page):
            return answer
        try:
            following = urllib.parse.urljoin(url, answer.location)
        except ValueError:
            following = None
        if following is None or _web_address(following) is None:
            shown = _short(ValueError(answer.location))
            scheme = answer.location.partition(":")[0].lower()
            if following is not None and scheme.isalpha() and scheme not in ("http", "https"):
                raise FetchError(_("the page redirects to {url}: only http:// and https:// "
                                   "addresses are followed").format(url=shown))
            raise FetchError(_("the page redirects to {url}, which is not a valid address")
                             .format(url=shown))
        url = following
    raise FetchError(_("more than {count} redirects").format(count=MAX_REDIRECTS))


# -- the main text -----------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
                           re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_ELEMENT = re.compile(r"<[A-Za-z]")


def _looks_like_html(data: bytes, content_type: str) -> bool:
    if content_type in ("text/html", "application/xhtml+xml"):
        return True
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _codec(label: str) -> str:
    """The Python name of a character set the page may be in; FetchError for any other."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        name = None
    if name not in CHARSETS:
        raise FetchError(_("the page is in the character set {charset}, which is not read "
                           "(only {charsets})").format(charset=_short(ValueError(label)),
                                                       charsets=CHARSET_NAMES))
    return name  # type: ignore[return-value]


def _sniff(data: bytes) -> None:
    """Refuse bytes that are not text, whatever they are called: a PDF file, or binary data."""
    head = data[:1024]
    if b"%PDF-" in head:
        raise FetchError(_("the page is a PDF file, not HTML or text: save its text in a file "
                           "and add it with --from"))
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FetchError(_("the page is binary data, not HTML or text"))


def _decode(data: bytes, charset: str | None, html: bool) -> str:
    """The page's text, in the character set its byte-order mark, its server or (for HTML) its
    meta element declares, or else UTF-8. Plain text must decode; HTML, which browsers read
    whatever its bytes, gets U+FFFD for what does not (Windows-1252 when it is not UTF-8)."""
    declared = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if declared is None and charset:
        declared = _codec(charset)
    if declared is None and html:
        meta = _META_CHARSET.search(data[:4096])
        if meta:
            declared = _codec(meta.group(1).decode("ascii"))
            if declared.startswith("utf-16"):  # a meta element that can be read is not UTF-16
                declared = "utf-8"
    if html:
        if declared is None:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                declared = "cp1252"
        return data.decode(declared, errors="replace")
    for encoding in (declared, "utf-8-sig"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise FetchError(_("the text is not UTF-8"))


def main_text(data: bytes, content_type: str = "", charset: str | None = None) -> str:
    """The page's main text: extracted from HTML, or the text itself. Raises FetchError when
    there is no text to keep, or when the page is not one that can be read (see the module)."""
    _sniff(data)
    html = _looks_like_html(data, content_type)
    text = _decode(data, charset, html)
    if not html:
        return text.lstrip("\ufeff").replace("\r\n", "\n").strip() + "\n"
    elements = _ELEMENT.finditer(text)
    if any(n >= MAX_ELEMENTS for n, _element in enumerate(elements)):
        raise FetchError(_("the page has too much markup to take its text out (more than "
                           "{most} elements): save its text in a file and add it with --from")
                         .format(most=MAX_ELEMENTS))
    import trafilatura

    try:
        extracted = trafilatura.extract(_XML_DECLARATION.sub("", text.lstrip("\ufeff")),
                                        include_comments=False, include_tables=True,
                                        favor_recall=True)
    except Exception as error:  # trafilatura failing on a hostile page
        raise FetchError(_("the page's text cannot be taken out: {reason}").format(
            reason=_short(error))) from None
    if not extracted or not extracted.strip():
        raise FetchError(_("no main text was found in the page"))
    return extracted.strip() + "\n"


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
