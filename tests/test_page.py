"""The html page as text: its language, its typography, the order of its story, its anchors, its
introduction and the embeddable fragment. How it behaves in a browser: test_browser_page.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write
from imfhist.output.exports.page.typography import french

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
    assert "11 sans date\u202f; de 2002 à 2021" in page


def test_the_story_follows_the_source(run) -> None:
    seen = read(run("export", "--format", "html").stdout)
    assert seen.event_ids == SOURCE_ORDER


def test_a_selection_keeps_the_order_of_the_source(run) -> None:
    seen = read(run("export", "--format", "html", "--tag", "projet").stdout)
    assert seen.event_ids == ["projet-far-annaba", "projet-nahda-13-tlemcen", "altermed"]


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
    assert "2 events, 1 dated, 1 undated; from 2004 to 2004" in page
    assert "No event matches these filters." in page
    json_export = run("export", "--format", "json", "-f", path).stdout
    assert '"description": "A short history, told by its sources."' in json_export


def test_legend_shows_only_the_marks_used(run, tmp_path: Path) -> None:
    page = run("export", "--format", "html").stdout
    legend = re.search(r'<ul class="legend".*?</ul>', page)
    assert legend
    assert "période" in legend.group() and "se poursuit, ou fin inconnue" in legend.group()
    for unused in ("approximative", "incertaine", "date unique", "début inconnu"):
        assert unused not in legend.group()
    path = write(tmp_path, "format: imfhist/1\nlang: en\nsources: [{id: p, title: P}]\nevents:\n"
                 "  - {id: a, title: A, date: 2004~, sources: [{ref: p, quote: q}]}\n")
    legend = re.search(r'<ul class="legend".*?</ul>',
                       run("export", "--format", "html", "-f", path).stdout)
    assert legend and "approximate" in legend.group() and "single date" in legend.group()
    assert "period" not in legend.group()


def test_axis_is_labelled_from_the_first_to_the_last_year(run) -> None:
    page = run("export", "--format", "html").stdout
    axis = re.search(r'<div class="axis".*?</div>', page)
    assert axis
    labels = re.findall(r">(\d{4})<", axis.group())
    assert labels[0] == "2002" and labels[-1] == "2021"
    assert labels == sorted(labels) and len(labels) >= 3
    assert re.search(r"--grid-offset:[\d.]+%;--grid-step:[\d.]+%", page)


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
    from imfhist import i18n

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
