"""The exports in a real browser: TimelineJS builds one slide per dated event from the
timelinejs export, and the html page loads offline, shows every event, filters, and runs no
script from the data. Headless Chromium (Debian's `chromium`) and the npm package
@knight-lab/timelinejs are installed by .ci/run; these tests fail, not skip, without them."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import write
from test_exports import HOSTILE_TITLES, hostile_timeline

TIMELINEJS = "@knight-lab/timelinejs@3.9.11"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"]

# Collects what goes wrong in the page: script errors, console errors, failed resources, alerts.
WATCH = """<script>
window.__problems = [];
window.addEventListener("error", function (e) {
  window.__problems.push("error: " + (e.message || (e.target && (e.target.src || e.target.href))));
}, true);
var originalError = console.error;
console.error = function () {
  window.__problems.push("console: " + Array.from(arguments).join(" "));
  originalError.apply(console, arguments);
};
window.alert = window.confirm = window.prompt = function (m) {
  window.__problems.push("alert: " + m);
};
</script>"""
REPORT = """<script>
setTimeout(function () {
  var out = document.createElement("pre");
  out.id = "test-report";
  out.textContent = JSON.stringify({problems: window.__problems, result: window.__result || null});
  document.body.appendChild(out);
}, %d);
</script>"""


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    assert binary, "headless Chromium is needed: apt-get install chromium (.ci/run does)"
    profile = tmp_path_factory.mktemp("chromium-profile")
    return [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]


def run_page(chromium: list[str], page: Path, wait_ms: int = 3000) -> dict:  # type: ignore[type-arg]
    result = subprocess.run([*chromium, f"--virtual-time-budget={wait_ms + 2000}", "--dump-dom",
                             page.as_uri()], capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="test-report">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    return json.loads(html.unescape(found.group(1)))  # type: ignore[no-any-return]


def instrument(page_text: str, result_script: str = "", wait_ms: int = 3000) -> str:
    page_text = page_text.replace("<head>", "<head>" + WATCH, 1)
    return page_text.replace("</body>", result_script + REPORT % wait_ms + "</body>", 1)


@pytest.fixture(scope="session")
def timelinejs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("timelinejs")
    subprocess.run(["npm", "pack", "--silent", TIMELINEJS], cwd=folder, check=True,
                   capture_output=True, timeout=300)
    with tarfile.open(next(folder.glob("*.tgz"))) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package" / "dist"


def timelinejs_page(dist: Path, data: str, folder: Path) -> Path:
    page = folder / "timelinejs.html"
    page.write_text(instrument(f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(dist / 'css' / 'timeline.css').as_uri()}">
<script src="{(dist / 'js' / 'timeline.js').as_uri()}"></script></head>
<body><div id="timeline" style="width: 1000px; height: 600px"></div>
<script>
var data = {data};
// script_path: the page's local copy, so that fonts and locales are not fetched from a CDN.
var timeline = new TL.Timeline("timeline", data,
  {{language: "en", script_path: "{(dist / 'js').as_uri()}/"}});
setTimeout(function () {{
  window.__result = {{
    slides: document.querySelectorAll(".tl-slide").length,
    titleSlides: document.querySelectorAll(".tl-slide-titleslide").length,
    ids: data.events.map(function (e) {{ return !!document.getElementById(e.unique_id); }}),
    markers: document.querySelectorAll(".tl-timemarker").length,
    scripts: document.querySelectorAll("script").length
  }};
}}, 2000);
</script></body></html>"""), encoding="utf-8")
    return page


def test_timelinejs_builds_one_slide_per_dated_event(run, chromium, timelinejs,
                                                     tmp_path: Path) -> None:
    exported = run("export", "--format", "timelinejs", "--group-by", "country").stdout
    report = run_page(chromium, timelinejs_page(timelinejs, exported, tmp_path))
    assert report["problems"] == []
    result = report["result"]
    dated = len(json.loads(exported)["events"])
    assert dated == 3
    assert result["slides"] - result["titleSlides"] == dated
    assert result["markers"] == dated
    assert all(result["ids"])


