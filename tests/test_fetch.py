"""Fetching source pages from servers that misbehave: each answer is a page or one line, within
the deadline and the size limit, and only public http(s) addresses are ever reached.

The servers here are real (raw sockets on 127.0.0.1), so that they can send what no proper
server would. 127.0.0.1 is not public: the tests allow it, for the port of the test server only,
through `fetch_pages.address_allowed`; every redirect elsewhere still meets the strict test."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from imfhist.keeping import fetch_pages
from imfhist.keeping.fetch_pages import FetchError, fetch, is_public, main_text

QUOTE = "les ateliers ont commencé en 2004 à Tunis"
PAGE = ("<!doctype html><html><head><meta charset='utf-8'><title>Une page</title></head><body>"
        "<main><article><h1>Une page</h1><p>Le premier paragraphe dit que les ateliers ont "
        "commencé en 2004 à Tunis avec le réseau de ses membres.</p><p>Le second paragraphe "
        "dit que la coopération s'est étendue au Maroc en 2010.</p></article></main></body>"
        "</html>").encode()


def ok(body: bytes, content_type: bytes = b"text/html; charset=utf-8") -> bytes:
    return (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type + b"\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)


def redirect(location: str) -> bytes:
    return (b"HTTP/1.1 302 Found\r\nLocation: " + location.encode() +
            b"\r\nContent-Length: 0\r\n\r\n")


def drip(data: bytes, pause: float = 0.25) -> Iterator[bytes]:
    for byte in data:
        yield bytes([byte])
        time.sleep(pause)


def endless() -> Iterator[bytes]:
    yield b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
    while True:
        yield b"x" * 65536


class RawServer:
    """A server on 127.0.0.1 that answers each path with the bytes it is given (or yields), as
    they are, then closes the connection. It counts the requests it gets."""

    def __init__(self, answers: dict[str, bytes | Callable[[], Iterable[bytes]]]) -> None:
        self.answers = answers
        self.requests: list[str] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.address = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            try:
                request = b""
                while b"\r\n\r\n" not in request:
                    more = connection.recv(4096)
                    if not more:
                        return
                    request += more
                path = request.split(b" ")[1].decode()
                self.requests.append(path)
                answer = self.answers.get(path, b"HTTP/1.1 404 Not Found\r\n\r\n")
                for part in [answer] if isinstance(answer, bytes) else answer():
                    connection.sendall(part)
            except OSError:
                pass

    def close(self) -> None:
        self.listener.close()


MALFORMED = {
    "/bad-status": b"HTTP/1.1 abc OK\r\n\r\n" + PAGE,
    "/http-0.9": PAGE,
    "/long-header": b"HTTP/1.1 200 OK\r\nX-A: " + b"a" * 70_000 + b"\r\n\r\n" + PAGE,
    "/many-headers": b"HTTP/1.1 200 OK\r\n" + b"X-A: a\r\n" * 101 + b"\r\n" + PAGE,
    "/bad-chunk": (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html"
                   b"\r\n\r\nzz\r\n" + PAGE),
    "/bad-location": b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n",
    "/cut-short": (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
                   + PAGE),
    "/empty": b"",
    "/no-location": b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n",
}

REFUSED = {
    "/pdf": ok(b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n(" + QUOTE.encode() + b") Tj\n"),
    "/pdf-typed": ok(b"%PDF-1.4\n", b"application/pdf"),
    "/image": ok(b"\x89PNG\r\n\x1a\n\x00\x00", b"image/png"),
    "/binary-as-text": ok(b"\x1f\x8b\x08\x00\x00\x00\x00\x00" + b"\x00" * 64, b"text/plain"),
    "/utf-7": ok(QUOTE.encode("utf-7"), b"text/plain; charset=utf-7"),
    "/unicode-escape": ok(b"Le premier \\u0041", b"text/plain; charset=unicode_escape"),
    "/unknown-charset": ok(PAGE, b"text/html; charset=x-user-defined"),
    "/meta-utf-7": ok(PAGE.replace(b"charset='utf-8'", b"charset='utf-7'"), b"text/html"),
    "/soup": ok(b"<html><body>" + b"<p>mot " * 60_000),
}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[RawServer]:
    """The test server, with every answer above, and the only non-public address allowed."""
    answers: dict[str, bytes | Callable[[], Iterable[bytes]]] = {
        "/page": ok(PAGE), **MALFORMED, **REFUSED,
        "/latin-1": ok(PAGE.decode().replace("utf-8", "iso-8859-1").encode("latin-1"),
                       b"text/html"),
        "/windows-1252": ok("Le texte coûte 5 € à lire.".encode("cp1252"),
                            b"text/plain; charset=windows-1252"),
        "/utf-16": ok(codecs_bom_utf16(PAGE), b"text/html"),
        "/drip-body": lambda: [b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                               *drip(PAGE)],
        "/drip-headers": lambda: drip(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000),
        "/endless": endless,
        "/loop": redirect("/loop"),
    }
    raw = RawServer(answers)
    monkeypatch.setattr(fetch_pages, "address_allowed",
                        lambda address, port: str(address) == "127.0.0.1" and port == raw.port)
    yield raw
    raw.close()


def codecs_bom_utf16(data: bytes) -> bytes:
    return data.decode().encode("utf-16")


def one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def add(run, timeline: Path, url: str):  # type: ignore[no-untyped-def]
    return run("source", "add", "-f", timeline, "--id", "page", "--title", "Une page",
               "--url", url, "--fetch")


# -- the deadline and the size limit ---------------------------------------------------------


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_slow_server_gains_nothing_past_the_deadline(
        run, timeline_copy: Path, server: RawServer, monkeypatch, path: str) -> None:
    monkeypatch.setattr(fetch_pages, "DEADLINE", 1.5)
    start = time.monotonic()
    result = add(run, timeline_copy, server.address + path)
    elapsed = time.monotonic() - start
    assert result.exit_code == 2 and elapsed < 1.5 + 3, elapsed
    assert "no complete answer within 1.5 s" in one_line_error(result)
    assert not (timeline_copy.parent / "sources" / "page.txt").exists()


def test_the_deadline_covers_the_whole_request_with_its_redirects(server: RawServer) -> None:
    server.answers["/slow-hop"] = lambda: [*drip(b"HTTP/1.1 302 Found\r\n", 0.05),
                                           b"Location: /drip-body\r\n\r\n"]
    start = time.monotonic()
    with pytest.raises(FetchError, match="within 2 s"):
        fetch(server.address + "/slow-hop", deadline=2)
    assert time.monotonic() - start < 2 + 3


def test_the_deadline_covers_the_tls_handshake(server: RawServer) -> None:
    """The test server never answers a TLS greeting: the handshake waits, until the deadline."""
    start = time.monotonic()
    with pytest.raises(FetchError, match="within 1 s"):
        fetch(f"https://127.0.0.1:{server.port}/page", deadline=1)
    assert time.monotonic() - start < 1 + 3


def test_the_size_limit_is_kept_while_reading(server: RawServer) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match="larger than 1 MB"):
        fetch(server.address + "/endless", max_bytes=2**20)
    assert time.monotonic() - start < 3


def test_markup_that_would_take_trafilatura_minutes_is_refused_at_once(server: RawServer) -> None:
    page = fetch(server.address + "/soup")
    start = time.monotonic()
    with pytest.raises(FetchError, match="too much markup"):
        main_text(page.data, page.content_type, page.charset)
    assert time.monotonic() - start < 1
    # Below the limit, the same markup is read.
    assert "mot" in main_text(b"<html><body>" + b"<p>mot " * 2_000, "text/html")


# -- malformed answers -----------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(MALFORMED))
def test_a_malformed_answer_is_one_line(run, timeline_copy: Path, server: RawServer,
                                        path: str) -> None:
    result = add(run, timeline_copy, server.address + path)
    assert result.exit_code == 2
    line = one_line_error(result)
    assert path in line and "nothing was written" in line


@pytest.mark.parametrize("url", ["http://a b/", "http://[::1", "http://exa mple.org:80/",
                                 "http://host:99999/", "http:///path", "javascript:alert(1)"])
def test_an_address_that_is_not_one_is_one_line(run, timeline_copy: Path, url: str) -> None:
    result = add(run, timeline_copy, url)
    assert result.exit_code == 2 and "is not a web address" in one_line_error(result)


def test_source_check_gives_every_source_its_verdict(run, tmp_path: Path, server: RawServer,
                                                     monkeypatch) -> None:
    """A page that cannot be read does not stop the check of the others; a quote gone is exit 1
    whatever else happened, a page that cannot be read exit 2."""
    def timeline(*paths: str) -> Path:
        sources = "".join(f"  - id: s{n}\n    title: S\n    url: {server.address}{path}\n"
                          for n, path in enumerate(paths))
        quotes = "".join(f"      - ref: s{n}\n        quote: {QUOTE}\n"
                         for n in range(len(paths)))
        target = tmp_path / "timeline.yaml"
        target.write_text(f"format: imfhist/1\nsources:\n{sources}events:\n  - id: first\n"
                          f"    title: First\n    sources:\n{quotes}", encoding="utf-8")
        return target

    gone = "/gone"
    server.answers[gone] = ok(PAGE.replace(b"les ateliers", b"ils"))
    broken = sorted(MALFORMED) + sorted(REFUSED) + ["/drip-headers"]
    monkeypatch.setattr(fetch_pages, "DEADLINE", 1.0)  # for /drip-headers
    start = time.monotonic()
    result = run("source", "check", "-f", timeline(*broken, "/page", gone))
    assert time.monotonic() - start < 1 + 10
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    for n, _path in enumerate(broken):
        assert f"s{n}: cannot be checked: " in result.stdout
    assert "still there  first:" in result.stdout and "GONE  first:" in result.stdout
    assert f"{len(broken)} sources could not be checked." in result.stderr
    result = run("source", "check", "-f", timeline("/bad-status", "/page"))
    assert result.exit_code == 2 and "still there" in result.stdout
    assert run("source", "check", "-f", timeline("/page")).exit_code == 0


# -- where a request may go ------------------------------------------------------------------


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "240.0.0.1", "192.0.0.8",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1",
    "2002:7f00:1::", "2002:a00:1::", "64:ff9b::a00:1"])
def test_addresses_that_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111",
                                     "::ffff:8.8.8.8", "2002:808:808::"])
def test_public_addresses(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("target", [
    "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
    "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "https://192.168.0.1/admin",
    "http://127.0.0.2:{port}/page"])
def test_a_redirect_to_an_address_that_is_not_public_is_refused(
        run, timeline_copy: Path, server: RawServer, target: str) -> None:
    server.answers["/away"] = redirect(target.format(port=server.port))
    result = add(run, timeline_copy, server.address + "/away")
    assert result.exit_code == 2
    assert "which is not a public address" in one_line_error(result)
    assert not (timeline_copy.parent / "sources" / "page.txt").exists()


def test_a_redirect_to_another_local_server_reaches_nothing(
        run, timeline_copy: Path, server: RawServer) -> None:
    """The allowed test server is on 127.0.0.1 too: its address passes, another port on it
    does not, and the inner server is never asked."""
    inner = RawServer({"/secret": ok(b"<html><body><p>the secret words of the intranet</p>")})
    try:
        server.answers["/inside"] = redirect(f"http://127.0.0.1:{inner.port}/secret")
        result = add(run, timeline_copy, server.address + "/inside")
        assert result.exit_code == 2 and "not a public address" in one_line_error(result)
        assert inner.requests == []
    finally:
        inner.close()


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.org/page",
                                    "gopher://example.org/", "data:text/html,secret"])
def test_a_redirect_to_another_scheme_says_so(run, timeline_copy: Path, server: RawServer,
                                               target: str) -> None:
    server.answers["/away"] = redirect(target)
    line = one_line_error(add(run, timeline_copy, server.address + "/away"))
    assert f"redirects to {target}: only http:// and https:// addresses are followed" in line


def test_redirects_are_counted(server: RawServer) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(server.address + "/loop")
    server.answers["/hop"] = redirect("/page")
    assert fetch(server.address + "/hop").url == server.address + "/page"


def test_by_default_only_public_addresses_are_fetched(
        run, timeline_copy: Path, server: RawServer, monkeypatch) -> None:
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is not a public address"):
        fetch(server.address + "/page", allowed=fetch_pages.public_only)
    monkeypatch.setattr(fetch_pages, "address_allowed", fetch_pages.public_only)
    line = one_line_error(add(run, timeline_copy, server.address + "/page"))
    assert "not a public address" in line and "--from" in line
    line = one_line_error(add(run, timeline_copy, f"http://localhost:{server.port}/page"))
    assert "localhost (" in line and "is not a public address" in line
    assert server.requests == []


# -- what a page may be ------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "message"), [
    ("/pdf", "is a PDF file"), ("/pdf-typed", "is application/pdf, not HTML or text"),
    ("/image", "is image/png, not HTML or text"), ("/binary-as-text", "binary data"),
    ("/utf-7", "character set utf-7, which is not read"),
    ("/unicode-escape", "character set unicode_escape, which is not read"),
    ("/unknown-charset", "character set x-user-defined, which is not read"),
    ("/meta-utf-7", "character set utf-7, which is not read")])
def test_what_is_not_a_page_of_text_is_refused(run, timeline_copy: Path, server: RawServer,
                                               path: str, message: str) -> None:
    result = add(run, timeline_copy, server.address + path)
    assert result.exit_code == 2 and message in one_line_error(result)
    assert not (timeline_copy.parent / "sources" / "page.txt").exists()


@pytest.mark.parametrize("path", ["/page", "/latin-1", "/utf-16"])
def test_pages_in_the_allowed_character_sets_are_read(server: RawServer, path: str) -> None:
    page = fetch(server.address + path)
    assert QUOTE in main_text(page.data, page.content_type, page.charset)


def test_plain_text_in_windows_1252(server: RawServer) -> None:
    page = fetch(server.address + "/windows-1252")
    assert main_text(page.data, page.content_type, page.charset) == "Le texte coûte 5 € à lire.\n"


def test_a_saved_pdf_is_refused_too(run, timeline_copy: Path, tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    result = run("source", "add", "-f", timeline_copy, "--id", "saved", "--title", "S",
                 "--from", saved)
    assert result.exit_code == 2 and "is a PDF file" in one_line_error(result)
