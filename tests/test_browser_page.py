"""The html page in Chromium, used as a reader uses it: it loads offline, filters by clicking,
keeps the filter in its address, opens the event a link names, works with the keyboard alone,
prints with every event open, follows the system's dark mode, has no accessibility violation
that axe-core finds, and, embedded in a WordPress-like page, neither takes nor gives styles.

Screenshots at three widths, light and dark, and in print are written to tests/screenshots/
(ignored by git), to be looked at: they are the page as readers will see it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SCREENSHOTS, npm_package, write
from test_exports import HOSTILE_TITLES, hostile_timeline
from test_page import SOURCE_ORDER

WIDTHS = {1280: 900, 768: 1024, 390: 844}


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from imfhist.cli import app

    page = tmp_path_factory.mktemp("page") / "page.html"
    result = CliRunner().invoke(app, ["export", "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page


@pytest.fixture
def tab(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A browser tab that lets no request leave the machine and records what goes wrong."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []  # type: ignore[attr-defined]
    page.requests = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.problems.append(f"error: {error}"))
    page.on("console", lambda message: page.problems.append(f"console: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def shown_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        "li.event", "items => items.filter(i => getComputedStyle(i).display !== 'none')"
                    ".map(i => i.id)")


def test_page_loads_offline_and_tells_the_story_in_order(tab, shipped_page: Path) -> None:
    tab.goto(shipped_page.as_uri())
    assert tab.problems == []
    assert all(url.startswith("file:") for url in tab.requests), "nothing is fetched"
    assert shown_ids(tab) == SOURCE_ORDER
    assert tab.locator("#imfhist_shown").text_content() == "14 événements affichés"
    assert tab.locator("html").get_attribute("lang") == "fr"
    # Semantic HTML: one h1, an ordered list of events, dates in time elements.
    assert tab.locator("h1").count() == 1
    assert tab.locator("main ol.events > li.event").count() == 14
    assert tab.locator("li.event time[datetime]").count() == 3
    # The rows' grid lines: every track draws them, under the axis's labels.
    tracks = tab.eval_on_selector_all(
        ".track", "ts => ts.map(t => getComputedStyle(t).backgroundImage)")
    assert len(tracks) == 14 and all("repeating-linear-gradient" in t for t in tracks)


def test_filters_by_clicking_and_shares_the_filter_in_the_address(tab, shipped_page: Path,
                                                                    browser) -> None:
    tab.goto(shipped_page.as_uri())
    tab.get_by_label("Pays").select_option(label="Tunisie")
    assert shown_ids(tab) == ["imf-participe-aux-pcpa", "micro-projets-tunisie",
                              "capitalisation-pcpa-maroc-tunisie"]
    assert tab.locator("#imfhist_shown").text_content() == "3 événements affichés"
    tab.get_by_label("Étiquette").select_option(label="pcpa")
    assert shown_ids(tab) == ["imf-participe-aux-pcpa", "capitalisation-pcpa-maroc-tunisie"]
    tab.wait_for_url(re.compile(r"#country=TN&tag=pcpa$"))
    address = tab.url
    # The shared address opens on the same view, in another tab.
    other = browser.new_page()
    other.goto(address)
    assert shown_ids(other) == ["imf-participe-aux-pcpa", "capitalisation-pcpa-maroc-tunisie"]
    assert other.get_by_label("Étiquette").input_value() == "pcpa"
    other.close()
    # A tag whose name needs escaping in an address survives the trip.
    tab.get_by_label("Pays").select_option(value="")
    tab.get_by_label("Étiquette").select_option(label="économie sociale et solidaire")
    assert shown_ids(tab) == ["altermed"]
    tab.wait_for_url(re.compile(r"#tag=%C3%A9conomie%20sociale%20et%20solidaire$"))
    tab.reload()
    assert shown_ids(tab) == ["altermed"]
    assert tab.problems == []


def test_a_filter_with_no_event_says_so(tab, shipped_page: Path) -> None:
    tab.goto(shipped_page.as_uri())
    empty = tab.locator(".empty")
    assert empty.is_hidden()
    tab.get_by_label("Étiquette").select_option(label="fondateurs")
    assert shown_ids(tab) == ["fondateurs-accompagnes-par-claude-lasnel"]
    tab.get_by_label("Pays").select_option(label="Maroc")
    assert shown_ids(tab) == []
    assert empty.is_visible()
    assert "Aucun événement ne correspond à ces filtres." in empty.inner_text()
    assert tab.locator("#imfhist_shown").text_content() == "0 événement affiché"
    empty.get_by_role("button", name="Afficher tous les événements").click()
    assert len(shown_ids(tab)) == 14 and empty.is_hidden()
    tab.wait_for_url(re.compile(r"page\.html$"))


def test_a_link_to_an_event_shows_and_opens_it(tab, shipped_page: Path) -> None:
    tab.goto(shipped_page.as_uri() + "#altermed")
    altermed = tab.locator("#altermed")
    assert altermed.locator("details").get_attribute("open") is not None
    assert altermed.locator(".details").is_visible()
    tab.wait_for_function("() => document.activeElement.localName === 'summary'")
    assert tab.evaluate("document.activeElement.closest('li').id") == "altermed"
    top = altermed.locator("summary").evaluate("s => s.getBoundingClientRect().top")
    assert 0 <= top < 450, "scrolled to the event (the last one: as far as the page goes)"
    # Linked while a filter hides it: the filter gives way.
    tab.goto(shipped_page.as_uri() + "#tag=fondateurs")
    assert shown_ids(tab) == ["fondateurs-accompagnes-par-claude-lasnel"]
    tab.evaluate("location.hash = 'micro-projets-tunisie'")
    # Functions, not expressions: the page's Content Security Policy forbids eval.
    tab.wait_for_function("() => getComputedStyle("
                          "document.getElementById('micro-projets-tunisie')).display !== 'none'")
    assert tab.locator("#micro-projets-tunisie details").get_attribute("open") is not None
    assert len(shown_ids(tab)) == 14
    assert tab.problems == []


def test_an_event_placed_by_relations_opens_on_its_link_and_says_why(tab, shipped_page: Path
                                                                     ) -> None:
    tab.goto(shipped_page.as_uri() + "#projet-far-annaba")
    far = tab.locator("#projet-far-annaba")
    assert far.locator("details").get_attribute("open") is not None
    tab.wait_for_function("() => document.activeElement.closest('li')?.id === "
                          "'projet-far-annaba'")
    assert far.locator(".when").inner_text() == "au plus tard en 2019"
    placement = far.locator(".placement")
    assert placement.is_visible()
    assert "cet événement a commencé avant" in placement.inner_text()
    assert placement.locator("blockquote").inner_text().startswith("Ce parcours nous a permis")
    # The event the link opened stands out in the accent colour, not in a warning's.
    summary = far.locator("summary")
    accent = tab.evaluate("getComputedStyle(document.querySelector('.imfhist'))"
                          ".getPropertyValue('--accent').trim()")
    assert accent == "#1f5ea8"
    assert summary.evaluate("s => getComputedStyle(s).boxShadow").startswith(
        "rgb(31, 94, 168)")
    # Its mark: a bracket at the end of 2019 and a short arrow toward the years before, not a
    # line across the decades: under 5 % of the axis, its right edge at 2020 on the scale.
    bound = far.locator(".bound.upper")
    box, scale = bound.bounding_box(), tab.locator(".scale").bounding_box()
    assert box and scale and box["width"] < scale["width"] * 0.05
    at_2020 = tab.locator(".tick", has_text="2020").bounding_box()
    assert at_2020 and abs(box["x"] + box["width"] - (at_2020["x"] + at_2020["width"] / 2)) < 3
    # The explanation's link leads to AlterMed, which opens in turn.
    placement.get_by_role("link", name="Le projet AlterMed sur l’entrepreneuriat collectif en "
                                       "Méditerranée").first.click()
    tab.wait_for_url(re.compile(r"#altermed$"))
    assert tab.locator("#altermed details").get_attribute("open") is not None
    assert tab.problems == []


def test_keyboard_alone_with_visible_focus(tab, shipped_page: Path) -> None:
    tab.goto(shipped_page.as_uri())
    focused = []
    for _ in range(4):
        tab.keyboard.press("Tab")
        focused.append(tab.evaluate(
            "(e => e.id || e.localName + (e.closest('li') ? '#' + e.closest('li').id : ''))"
            "(document.activeElement)"))
    # The source link, then the filters, then the first event.
    assert focused[1:] == ["imfhist_country", "imfhist_tag", "imfhist_text"]
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.closest('li').id") == (
        "reseau-partenarial-mediterranee")
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", "focus is visible"
    tab.keyboard.press("Enter")
    assert tab.locator("#reseau-partenarial-mediterranee details").get_attribute("open") == ""
    # Inside the open event: its source link, then its own link.
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('href')") == (
        "#reseau-partenarial-mediterranee")
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Space")
    assert tab.locator("#reseau-partenarial-mediterranee details").get_attribute("open") is None
    # A filter chosen with the keyboard.
    tab.locator("#imfhist_country").focus()
    tab.keyboard.press("ArrowDown")
    assert len(shown_ids(tab)) < 14


def test_print_opens_every_event_and_hides_the_controls(tab, shipped_page: Path) -> None:
    tab.goto(shipped_page.as_uri())
    tab.emulate_media(media="print")
    assert tab.locator(".filters").is_hidden()
    heights = tab.eval_on_selector_all(
        ".details", "ds => ds.map(d => d.getBoundingClientRect().height)")
    assert len(heights) == 14 and min(heights) > 20, "every event's details are printed"
    tab.emulate_media(media="screen")
    assert tab.locator(".filters").is_visible()
    assert tab.locator("#altermed .details").is_hidden()


def test_dark_mode_follows_the_system(tab, shipped_page: Path) -> None:
    tab.goto(shipped_page.as_uri())
    light = tab.evaluate("getComputedStyle(document.querySelector('.imfhist')).backgroundColor")
    tab.emulate_media(color_scheme="dark")
    dark = tab.evaluate("getComputedStyle(document.querySelector('.imfhist')).backgroundColor")
    assert light == "rgb(255, 255, 255)" and dark == "rgb(18, 21, 26)"


def axe_violations(page, context: str = "document") -> list[str]:  # type: ignore[no-untyped-def]
    page.add_script_tag(path=str(npm_package("axe-core") / "axe.min.js"))
    results = page.evaluate(f"axe.run({context}, {{resultTypes: ['violations']}})")
    return [f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            if isinstance(v["nodes"][0]["target"][0], str) else f"{v['id']}: {v['help']}"
            for v in results["violations"]]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation(browser, shipped_page: Path, width: int, scheme: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": WIDTHS[width]},
                            color_scheme=scheme)
    page.goto(shipped_page.as_uri())
    assert axe_violations(page) == [], "details closed"
    page.eval_on_selector_all("details", "ds => ds.forEach(d => { d.open = true; })")
    assert axe_violations(page) == [], "details open"
    page.close()


def test_screenshots(browser, shipped_page: Path) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, height in WIDTHS.items():
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": width, "height": height},
                                    color_scheme=scheme)
            page.goto(shipped_page.as_uri() + "#altermed")
            shot = SCREENSHOTS / f"page-{width}-{scheme}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.read_bytes().startswith(b"\x89PNG")
            page.close()
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(shipped_page.as_uri())
    page.emulate_media(media="print")
    page.screenshot(path=str(SCREENSHOTS / "page-print.png"), full_page=True)
    page.pdf(path=str(SCREENSHOTS / "page.pdf"), format="A4", print_background=True)
    page.close()
    assert (SCREENSHOTS / "page.pdf").read_bytes().startswith(b"%PDF")


def test_page_runs_no_script_from_the_data(run, tab, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    assert run("export", "--format", "html", "-o", page, "-f",
               hostile_timeline(tmp_path)).exit_code == 0
    tab.goto(page.as_uri())
    tab.eval_on_selector_all("details", "ds => ds.forEach(d => { d.open = true; })")
    tab.wait_for_timeout(200)
    assert tab.problems == [], "no alert, no error"
    titles = tab.locator(".title").all_text_contents()
    assert set(HOSTILE_TITLES[:2]) <= set(titles), "shown as text"
    assert tab.locator("script").count() == 1
    assert all(url.startswith("file:") for url in tab.requests)


def test_empty_and_undated_only_pages_load(run, tab, tmp_path: Path) -> None:
    path = write(tmp_path, "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
                 "  - {id: a, title: A, sources: [{ref: p, quote: q}]}\n")
    page = tmp_path / "undated.html"
    assert run("export", "--format", "html", "-o", page, "-f", path).exit_code == 0
    tab.goto(page.as_uri())
    assert tab.problems == [] and shown_ids(tab) == ["a"]
    assert tab.locator(".axis").is_visible()
    # The legend shows the one mark used: "undated", in words.
    assert tab.locator(".legend li").all_inner_texts() == [
        "undated: nothing in the source places it in time"]


# A theme as aggressive as themes get: global resets, !important everywhere, a small root font
# size, and class names that the page uses too.
THEME = """
html { font-size: 62.5%; }
body { font: 20px/3 "Comic Sans MS", cursive; color: #c00; background: #ffe;
  letter-spacing: .2em; text-transform: uppercase; word-spacing: 1em; text-align: center; }
