"""The TimelineJS export in a real browser: TimelineJS builds one slide per dated event, speaks the
timeline's language with its worded dates, and runs no script from the data.

Playwright drives Debian's Chromium (the `browser` fixture, tests/conftest.py); TimelineJS comes
from npm, installed by scripts/test.sh. These tests fail, not skip, without them. The html page's
own browser tests are in test_browser_page.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import npm_package, write
from test_exports import HOSTILE_TITLES, hostile_timeline

# Collects what goes wrong in a page: script errors, console errors, alerts.
WATCH = """
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
"""


def timelinejs_page(data: str, language: str, folder: Path) -> Path:
    dist = npm_package("@knight-lab/timelinejs") / "dist"
    page = folder / "timelinejs.html"
    page.write_text(f"""<!doctype html><html><head><meta charset="utf-8">
<script>{WATCH}</script>
<link rel="stylesheet" href="{(dist / 'css' / 'timeline.css').as_uri()}">
<script src="{(dist / 'js' / 'timeline.js').as_uri()}"></script></head>
<body><div id="timeline" style="width: 1000px; height: 600px"></div>
<script>
var data = {data};
// script_path: the page's local copy, so that fonts and locales are not fetched from a CDN.
window.timeline = new TL.Timeline("timeline", data,
  {{language: "{language}", script_path: "{(dist / 'js').as_uri()}/"}});
</script></body></html>""", encoding="utf-8")
    return page


def open_timelinejs(browser, data: str, language: str, folder: Path):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    # TimelineJS's style sheet asks Google for its fonts: the test needs no network, and the
    # slides do not depend on them.
    page.route(re.compile(r"^https?://"), lambda route: route.abort())
    page.goto(timelinejs_page(data, language, folder).as_uri())
    page.wait_for_function("document.querySelectorAll('.tl-slide').length > 1")
    page.wait_for_timeout(500)
    return page


def test_timelinejs_builds_one_slide_per_dated_event(run, browser, tmp_path: Path) -> None:
    exported = run("export", "--format", "timelinejs", "--group-by", "country").stdout
    data = json.loads(exported)
    page = open_timelinejs(browser, exported, "fr", tmp_path)
    assert page.evaluate("window.__problems") == []
    slides = page.locator(".tl-slide").count() - page.locator(".tl-slide-titleslide").count()
    assert slides == len(data["events"]) == 3
    assert page.locator(".tl-timemarker").count() == 3
    for event in data["events"]:
        assert page.locator(f"[id='{event['unique_id']}']").count() == 1
    # The timeline's language: its worded dates, and TimelineJS's own words in French.
    dates = page.locator(".tl-headline-date").all_text_contents()
    assert "à partir de 2002" in dates and "dès 2004" in dates and "2019–2021" in dates
    assert page.evaluate("window.timeline.options.language") == "fr"
    assert "Retour à la page d'accueil" in page.content()
    page.close()


def test_timelinejs_runs_no_script_from_the_data(run, browser, tmp_path: Path) -> None:
    exported = run("export", "--format", "timelinejs", "-f", hostile_timeline(tmp_path)).stdout
    page = open_timelinejs(browser, exported, "en", tmp_path)
    assert page.evaluate("window.__problems") == []
    slides = page.locator(".tl-slide").count() - page.locator(".tl-slide-titleslide").count()
    assert slides == len(HOSTILE_TITLES)
    assert page.locator("script").count() == 3  # the page's own: watch, library, data
    page.close()


DECODED_PAYLOADS = ["&lt;img src=x onerror=alert(1)&gt;", "<img src=x onerror=alert(2)>",
                    "&amp;lt;b&amp;gt;", "&#60;img src=x onerror=alert(3)&#62;"]


@pytest.mark.parametrize("group_by", ["tag", "country"])
def test_timelinejs_decoded_fields_run_no_script(run, browser, tmp_path: Path,
                                                 group_by: str) -> None:
    """TimelineJS decodes `display_date` and `group` once and inserts them as HTML: a label,
    tag or unknown country that is markup once decoded must still show as text."""
    events = "".join(
        f"  - id: e{n}\n    title: T{n}\n    date: '{2000 + n}'\n"
        f"    date_label: {json.dumps(payload)}\n    countries: [{json.dumps(payload)}]\n"
        f"    tags: [{json.dumps(payload)}]\n"
        f"    sources: [{{ref: p, quote: 'It happened in {2000 + n} as said.'}}]\n"
        for n, payload in enumerate(DECODED_PAYLOADS))
    path = write(tmp_path, f"format: imfhist/1\nsources: [{{id: p, title: P}}]\nevents:\n{events}")
    exported = run("export", "--format", "timelinejs", "--group-by", group_by, "-f", path).stdout
    page = open_timelinejs(browser, exported, "en", tmp_path)
    page.wait_for_timeout(1000)  # time for an injected image to fail and run its handler
    assert page.evaluate("window.__problems") == [], "no alert, no error"
    assert page.locator(".tl-slide img, .tl-timenav img").count() == 0
    dates = page.locator(".tl-headline-date").all_text_contents()
    assert set(DECODED_PAYLOADS) <= set(dates), "each label shows as written"
    groups = page.locator(".tl-timegroup-message").all_text_contents()
    assert set(groups) == set(DECODED_PAYLOADS)
    page.close()
