"""export, chart and stats: each format's shape, its escaping, and the atomic write."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write

DATED = ["pcpa-mis-en-place", "imf-participe-aux-pcpa", "altermed"]
HOSTILE_TITLES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
                  "=HYPERLINK(\"http://evil.example\")", "*bold* _it_ [link](http://x) | pipe #",
                  "- list\nsecond line", "+1 @user", "line\u2028sep", "& &amp; &copy;"]


def hostile_timeline(tmp_path: Path) -> Path:
    events = "".join(
        f"  - id: e{n}\n    title: {json.dumps(title)}\n    date: '{2000 + n}'\n"
        f"    countries: [TN]\n    tags: [{json.dumps(title)}]\n"
        f"    sources: [{{ref: p, quote: {json.dumps(title)}}}]\n"
        for n, title in enumerate(HOSTILE_TITLES))
    return write(tmp_path, "format: imfhist/1\ntitle: '<b>T</b>'\nsources:\n"
                 "  - {id: p, title: '<i>P</i>', url: 'javascript:alert(1)'}\n"
                 f"events:\n{events}")


def test_json_export_has_events_and_what_they_use(run) -> None:
    document = json.loads(run("export", "--format", "json", "-c", "TN").stdout)
    assert [e["id"] for e in document["events"]] == [
        "imf-participe-aux-pcpa", "micro-projets-tunisie", "capitalisation-pcpa-maroc-tunisie"]
    assert {a["id"] for a in document["actors"]} == {"imf", "pcpa", "pcpa-maroc", "pcpa-tunisie"}
    assert {p["id"] for p in document["places"]} == {"ras-jebel", "sidi-bouzid"}
    assert [s["id"] for s in document["sources"]] == ["imf-historique"]
    listed = json.loads(run("filter", "-c", "TN", "--format", "json").stdout)
    assert document["events"] == listed


def test_json_and_csv_exports_carry_relations_and_bounds(run) -> None:
    document = json.loads(run("export", "--format", "json", "--place", "Annaba").stdout)
    far = document["events"][0]
    assert far["worded_date"] == "by 2019" and far["bounds"] == {"start_max": "2019-12-31"}
    assert far["relations"][0]["starts_before"] == "altermed"
    assert far["relations"][0]["quote"].startswith("Ce parcours nous a permis")
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "-c", "TN").stdout)))
    capitalisation = next(r for r in rows if r["id"] == "capitalisation-pcpa-maroc-tunisie")
    assert capitalisation["worded_date"] == "between 2004 and 2019"
    assert (capitalisation["start_min"], capitalisation["start_max"]) == (
        "2004-01-01", "2019-12-31")
    assert rows[0]["start_min"] == "", "a dated event's bounds are its date's: not repeated"


def test_json_and_csv_round_trip_any_text(run, tmp_path: Path) -> None:
    path = hostile_timeline(tmp_path)
    events = json.loads(run("export", "--format", "json", "--file", path).stdout)["events"]
    assert [e["title"] for e in events] == HOSTILE_TITLES
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "-f", path).stdout)))
    for row, title in zip(rows, HOSTILE_TITLES, strict=True):
        if title.startswith(("=", "+", "-", "@")):
            assert row["title"] == "'" + title, "a formula is neutralised"
        else:
            assert row["title"] == title


def test_markdown_chronology(run) -> None:
    text = run("export", "--format", "markdown").stdout
    assert text.startswith("# Historique de la mission")
    # The story as the source tells it: what it tells before its first date opens it.
    headings = re.findall(r"^## (.*)$", text, re.M)
    assert headings == ["Undated", "2000s", "2010s"]
    assert text.index("## Undated") < text.index("### depuis 30 ans: L’IMF développe") < \
        text.index("## 2000s")
    assert "### 2019–2021: Le projet AlterMed" in text
    # Without a date, placed by its relations or not, in the story under the heading before it.
    assert text.index("## 2000s") < text.index("### en dix ans: Les activités internationales") \
        < text.index("### by 2019: Le projet FAR sur Annaba") < text.index("## 2010s")
    french = run("export", "--format", "markdown", "--lang", "fr").stdout
    assert "### entre 2004 et 2019: L’accompagnement de processus de capitalisation" in french
    assert "[^1]: [Historique de la mission de coopération internationale de l’IMF]" \
           "(<https://www.imf.asso.fr/pages/?page_id=4398>)" in text
    assert text.count("[^1]") > 14


def test_markdown_escapes_what_would_break_it(run, tmp_path: Path) -> None:
    text = run("export", "--format", "markdown", "-f", hostile_timeline(tmp_path)).stdout
    # Every < is escaped, but for the angle brackets of a link destination.
    assert not re.search(r"(?<![\\(])<", text)
    assert r"\*bold\* \_it\_ \[link\](http://x) \| pipe #" in text
    assert "javascript:" not in text, "only web and mail links"
    assert "\u2028" not in text


def test_timelinejs_export(run) -> None:
    result = run("export", "--format", "timelinejs", "--group-by", "country")
    document = json.loads(result.stdout)
    assert [s["unique_id"] for s in document["events"]] == DATED
    first, second, third = document["events"]
    assert first["start_date"] == {"year": 2002} and "end_date" not in first
    assert first["display_date"] == "à partir de 2002"
    assert second["group"] == "Maroc", "in the timeline's language"
    assert third["start_date"] == {"year": 2019} and third["end_date"] == {"year": 2021}
    assert third["display_date"] == "2019–2021"
    assert document["title"]["text"]["text"] == "<p>3 événements</p>"
    assert "4 undated events left out" in result.stderr, "notes speak the interface's language"
    assert "7 events without a date, placed only between bounds" in result.stderr
    english = json.loads(run("export", "--format", "timelinejs", "--group-by", "country",
                             "--lang", "en").stdout)
    assert english["events"][1]["group"] == "Morocco", "unless --lang asks for another"


def test_timelinejs_escapes_html(run, tmp_path: Path) -> None:
    document = json.loads(run("export", "--format", "timelinejs", "-f",
                              hostile_timeline(tmp_path)).stdout)
    headlines = [s["text"]["headline"] for s in document["events"]]
    assert headlines[0] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert all("<" not in h for h in headlines)
    assert "javascript:" not in json.dumps(document)


def test_html_is_self_contained_and_escaped(run, tmp_path: Path) -> None:
    page = run("export", "--format", "html", "-f", hostile_timeline(tmp_path)).stdout
    tags = Tags()
    tags.feed(page)
    assert not [t for t, attributes in tags.found if t in ("img", "link", "iframe", "object")
                or "src" in attributes], "nothing is fetched"
    assert "url(" not in tags.style and "@import" not in tags.style
    assert {t for t, _ in tags.found if t == "script"} == {"script"}  # imfhist's own, only
    assert sum(1 for t, _ in tags.found if t == "script") == 1
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "javascript:" not in page
    assert page.count('<li class="event') == len(HOSTILE_TITLES)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))
        self._in_style = tag == "style"
        self.style += " ".join(v or "" for k, v in attrs if k == "style")

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def test_output_file_is_written_atomically(run, tmp_path: Path) -> None:
    target = tmp_path / "timeline.html"
    result = run("export", "--format", "html", "-o", target)
    assert result.exit_code == 0 and "Wrote" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.html"]


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS])
def test_failed_write_leaves_nothing_half_written(run, tmp_path: Path, monkeypatch,
                                                  failure: int) -> None:
    target = tmp_path / "out.json"
    target.write_text("the previous export\n")

    real_open = os.open

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        if failure == errno.EROFS and not str(args[0]).startswith(str(tmp_path)):
            return real_open(*args, **kwargs)  # the timeline is read; only the write fails
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(os, "fsync" if failure == errno.ENOSPC else "open", broken)
    result = run("export", "-o", target)
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and os.strerror(failure).lower() in result.stderr
    assert target.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_export_selection_and_bad_option(run) -> None:
    assert json.loads(run("export", "--from", "2019").stdout)["events"][-1]["id"] == "altermed"
    assert run("export", "--country", "Atlantide").exit_code == 2
    assert run("export", "--format", "pdf").exit_code == 2


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("lanes", ["none", "country", "tag"])
def test_chart_fits_the_terminal(run, monkeypatch, width: int, lanes: str) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run("chart", "--lanes", lanes)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    assert any("━" in line for line in lines)
    assert "4 undated events not drawn" in result.stdout
    if lanes == "country":
        assert "Tunisia" in result.stdout


@pytest.mark.parametrize("width", [80, 200])
def test_chart_labels_take_the_room_the_width_leaves(run, monkeypatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    lines = run("chart").stdout.splitlines()
    labels = [line for line in lines if line.startswith(("by 2019", "2019–2021", "dès 2004"))]
    assert len(labels) == 7
    # Where the bars of the first drawn event start: the labels' column and its space.
    label_width = min(line.index(mark) for line in labels for mark in "━·├" if mark in line)
    assert width - label_width >= width // 2  # the bars keep half the width
    full = {"by 2019 Des coopérations inter associatives et méditerranéennes pour la formation "
            "des éducateurs", "2019–2021 Le projet AlterMed sur l’entrepreneuriat collectif "
            "en Méditerranée", "by 2019 La coopération avec l’Entraide nationale marocaine"}
    for line in labels:
        label = line[:label_width].rstrip()
        whole = next((f for f in full if f.startswith(label.rstrip("…"))), None)
        if label.endswith("…"):
            # Cut after a whole word, never inside one.
            cut = label[:-1]
            assert whole is None or whole[len(cut)] == " "
        elif whole is not None:
            assert label == whole
    if width == 200:  # room for every label but the longest, which is cut after a word
        assert all(any(line.startswith(f) for line in lines) for f in full)
        assert any(line.startswith("between 2004 and 2019 L’accompagnement de processus de "
                                   "capitalisation dans les PCPA marocain ou… ") for line in lines)
    else:
        assert any(line.startswith("by 2019 Des coopérations inter… ") for line in lines)


def test_stats_counts_an_event_in_the_decade_its_relations_surely_place_it_in(
        run, tmp_path: Path) -> None:
    quote = "ref: p, quote: 'It happened as the page says.'"
    path = write(tmp_path, f"""format: imfhist/1