* { box-sizing: content-box !important; }
h1, h2, h3 { font-size: 5rem !important; color: purple !important; margin: 3em 0 !important; }
ol, ul, li { margin: 2em !important; padding: 1em !important; list-style: square !important; }
details, summary { border: 4px solid lime !important; display: block !important; }
select, button, input { all: unset; background: pink !important; font-size: 30px !important; }
a { color: orange !important; text-decoration: none !important; }
div, section, p { padding: 10px !important; }
.title, .event, .bar, .axis, .filters, .imfhist, .details, .story { display: block !important;
  font-style: italic !important; color: green !important; }
.summary, .empty { display: block !important; }
imfhist-timeline { font-size: 30px; color: red; letter-spacing: 1em; }
"""
SITE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Historique – IMF</title><style>{theme}</style></head>
<body class="page-template-default page page-id-4398">
<header class="site-header"><p class="site-title"><a href="#">IMF</a></p></header>
<main id="main" class="site-main"><article class="page type-page">
<h1 class="entry-title title">Historique</h1>
<div class="entry-content" style="max-width: 760px; margin: 0 auto">
<p class="summary">Un paragraphe du site, avant l’historique.</p>
<ul class="events"><li class="event">Un élément de liste du site</li></ul>
<details class="details"><summary>Un détail du site</summary><p>Texte</p></details>
<!-- wp:html -->
{fragment}
<!-- /wp:html -->
<p class="empty">Un paragraphe du site, après l’historique.</p>
</div></article></main></body></html>"""

