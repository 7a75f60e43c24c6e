"""The html page as text: its language, its typography, the order of its story, its anchors, its
introduction and the embeddable fragment. How it behaves in a browser: test_browser_page.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from conftest import write
from imfhist.publishing.exports.page.typography import french
from test_chronology import systems

# The shipped timeline in the order its source tells it (the order of the file).
SOURCE_ORDER = [
    "reseau-partenarial-mediterranee", "fondateurs-accompagnes-par-claude-lasnel",
    "echanges-interculturels", "projet-educatif-quartiers-marseille", "pcpa-mis-en-place",
    "imf-participe-aux-pcpa", "mission-internationale-structuree", "projet-far-annaba",
    "projet-nahda-13-tlemcen", "cooperation-entraide-nationale", "micro-projets-tunisie",
    "cooperations-formation-travail-social", "capitalisation-pcpa-maroc-tunisie", "altermed",
]


class Visible(HTMLParser):
    """What a reader sees: text outside script, style and template markup, and element ids."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.event_ids: list[str] = []
        self.attributes: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attributes.append((tag, found))
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "li" and "event" in (found.get("class") or "").split():
            self.event_ids.append(found["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.text.append(data.strip())


def read(page: str) -> Visible:
    parser = Visible()
    parser.feed(page)
    return parser


def test_the_page_speaks_the_timelines_language(run) -> None:
    page = run("export", "--format", "html").stdout  # the interface speaks English here
    assert '<html lang="fr">' in page
    seen = read(page)
    text = " ".join(seen.text)
    for french_word in ("Pays", "Étiquette", "Tous les pays", "Toutes les étiquettes",
                        "14 événements affichés", "Réalisé avec imfhist."):
        assert french_word in text
    for english_word in ("Country", "All", "Undated", "Made with", "shown", "period"):
        assert english_word not in text


def test_lang_option_gives_the_pages_words_another_language(run) -> None:
    page = run("export", "--format", "html", "--lang", "en").stdout
    assert '<html lang="en">' in page
    text = " ".join(read(page).text)
    assert "All countries" in text and "14 events shown" in text
    # The timeline's own texts keep their language, for screen readers and hyphenation.
    assert '<h1 class="heading" id="imfhist_title" lang="fr">' in page
    assert re.search(r'<span class="title" lang="fr">Le projet AlterMed', page)


def test_no_raw_edtf_where_a_reader_looks(run) -> None:
    seen = read(run("export", "--format", "html").stdout)
    text = "\n".join(seen.text)
    for edtf in ("2002/", "2004/", "2019/2021", "..", "(2004"):
        assert edtf not in text
    assert "dès 2004" in text and "2019–2021" in text and "à partir de 2002" in text
    machine = {(tag, a.get("datetime"), a.get("data-edtf")) for tag, a in seen.attributes
               if "datetime" in a or "data-edtf" in a}
    assert ("time", "2019", None) in machine and ("li", None, "2019/2021") in machine


def test_french_typography() -> None:
    assert french("Source : la page") == "Source\u00a0: la page"
    assert french("Sources: a; b") == "Sources\u00a0: a\u202f; b"
    assert french('il dit "oui" !') == "il dit «\u00a0oui\u00a0»\u202f!"
    assert french("vers 2004 ?") == "vers 2004\u202f?"
    assert french("?–2004") == "?–2004", "a lone mark before a date stays"
    assert french("12:30 https://x.org") == "12:30 https://x.org"


def test_the_page_uses_french_typography(run) -> None:
    page = run("export", "--format", "html").stdout
    assert "Source\u00a0: " in page
    assert "4 sans date. Les dates vont de 2002 à 2021." in page


def test_every_french_string_of_the_page_is_typeset(run, tmp_path: Path) -> None:
    """No high punctuation without its no-break space, in the page's words or the data's,
    wherever they come from (the sources' list, the explanations, the legend)."""
    path = write(tmp_path, """\
format: imfhist/1
lang: fr
sources: [{id: p, title: La page, publisher: IMF}, {id: q, title: L’IMF, publisher: Autre}]
events:
  - {id: a, title: A, date: '2004', sources: [{ref: p, quote: q}]}
  - {id: b, title: B, sources: [{ref: q, quote: r}],
     relations: [{starts_before: a, ref: q, quote: r}]}
""")
    for page in (run("export", "--format", "html").stdout,
                 run("export", "--format", "html", "-f", path).stdout):
        text = plain(page.split("<body>")[1].split("<script>")[0])
        assert not re.findall(r"\S.{0,12}(?<![\u00a0\u202f])[;:?!](?!//)", text), "spaced"
    assert "IMF\u202f; " in run("export", "--format", "html", "-f", path).stdout


def test_the_story_follows_the_source(run) -> None:
    seen = read(run("export", "--format", "html").stdout)
    assert seen.event_ids == SOURCE_ORDER


def test_a_selection_keeps_the_order_of_the_source(run) -> None:
    seen = read(run("export", "--format", "html", "--tag", "projet").stdout)
    assert seen.event_ids == ["projet-far-annaba", "projet-nahda-13-tlemcen", "altermed"]


def plain(markup: str) -> str:
    """The text of a piece of the page, its spaces kept (its paragraphs run together)."""
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", markup))


def test_the_page_and_list_tell_the_same_story(run, tmp_path: Path) -> None:
    """One order for both: here the file tells "told-late" after AlterMed, though it started
    before it, and "after" follows AlterMed, with nothing to date it."""
    path = write(tmp_path, """\
format: imfhist/1
lang: fr
sources: [{id: p, title: P}]
events:
  - {id: far, title: FAR, relations: [{starts_before: altermed, ref: p, quote: q}],
     sources: [{ref: p, quote: q}]}
  - {id: early, title: Early, date: '2004', sources: [{ref: p, quote: q}]}
  - {id: altermed, title: AlterMed, date: 2019/2021, sources: [{ref: p, quote: q}]}
  - {id: after, title: After, sources: [{ref: p, quote: q}]}
  - {id: told-late, title: Told late, relations: [{starts_before: altermed, ref: p, quote: q}],
     sources: [{ref: p, quote: q}]}
""")
    listed = [line.split(",")[0] for line in
              run("list", "-f", path, "--format", "csv").stdout.splitlines()[1:]]
    assert listed == ["far", "early", "told-late", "altermed", "after"]
    assert read(run("export", "--format", "html", "-f", path).stdout).event_ids == listed
    shipped = [line.split(",")[0] for line in
               run("list", "--format", "csv").stdout.splitlines()[1:]]
    assert shipped == SOURCE_ORDER


@settings(max_examples=60, deadline=None)
@given(systems())
def test_the_page_never_tells_an_event_after_one_it_starts_no_later_than(
        events: list[dict[str, Any]]) -> None:
    from imfhist.publishing.exports import ExportOptions
    from imfhist.publishing.exports.html import export
    from imfhist.timeline.chronology import derive
    from test_chronology import _starts_no_later, timeline_of

    timeline = timeline_of(events)
    page = export(list(reversed(timeline.events)), timeline, ExportOptions()).text
    shown = read(page).event_ids
    chronology = derive(timeline)
    assert shown == [e.id.value for e in chronology.story_order(timeline.events)]
    if chronology.cycles:
        return
    for first, then in _starts_no_later(timeline):
        assert shown.index(first) < shown.index(then), (first, then)


def test_relation_placed_events_are_worded_and_explained(run) -> None:
    page = run("export", "--format", "html").stdout
    far = re.search(r'<li class="event[^"]*" id="projet-far-annaba".*?</li>', page, re.S)
    assert far
    label = re.search(r'<summary>(.*?)</summary>', far.group()).group(1)
    assert '<span class="when">au plus tard en 2019</span>' in label
    assert "<time" not in label, "a derived bound is no date for machines"
    placement = re.search(r'<div class="placement">(.*?)</div>', far.group()).group(1)
    text = plain(placement)
    # In plain words: the bound, what places it, the other event with its date, the source.
    assert ("Au plus tard en 2019\u00a0: cet événement a commencé avant «\u00a0Le projet "
            "AlterMed sur l’entrepreneuriat collectif en Méditerranée\u00a0» (2019–2021), "
            "d’après la source\u00a0:" in text)
    assert "Ce parcours nous a permis notamment de co-construire" in text
    assert "est daté" not in text and "\u00a0»\u00a0: 2019–2021" not in text, "said once"
    assert '<a href="#altermed">' in placement
    # Through the PCPA, which the IMF joined "dès 2004", as the page says it.
    capitalisation = re.search(
        r'id="capitalisation-pcpa-maroc-tunisie".*?<div class="placement">(.*?)</div>', page)
    assert capitalisation
    text = plain(capitalisation.group(1))
    assert text.startswith("Pas avant 2004\u00a0: cet événement s’est déroulé pendant «")
    assert "dynamiques qui en sont issues\u00a0» (dès 2004)" in text
    assert "Au plus tard en 2019\u00a0: " in text
    # A dated event, or one that nothing places, explains nothing.
    for ident in ("altermed", "reseau-partenarial-mediterranee"):
        item = re.search(rf'id="{ident}".*?</li>', page)
        assert item and "placement" not in item.group()


def test_explanations_show_the_data_as_text(run, tmp_path: Path) -> None:
    path = write(tmp_path, """\
format: imfhist/1
sources: [{id: p, title: "<b>P</b>", url: "javascript:alert(1)"}]
events:
  - {id: a, title: "<script>alert(1)</script>", date: '2010', sources: [{ref: p, quote: q}]}
  - id: b
    title: B
    relations: [{starts_before: a, ref: p, quote: "<img src=x onerror=alert(1)>"}]
    sources: [{ref: p, quote: q}]
""")
    page = run("export", "--format", "html", "-f", path).stdout
    placement = re.search(r'<div class="placement">(.*?)</div>', page)
    assert placement
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in placement.group(1)
    assert '<a href="#a">&lt;script&gt;alert(1)&lt;/script&gt;</a>' in placement.group(1)
    assert "javascript:" not in page and "&lt;b&gt;P&lt;/b&gt;" in placement.group(1)


def test_relation_placed_events_are_drawn_as_spans_with_their_legend(run, tmp_path: Path
                                                                    ) -> None:
    page = run("export", "--format", "html").stdout

    def track(ident: str) -> str:
        found = re.search(rf'id="{ident}".*?<span class="track" aria-hidden="true">(.*?)'
                          r"</span></summary>", page)
        assert found
        return found.group(1)

    # A bracket at the end of 2019 (80 % of an axis from 2000 to 2025), with an arrow toward
    # the years before: no line across the decades that nothing bounds.
    assert track("projet-far-annaba") == (
        '<span class="mark bound upper" style="left:max(0px,calc(80.01% - var(--bound)))">'
        "</span>")
    # From 2004 to the end of 2019, both ends known: a bracket at each.
    assert re.fullmatch(r'<span class="mark between" style="left:16\.00%;width:64\.01%">'
                        r"</span>", track("capitalisation-pcpa-maroc-tunisie"))
    # Nothing places it: a quiet band, and "sans date" in words where the date says otherwise.
    assert track("mission-internationale-structuree") == (
        '<span class="mark unplaced"><span class="unplaced-words">sans date</span></span>')
    assert 'class="mark bar period' in track("altermed")
    legend = re.search(r'<ul class="legend".*?</ul>', page)
    assert legend and "a commencé au plus tard à cette date" in legend.group()
    assert "a commencé entre ces dates" in legend.group() and "a pris fin" not in legend.group()
    # Only an end bounded: its own wording in the legend.
    path = write(tmp_path, "format: imfhist/1\nlang: en\nsources: [{id: p, title: P}]\n"
                 "events:\n  - {id: a, title: A, date: '2010', sources: [{ref: p, quote: q}]}\n"
                 "  - {id: b, title: B, relations: [{ends_after: a, ref: p, quote: q}],"
                 " sources: [{ref: p, quote: q}]}\n")
    other = run("export", "--format", "html", "-f", path).stdout
    legend = re.search(r'<ul class="legend".*?</ul>', other)
    assert legend and "ended no earlier than this date" in legend.group()
    assert "began" not in legend.group()
    assert '<span class="mark bound lower"' in other
    # Without relations, no such mark, and the legend does not speak of it.
    path = write(tmp_path, "format: imfhist/1\nlang: en\nsources: [{id: p, title: P}]\n"
                 "events:\n  - {id: a, title: A, date: '2010', sources: [{ref: p, quote: q}]}\n"
                 "  - {id: b, title: B, sources: [{ref: p, quote: q}]}\n")
    plain = run("export", "--format", "html", "-f", path).stdout
    assert "bound" not in plain.split("</style>")[1]


def test_each_event_is_its_own_anchor_and_has_a_link(run) -> None:
    page = run("export", "--format", "html").stdout
    assert re.search(r'<li class="event[^"]*" id="altermed"', page)
    assert '<a href="#altermed">Lien vers cet événement</a>' in page
    assert 'id="event-' not in page


def test_introduction_has_description_sources_and_counts(run, tmp_path: Path) -> None:
    path = write(tmp_path, "format: imfhist/1\ntitle: T\nlang: en\n"
                 "description: A short history, told by its sources.\n"
                 "sources:\n  - {id: p, title: The page, url: 'https://example.org/p',"
                 " publisher: Org}\n  - {id: q, title: Unused}\n"
                 "events:\n  - {id: a, title: A, date: '2004', sources: [{ref: p, quote: q}]}\n"
                 "  - {id: b, title: B, sources: [{ref: p, quote: q}]}\n")
    page = run("export", "--format", "html", "-f", path).stdout
    assert '<p class="description">A short history, told by its sources.</p>' in page
    assert ('Source: <a href="https://example.org/p" rel="noopener noreferrer">The page</a>, Org'
            in page)
    assert "Unused" not in page, "only the sources the events quote"
    assert '<p class="counts">2 events, 1 dated, 1 undated. The dates are in 2004.</p>' in page
    # Without a description, the counts are the introduction's prose.
    bare = run("export", "--format", "html").stdout
    assert ('<p class="counts lead">14 événements, 3 datés, 7 placés par leurs relations, '
            "4 sans date. Les dates vont de 2002 à 2021.</p>") in bare
    assert "No event matches these filters." in page
    json_export = run("export", "--format", "json", "-f", path).stdout
    assert '"description": "A short history, told by its sources."' in json_export


def test_legend_shows_only_the_marks_used(run, tmp_path: Path) -> None:
    page = run("export", "--format", "html").stdout
    legend = re.search(r'<ul class="legend".*?</ul>', page)
    assert legend
    assert "une période" in legend.group() and "se poursuit" in legend.group()
    for unused in ("approximative", "incertaine", "une date<", "début est inconnu"):
        assert unused not in legend.group()
    path = write(tmp_path, "format: imfhist/1\nlang: en\nsources: [{id: p, title: P}]\nevents:\n"
                 "  - {id: a, title: A, date: 2004~, sources: [{ref: p, quote: q}]}\n")
    legend = re.search(r'<ul class="legend".*?</ul>',
                       run("export", "--format", "html", "-f", path).stdout)
    assert legend and "approximate" in legend.group() and "a date<" in legend.group()
    assert "a period" not in legend.group()


def test_axis_is_labelled_from_the_first_to_the_last_year(run) -> None:
    page = run("export", "--format", "html").stdout
    axis = re.search(r'<div class="axis".*?</div>', page)
    assert axis
    # From a round year to a round year, a label at every grid line: every 5 years on a wide
    # track, every 10 on a narrow one (the others are marked `fine`).
    labels = re.findall(r'<span class="([^"]*)" style="left:([\d.]+)%">(\d{4})<', axis.group())
    assert [year for _c, _l, year in labels] == ["2000", "2005", "2010", "2015", "2020", "2025"]
    assert [year for c, _l, year in labels if "fine" not in c] == ["2000", "2010", "2020"]
    assert [float(left) for _c, left, _y in labels] == [0, 20, 40, 60, 80, 100]
    assert re.search(r"--fine-offset:20\.000%;--fine-step:20\.000%;"
                     r"--coarse-offset:40\.000%;--coarse-step:40\.000%", page)


@pytest.mark.parametrize(("first", "last", "step", "coarse"), [
    (2002, 2022, 5, 10), (2019, 2020, 1, 1), (1990, 2020, 5, 10), (1901, 2000, 25, 25),
    (-500, 1500, 500, 500), (1, 10**9, 250_000_000, 250_000_000)])
def test_axis_steps_are_round_and_few(first: int, last: int, step: int, coarse: int) -> None:
    from imfhist.publishing.exports.html import NARROW_PARTS, WIDE_PARTS, _Scale

    scale = _Scale(first, last)
    assert (scale.step, scale.coarse) == (step, coarse)
    assert scale.start <= first and scale.stop >= last
    assert (scale.stop - scale.start) / scale.step <= WIDE_PARTS
    assert (scale.stop - scale.start) / scale.coarse <= NARROW_PARTS + 1


def test_embed_is_a_fragment_in_a_shadow_root(run) -> None:
    fragment = run("export", "--format", "html", "--embed").stdout
    assert not fragment.lstrip().startswith("<!doctype")
    assert not re.search(r"<(html|head|body)[\s>]", fragment)
    assert '<imfhist-timeline lang="fr"' in fragment
    assert '<template shadowrootmode="open">' in fragment
    assert "<main" not in fragment, "the site's page has its own main region"
    assert "<h1" not in fragment and '<h2 class="heading"' in fragment, "and its own h1"
    assert "rem;" not in fragment.split("</style>")[0], "sizes do not follow the site's root"


@pytest.mark.parametrize("other", ["json", "csv", "markdown", "timelinejs"])
def test_embed_is_for_html_only(run, other: str) -> None:
    result = run("export", "--format", other, "--embed")
    assert result.exit_code == 2
    assert "--embed applies to --format html only" in result.stderr


def test_publishing_guide_commands_run(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    """The commands docs/publishing.md gives, as a reader would type them."""
    import shlex

    from conftest import REPO

    guide = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    commands = [line.split("  #")[0].strip()
                for block in re.findall(r"```sh\n(.*?)```", guide, re.S)
                for line in block.splitlines() if line.startswith("imfhist ")]
    assert len(commands) >= 3
    monkeypatch.chdir(tmp_path)
    for command in commands:
        arguments = shlex.split(command)[1:]
        if ">" in arguments:
            arguments = arguments[:arguments.index(">")]
        result = run(*arguments)
        assert result.exit_code == 0, (command, result.output)
    assert {"historique.html", "historique-bloc.html"} <= {p.name for p in tmp_path.iterdir()}
    assert "<imfhist-timeline" in (tmp_path / "historique-bloc.html").read_text(encoding="utf-8")


def test_speaking_translates_inside_the_block_only() -> None:
    from imfhist.common import i18n

    assert i18n.language() == "en"
    with i18n.speaking("fr"):
        assert i18n._("All countries") == "Tous les pays" and i18n.language() == "fr"
    assert i18n._("All countries") == "All countries" and i18n.language() == "en"


def test_lang_given_before_the_command_counts_too(run) -> None:
    page = run("--lang", "en", "export", "--format", "html").stdout
    assert '<html lang="en">' in page and "All countries" in page


def test_embed_escapes_the_data_as_the_page_does(run, tmp_path: Path) -> None:
    from test_exports import HOSTILE_TITLES, hostile_timeline

    fragment = run("export", "--format", "html", "--embed", "-f",
                   hostile_timeline(tmp_path)).stdout
    assert "<script>alert(1)</script>" not in fragment and "<img" not in fragment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment
    assert fragment.count("<script>") == 1, "the fragment's own, only"
    assert fragment.count('<li class="event') == len(HOSTILE_TITLES)


def _chain(tmp_path: Path, kind: str, count: int) -> Path:
    """A timeline of `count` events, each but the first placed by `kind` against the one
    before it."""
    lines = ["format: imfhist/1", "lang: en", "sources: [{id: page, title: Page}]", "events:",
             "  - {id: e0, title: E0, date: 2001, sources: [{ref: page, quote: x}]}"]
    lines += [f"  - {{id: e{i}, title: E{i}, relations: [{{{kind}: e{i - 1}, ref: page, "
              f"quote: q{i}}}], sources: [{{ref: page, quote: x}}]}}" for i in range(1, count)]
    return write(tmp_path, "\n".join(lines) + "\n")


@pytest.mark.parametrize("kind", ["starts_after", "during"])
def test_the_page_explains_a_chain_without_walking_it_for_every_event(
        run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """On a chain, each event's bound goes back through every event before it: the page
    explains it in its first and last steps, and reads each step of the chain a few times in
    all, not once for every event after it (which made 20,000 events take minutes)."""
    from imfhist.timeline.chronology import Reason

    count = 400
    path = _chain(tmp_path, kind, count)
    reads = [0]
    via = Reason.via

    def counted(self: Reason) -> Reason | None:
        reads[0] += 1
        return via.__get__(self)

    monkeypatch.setattr(Reason, "via", property(counted))
    page = run("export", "--format", "html", "-f", path).stdout
    monkeypatch.undo()
    assert reads[0] < 30 * count, reads[0]
    last = re.search(rf'id="e{count - 1}".*?<div class="placement">(.*?)</div>', page)
    assert last
    text = plain(last.group(1))
    assert text.startswith("Not before 2001: this event ")
    assert f"… {count - 6} more steps …" in text
    assert "“E1” " in text and "“E0” (2001)" in text
    # A relation that a bound comes from is explained with it, not a second time alone.
    assert text.count(f"q{count - 1}") == (2 if kind == "during" else 1)
    assert ("By 2001: this event" in text) == (kind == "during")


@pytest.mark.parametrize("option", [["--theme", "dark"], ["--no-title"]])
def test_page_options_are_for_html_only(run, option: list[str]) -> None:
    result = run("export", "--format", "json", *option)
    assert result.exit_code == 2
    assert f"{option[0]} applies to --format html only" in result.stderr


def test_theme_and_title_options(run) -> None:
    page = run("export", "--format", "html").stdout
    assert 'data-theme="auto"' in page and '<meta name="color-scheme" content="light dark">' in page
    fragment = run("export", "--format", "html", "--embed").stdout
    assert 'data-theme="light"' in fragment and '<h2 class="heading"' in fragment
    dark = run("export", "--format", "html", "--theme", "dark", "--no-title").stdout
    assert 'data-theme="dark"' in dark and '<meta name="color-scheme" content="dark">' in dark
    assert 'class="heading"' not in dark and "<title>Historique" in dark


def _eras(page: str) -> list[tuple[str, list[str]]]:
    """The page's periods: each heading (or "" before the first) with the ids of its events."""
    return [(heading, re.findall(r'<li class="event[^"]*" id="([^"]+)"', body))
            for heading, body in re.findall(
                r'<div class="era">(?:<h3 class="era-heading">([^<]*)</h3>)?(.*?)</div>'
                r'(?=<div class="era">|\s*<div class="empty")', page, flags=re.S)]


def test_a_short_page_has_no_period_headings(run) -> None:
    page = run("export", "--format", "html").output
    assert 'class="era-heading"' not in page and page.count('<ol class="events">') == 1


def test_a_longer_page_has_a_heading_per_decade_in_story_order(run, tmp_path: Path) -> None:
    # 1975 to 1999, e10 placed by a relation after e9 (1984), e20 undated.
    lines = ["format: imfhist/1", "lang: fr", "sources: [{id: p, title: P}]", "events:"]
    for number in range(25):
        when = {10: "relations: [{after: e9}], ", 20: ""}.get(
            number, f"date: '{1975 + number}', ")
        lines.append(f"  - {{id: e{number}, title: T{number}, {when}"
                     f"sources: [{{ref: p, quote: q}}]}}")
    page = run("export", "--format", "html", "-f",
               write(tmp_path, "\n".join(lines) + "\n")).output
    eras = _eras(page)
    assert [heading for heading, _ids in eras] == ["Années 1970", "Années 1980", "Années 1990"]
    assert sum(len(ids) for _heading, ids in eras) == 25
    by_id = {i: heading for heading, ids in eras for i in ids}
    assert by_id["e4"] == "Années 1970" and by_id["e5"] == "Années 1980"
    assert by_id["e10"] == "Années 1980", "under the decade of its earliest possible start"
    # The lists are numbered on across the headings.
    starts = [int(s) for s in re.findall(r'<ol class="events" start="(\d+)"', page)]
    assert starts == [1, 1 + len(eras[0][1]), 1 + len(eras[0][1]) + len(eras[1][1])]
    # Twenty events or fewer: one list, as before.
    short = run("export", "--format", "html", "-f",
                write(tmp_path, "\n".join(lines[:24]) + "\n")).output
    assert 'class="era-heading"' not in short
    # A page embedded in a site's page, whose story heading is an h3, has h4 periods.
    embedded = run("export", "--format", "html", "--embed", "-f",
                   write(tmp_path, "\n".join(lines) + "\n")).output
    assert embedded.count('<h4 class="era-heading">') == 3