def test_timelinejs_runs_no_script_from_the_data(run, chromium, timelinejs,
                                                 tmp_path: Path) -> None:
    exported = run("export", "--format", "timelinejs", "-f", hostile_timeline(tmp_path)).stdout
    report = run_page(chromium, timelinejs_page(timelinejs, exported, tmp_path))
    assert report["problems"] == []
    assert report["result"]["slides"] - report["result"]["titleSlides"] == len(HOSTILE_TITLES)
    assert report["result"]["scripts"] == 4  # the page's own: watch, library, data, report


SHOW = """<script>
setTimeout(function () {
  var events = document.querySelectorAll("li.event");
  var country = document.getElementById("filter-country");
  country.value = "TN"; country.dispatchEvent(new Event("change"));
  var afterCountry = document.querySelectorAll("li.event:not([hidden])").length;
  var shown = document.getElementById("shown").textContent;
  country.value = ""; country.dispatchEvent(new Event("change"));
  var first = document.querySelector("li.event details");
  first.open = true;
  window.__result = {
    events: events.length, titles: Array.from(document.querySelectorAll(".title"))
      .map(function (t) { return t.textContent; }),
    bars: document.querySelectorAll(".bar:not(.sample)").length,
    fading: document.querySelectorAll(".bar.fade-end:not(.sample)").length,
    afterCountry: afterCountry, shown: shown,
    detailsHeight: first.querySelector(".details").getBoundingClientRect().height,
    scripts: document.querySelectorAll("script").length
  };
}, 500);
</script>"""


def test_html_page_shows_every_event_and_filters(run, chromium, tmp_path: Path) -> None:
    page = tmp_path / "timeline.html"
    assert run("export", "--format", "html", "-o", page).exit_code == 0
    instrumented = tmp_path / "instrumented.html"
    instrumented.write_text(instrument(page.read_text(encoding="utf-8"), SHOW), encoding="utf-8")
    report = run_page(chromium, instrumented)
    assert report["problems"] == []
    result = report["result"]
    assert result["events"] == 14 and len(result["titles"]) == 14
    assert "Le projet AlterMed sur l’entrepreneuriat collectif en Méditerranée" in result["titles"]
    assert result["bars"] == 3 and result["fading"] == 2
    assert result["afterCountry"] == 3 and result["shown"] == "3 shown"
    assert result["detailsHeight"] > 20


def test_html_page_runs_no_script_from_the_data(run, chromium, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    assert run("export", "--format", "html", "-o", page, "-f",
               hostile_timeline(tmp_path)).exit_code == 0
    instrumented = tmp_path / "instrumented.html"
    instrumented.write_text(instrument(page.read_text(encoding="utf-8"), SHOW), encoding="utf-8")
    report = run_page(chromium, instrumented)
    assert report["problems"] == [], "no alert, no error"
    assert report["result"]["titles"][:2] == HOSTILE_TITLES[:2], "shown as text"
    assert report["result"]["scripts"] == 4  # watch, the page's own, show, report


@pytest.mark.parametrize(("width", "height"), [(1200, 900), (390, 844)])
def test_html_page_screenshot(run, chromium, tmp_path: Path, width: int, height: int) -> None:
    page = tmp_path / "timeline.html"
    run("export", "--format", "html", "-o", page)
    shot = tmp_path / f"shot-{width}.png"
    subprocess.run([*chromium, f"--window-size={width},{height}", f"--screenshot={shot}",
                    page.as_uri()], capture_output=True, timeout=120, check=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_empty_and_undated_only_pages_load(run, chromium, tmp_path: Path) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 "  - {id: a, title: A,"
                 " sources: [{ref: p, quote: 'It happened as the page says.'}]}\n")
    page = tmp_path / "undated.html"
    assert run("export", "--format", "html", "-o", page, "-f", path).exit_code == 0
    instrumented = tmp_path / "instrumented.html"
    instrumented.write_text(instrument(page.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_page(chromium, instrumented)["problems"] == []