INSIDE = [".heading", ".counts", "label", "select", "li.event", "summary", ".label", ".when",
          ".title", ".track", ".axis", ".tick", ".details", "blockquote p", ".permalink a", ".bar"]
PROPERTIES = ["font-family", "font-size", "font-style", "font-weight", "line-height", "color",
              "letter-spacing", "word-spacing", "text-transform", "text-align", "box-sizing",
              "margin-top", "padding-left", "list-style-type", "border-top-width",
              "background-color", "display"]
OUTSIDE = ["body", "h1.entry-title", "p.summary", "li.event", "details.details", "summary",
           "p.empty", ".site-title a"]

STYLES = """([selectors, properties, inShadow]) => {
  const root = inShadow ? document.querySelector("imfhist-timeline").shadowRoot : document;
  const out = {};
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    if (!element) { out[selector] = null; continue; }
    if (selector !== "summary" && selector !== "li.event") {
      element.closest("details")?.setAttribute("open", "");
    }
    const style = getComputedStyle(element);
    out[selector] = Object.fromEntries(properties.map(p => [p, style.getPropertyValue(p)]));
  }
  return out;
}"""


def test_embed_keeps_its_styles_and_the_sites_apart(run, browser, tmp_path: Path) -> None:
    fragment = run("export", "--format", "html", "--embed").stdout
    plain = tmp_path / "plain.html"
    plain.write_text(SITE.format(theme="", fragment=fragment), encoding="utf-8")
    themed = tmp_path / "themed.html"
    themed.write_text(SITE.format(theme=THEME, fragment=fragment), encoding="utf-8")
    alone = tmp_path / "site-alone.html"
    alone.write_text(SITE.format(theme=THEME, fragment=""), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    # In: inside the site's aggressive theme, the page looks as it does in a plain site.
    page.goto(plain.as_uri())
    expected = page.evaluate(STYLES, [INSIDE, PROPERTIES, True])
    page.goto(themed.as_uri())
    inside = page.evaluate(STYLES, [INSIDE, PROPERTIES, True])
    assert all(expected[s] is not None for s in INSIDE)
    differences = {(s, p): (expected[s][p], inside[s][p]) for s in INSIDE for p in PROPERTIES
                   if expected[s][p] != inside[s][p]}
    assert differences == {}
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "embed-in-themed-site.png"), full_page=True)

    # Out: the site's own elements look the same with the page in it as without.
    outside = page.evaluate(STYLES, [OUTSIDE, PROPERTIES, False])
    page.goto(alone.as_uri())
    assert page.evaluate(STYLES, [OUTSIDE, PROPERTIES, False]) == outside

    # And it works there: filters, the count, a link to an event.
    page.goto(themed.as_uri() + "#altermed")
    host = page.locator("imfhist-timeline")
    assert host.locator("#altermed details").get_attribute("open") is not None
    host.get_by_label("Pays").select_option(label="Tunisie")
    assert host.locator("#imfhist_shown").text_content() == "3 événements affichés"
    page.wait_for_url(re.compile(r"#country=TN$"))
    assert problems == []
    page.close()