sources: [{{id: p, title: P}}]
events:
  - {{id: first, title: First, date: '2011', sources: [{{{quote}}}]}}
  - {{id: last, title: Last, date: '2015', sources: [{{{quote}}}]}}
  - id: between
    title: Between
    relations: [{{starts_after: first, {quote}}}, {{starts_before: last, {quote}}}]
    sources: [{{{quote}}}]
  - id: later
    title: Later
    relations: [{{starts_after: last, {quote}}}]
    sources: [{{{quote}}}]
""")
    text = run("stats", "-f", path).stdout
    assert "4 events, 2 dated, 2 placed by relations, 0 undated" in text
    assert re.search(r"2010s\s+3\s+█+", text)  # "between 2011 and 2015": surely the 2010s
    assert re.search(r"placed by relations\s+1\s+█+", text)  # "not before 2015"
    assert not re.search(r"^undated", text, re.MULTILINE)
    french = run("stats", "-f", path, "--lang", "fr").stdout
    assert re.search(r"années 2010\s+3", french)


def test_chart_marks(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n" + "".join(
        f"  - {{id: e{n}, title: E{n}, date: '{date}',"
        " sources: [{ref: p, quote: 'It happened as the page says.'}]}\n"
        for n, date in enumerate(["1990/..", "2000", "1995~", "../1992", "1991/1999"])))
    lines = run("chart", "-f", path).stdout.splitlines()

    def line(label: str) -> str:
        return next(line for line in lines if line.startswith(label))

    assert line("since 1990").rstrip().endswith("→")
    assert "~" in line("c. 1995")
    assert line("until 1992").split()[-1].startswith("←")
    assert "━" in line("1991–1999") and "→" not in line("1991–1999")


def test_stats(run) -> None:
    text = run("stats").stdout
    assert "14 events, 3 dated, 7 placed by relations, 4 undated" in text
    assert re.search(r"Tunisia\s+3\s+█+", text)
    # The events placed by relations ("by 2019", "between 2004 and 2019") may have started in
    # more than one decade: they are counted apart, and the output says why.
    assert re.search(r"placed by relations\s+7\s+█+", text)
    assert re.search(r"undated\s+4\s+█+", text)
    assert "counts in a decade when its relations place its start in that decade" in text
    assert re.search(r"IMF\s+12\s+█+", text)
    assert run("stats", "-c", "TN").stdout.startswith("3 events")