def test_embed_has_no_accessibility_violation(run, browser, tmp_path: Path) -> None:
    fragment = run("export", "--format", "html", "--embed").stdout
    site = tmp_path / "site.html"
    site.write_text(SITE.format(theme="", fragment=fragment), encoding="utf-8")
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": WIDTHS[width]})
        page.goto(site.as_uri())
        assert axe_violations(page, "'imfhist-timeline'") == []
        page.close()


def test_embed_without_declarative_shadow_dom(run, browser, tmp_path: Path) -> None:
    """Inserted by a script (as some page builders do), the declared shadow root is not built
    by the parser: the fragment's script builds it."""
    fragment = run("export", "--format", "html", "--embed").stdout
    markup, script = re.match(r"(.*</imfhist-timeline>)\s*<script>(.*)</script>", fragment,
                              re.S).groups()  # type: ignore[union-attr]
    page = browser.new_page()
    page.set_content("<!doctype html><html lang='fr'><body><div id='slot'></div></body></html>")
    page.evaluate("""([markup, script]) => {
      document.getElementById("slot").innerHTML = markup;
      const run = document.createElement("script");
      run.textContent = script;
      document.getElementById("slot").appendChild(run);
    }""", [markup, script])
    host = page.locator("imfhist-timeline")
    assert host.locator("li.event").count() == 14
    host.get_by_label("Étiquette").select_option(label="projet")
    assert host.locator("#imfhist_shown").text_content() == "3 événements affichés"
    page.close()


def test_a_long_history_is_cut_into_numbered_lists_that_filter_and_link(run, tab,
                                                                        tmp_path: Path) -> None:
    countries = ["Tunisie", "Maroc", "Algérie", "France"]
    lines = ["format: imfhist/1", "lang: fr", "sources: [{id: p, title: P}]", "events:"]
    for number in range(320):
        date = f"date: '{1990 + number % 30}', " if number % 3 else ""
        lines.append(f"  - {{id: e{number}, title: Événement {number}, {date}"
                     f"countries: [{countries[number % 4]}], sources: [{{ref: p, quote: q}}]}}")
    page = tmp_path / "long.html"
    assert run("export", "--format", "html", "-o", page, "-f",
               write(tmp_path, "\n".join(lines) + "\n")).exit_code == 0
    tab.goto(page.as_uri())
    starts = tab.eval_on_selector_all("ol.events",
                                      "ls => ls.map(l => [l.start, l.children.length])")
    # Numbered on from one list to the next, none longer than 50 (a decade's heading ends one).
    assert starts[0][0] == 1 and all(length <= 50 for _start, length in starts)
    assert all(start + length == following for (start, length), (following, _length)
               in itertools.pairwise(starts)), "numbered on"
    assert sum(length for _start, length in starts) == 320
    tab.get_by_label("Pays").select_option(label="Maroc")
    assert len(shown_ids(tab)) == 80
    assert tab.locator("#imfhist_shown").text_content() == "80 événements affichés"
    last = shown_ids(tab)[-1]
    tab.evaluate(f"location.hash = '{last}'")
    tab.wait_for_function("() => document.activeElement.localName === 'summary'")
    assert tab.evaluate("document.activeElement.closest('li').id") == last
    top = tab.locator(f"#{last} summary").evaluate("s => s.getBoundingClientRect().top")
    assert 0 <= top < 900
    assert tab.problems == []


def test_the_publishing_guides_filter_link_shows_events(tab, shipped_page: Path) -> None:
    guide = (Path(__file__).parent.parent / "docs" / "publishing.md").read_text(encoding="utf-8")
    found = re.search(r"historique\.html(#country=[^`]+)`", guide)
    assert found
    tab.goto(shipped_page.as_uri() + found.group(1))
    assert shown_ids(tab) == ["projet-far-annaba", "projet-nahda-13-tlemcen"]
    assert tab.problems == []


LABELS = """() => {
  const scale = document.querySelector(".scale").getBoundingClientRect();
  const labels = [...document.querySelectorAll(".tick")].filter(t => t.offsetParent)
    .map(t => { const b = t.getBoundingClientRect(); return {year: t.textContent,
      left: b.left, right: b.right, middle: (b.left + b.right) / 2}; });
  const track = document.querySelector(".track");
  const style = getComputedStyle(track);
  const offset = parseFloat(style.getPropertyValue("--grid-offset"));
  const step = parseFloat(style.getPropertyValue("--grid-step"));
  const box = track.getBoundingClientRect();
  const lines = [];
  for (let at = offset; at < 100 - 0.01; at += step) {
    lines.push(box.left + box.width * at / 100);
  }
  return {scale: [scale.left, scale.right], track: [box.left, box.right], labels, lines};
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_axis_labels_every_grid_line_and_none_overlap(browser, shipped_page: Path,
                                                      width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": WIDTHS[width]})
    page.goto(shipped_page.as_uri())
    found = page.evaluate(LABELS)
    labels, lines = found["labels"], found["lines"]
    assert len(labels) >= 3 and lines
    for before, after in itertools.pairwise(labels):
        assert before["right"] + 4 <= after["left"], (before, after)
    left, right = found["scale"]
    assert all(left - 0.5 <= label["left"] and label["right"] <= right + 0.5 for label in labels)
    assert found["scale"] == found["track"], "the axis stands over the tracks"
    for line in lines:  # a grid line is 1 px wide, ending at its position
        assert any(abs(label["middle"] - (line - 0.5)) < 1.5 for label in labels), (line, labels)
    # Every mark inside the frame of its track.
    outside = page.eval_on_selector_all(".track", """ts => ts.flatMap(t => {
      const box = t.getBoundingClientRect();
      return [...t.querySelectorAll(".mark")].map(m => m.getBoundingClientRect())
        .filter(m => m.left < box.left - 0.5 || m.right > box.right + 0.5); })""")
    assert outside == []
    page.close()


def test_the_first_event_shows_on_a_phone_without_scrolling(browser, shipped_page: Path
                                                            ) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(shipped_page.as_uri())
    first = page.locator("li.event summary").first.bounding_box()
    assert first and first["y"] + first["height"] <= 844
    # The legend is folded into one line that opens it.
    key = page.locator(".key")
    assert key.locator(".legend").is_hidden()
    key.locator("summary").click()
    assert key.locator(".legend").is_visible()
    page.close()


def test_embed_takes_theme_title_and_the_sites_accent_and_font(run, browser,
                                                               tmp_path: Path) -> None:
    site = tmp_path / "site.html"
    styled = ("<style>imfhist-timeline { --imfhist-accent: #8a1538; "
              "--imfhist-font: Georgia, serif; }</style>")

    def open_with(*options: str, css: str = ""):  # type: ignore[no-untyped-def]
        fragment = run("export", "--format", "html", "--embed", *options).stdout
        site.write_text(SITE.format(theme="", fragment=css + fragment), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
        page.goto(site.as_uri())
        return page, page.locator("imfhist-timeline")

    # Light by default, even for a reader in dark mode: the site's page is seldom dark.
    page, host = open_with()
    assert host.locator(".imfhist").evaluate("e => getComputedStyle(e).backgroundColor") == (
        "rgb(255, 255, 255)")
    assert host.locator("h2.heading").count() == 1
    page.close()
    page, host = open_with("--theme", "dark", "--no-title", css=styled)
    root = host.locator(".imfhist")
    assert root.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(18, 21, 26)"
    assert host.locator(".heading").count() == 0
    assert root.get_attribute("aria-label") == (
        "Historique de la mission de coopération internationale de l’IMF")
    assert "Georgia" in root.evaluate("e => getComputedStyle(e).fontFamily")
    page.close()
    page, host = open_with("--theme", "light", css=styled)
    bar = host.locator("#altermed .bar")
    assert bar.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(138, 21, 56)"
    assert axe_violations(page, "'imfhist-timeline'") == []
    page.close()


def test_a_link_published_before_a_rename_still_opens_the_event(run, tab, timeline_copy: Path,
                                                                 tmp_path: Path) -> None:
    assert run("rename", "-f", timeline_copy, "altermed", "altermed-2019").exit_code == 0
    page = tmp_path / "renamed.html"
    assert run("export", "-f", timeline_copy, "-o", page).exit_code == 0
    tab.goto(page.as_uri() + "#altermed")
    renamed = tab.locator("#altermed-2019")
    assert renamed.locator("details").get_attribute("open") is not None
    assert renamed.locator(".details").is_visible()
    assert tab.problems == []


def _long_history(tmp_path: Path, count: int, first: int = 1950, years: int = 60) -> Path:
    """A history of `count` events over `years` years, every seventh undated and every
    eleventh placed only by a relation, with titles, summaries and quotes to search."""
    lines = ["format: imfhist/1", "lang: fr", "sources: [{id: p, title: P}]", "events:"]
    for number in range(count):
        if number % 7 == 3:
            date = ""
        elif number % 11 == 5:
            date = f"relations: [{{after: e{number - 1}}}], "
        else:
            date = f"date: '{first + number * years // count}', "
        summary = "Un café à Tunis" if number % 50 == 0 else "Rien"
        quote = "l'Économie sociale" if number % 40 == 1 else "q"
        lines.append(f"  - {{id: e{number}, title: Événement {number}, summary: {summary}, "
                     f"{date}countries: [{['Tunisie', 'Maroc'][number % 2]}], "
                     f"sources: [{{ref: p, quote: \"{quote}\"}}]}}")
    return write(tmp_path, "\n".join(lines) + "\n")


def test_a_long_history_has_a_heading_for_each_decade_in_order(run, tab, tmp_path: Path
                                                                ) -> None:
    page = tmp_path / "long.html"
    assert run("export", "--format", "html", "-o", page, "-f",
               _long_history(tmp_path, 300)).exit_code == 0
    tab.goto(page.as_uri())
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "page-300-events.png"))  # its first screen, to look at
    headings = tab.locator("main h3.era-heading").all_text_contents()
    assert headings == [f"Années {decade}" for decade in range(1950, 2010, 10)]
    # Each event is under the heading of the decade it starts in, in the story's order.
    rows = tab.eval_on_selector_all(
        ".era", "ps => ps.map(p => [p.querySelector('h3') && p.querySelector('h3')"
                   ".textContent, Array.from(p.querySelectorAll('time[datetime]'))"
                   ".map(t => t.getAttribute('datetime'))])")
    for heading, dates in rows:
        decade = int(heading.removeprefix("Années "))
        assert dates and all(decade <= int(d[:4]) < decade + 10 for d in dates), heading
    assert tab.locator("li.event").count() == 300
    assert axe_violations(tab) == []
    # A filter that leaves a decade empty hides its heading.
    tab.get_by_label("Mots à chercher").fill("cafe a tunis")
    assert shown_ids(tab) == ["e0", "e50", "e100", "e150", "e200", "e250"]
    # (e150 has no date: the story tells it where the file does, under the heading before it.)
    periods = tab.eval_on_selector_all(
        ".era", "ps => ps.map(p => [!p.hidden, Array.from(p.querySelectorAll('li.event'))"
                   ".some(i => getComputedStyle(i).display !== 'none')])")
    assert all(shown == holds for shown, holds in periods)
    assert 0 < sum(shown for shown, _holds in periods) < len(periods)
    tab.get_by_label("Pays").select_option(label="Maroc")
    assert tab.locator("h3.era-heading:visible").count() == 0
    assert tab.locator(".empty").is_visible()
    assert tab.problems == []


def test_a_short_span_has_a_heading_for_each_year(run, tab, tmp_path: Path) -> None:
    page = tmp_path / "years.html"
    assert run("export", "--format", "html", "-o", page, "-f",
               _long_history(tmp_path, 40, 2010, 5)).exit_code == 0
    tab.goto(page.as_uri())
    assert tab.locator("h3.era-heading").all_text_contents() == [
        str(year) for year in range(2010, 2015)]


def test_the_imf_page_has_no_period_heading(tab, shipped_page: Path) -> None:
    tab.goto(shipped_page.as_uri())
    assert tab.locator(".era-heading").count() == 0
    assert tab.locator("main > ol.events > li.event").count() == 14


def test_the_search_narrows_the_list_and_is_kept_in_the_address(tab, shipped_page: Path,
                                                                 browser) -> None:
    tab.goto(shipped_page.as_uri())
    search = tab.get_by_label("Mots à chercher")
    # Case and accents aside, every word in the title, the summary or a quote.
    search.fill("ECONOMIE solidaire")
    assert shown_ids(tab) == ["altermed"]
    assert tab.locator("#imfhist_shown").text_content() == "1 événement affiché"
    tab.wait_for_url(re.compile(r"#text=ECONOMIE%20solidaire$"))
    tab.reload()
    assert tab.get_by_label("Mots à chercher").input_value() == "ECONOMIE solidaire"
    assert shown_ids(tab) == ["altermed"]
    # Combined with the other filters, in one shared address.
    search = tab.get_by_label("Mots à chercher")
    search.fill("pcpa")
    every = shown_ids(tab)
    assert 1 < len(every) < 14
    tab.get_by_label("Pays").select_option(label="Tunisie")
    both = shown_ids(tab)
    assert both and set(both) < set(every)
    tab.wait_for_url(re.compile(r"#country=TN&text=pcpa$"))
    other = browser.new_page()
    other.goto(tab.url)
    assert shown_ids(other) == both
    other.close()
    # Nothing found: the page says so, and its button shows everything again.
    search.fill("zzzz introuvable")
    assert shown_ids(tab) == [] and tab.locator(".empty").is_visible()
    tab.locator(".empty").get_by_role("button", name="Afficher tous les événements").click()
    assert len(shown_ids(tab)) == 14 and search.input_value() == ""
    tab.wait_for_url(re.compile(r"page\.html$"))
    # The keyboard reaches it from the country and tag filters.
    tab.get_by_label("Étiquette").focus()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "imfhist_text"
    tab.keyboard.type("maroc")
    assert 0 < len(shown_ids(tab)) < 14
    assert axe_violations(tab) == []
    assert tab.problems == []


@pytest.mark.parametrize("words", ["pcpa", "maroc", "ÉCONOMIE", "l'imf", "entraide nationale"])
def test_the_search_finds_what_filter_text_finds(run, tab, shipped_page: Path, words: str
                                                 ) -> None:
    import json

    result = run("filter", "--text", words, "--format", "json")
    assert result.exit_code == 0, result.output
    expected = [event["id"] for event in json.loads(result.output)]
    tab.goto(shipped_page.as_uri())
    tab.get_by_label("Mots à chercher").fill(words)
    assert shown_ids(tab) == expected
