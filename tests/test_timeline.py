"""The shipped IMF timeline says what its source says, and nothing more."""

from __future__ import annotations

import re

from conftest import SHIPPED
from imfhist.checking.rules.quotes import find_quote
from imfhist.checking.validation import validate_file
from imfhist.common.textnorm import normalise_spacing
from imfhist.timeline.loader import load

SOURCE = SHIPPED.parent / "sources" / "historique-cooperation-internationale-imf.txt"


def timeline():  # type: ignore[no-untyped-def]
    result = load(SHIPPED)
    assert result.timeline is not None
    return result.timeline


def test_shipped_timeline_has_no_problem_at_all(loader: str) -> None:
    assert validate_file(SHIPPED) == []


def test_every_quote_is_in_the_archived_page() -> None:
    page = normalise_spacing(SOURCE.read_text(encoding="utf-8"))
    for event in timeline().events:
        assert event.sources
        for citation in event.sources:
            assert find_quote(citation.quote.value, page) is None, event.id.value


def test_every_year_in_the_timeline_is_written_in_the_page() -> None:
    page = SOURCE.read_text(encoding="utf-8")
    for event in timeline().events:
        if event.date is not None:
            for year in re.findall(r"\d{4}", event.date.value):
                assert year in page, (event.id.value, year)


def test_dated_events_are_exactly_those_the_page_dates() -> None:
    dated = {e.id.value: e.date.value for e in timeline().events if e.date is not None}
    assert dated == {"pcpa-mis-en-place": "2002/", "imf-participe-aux-pcpa": "2004/",
                     "altermed": "2019/2021"}


def test_countries_are_only_those_the_page_names() -> None:
    page = SOURCE.read_text(encoding="utf-8")
    named = {"Maroc": "Maroc", "Algérie": "Algérie", "Tunisie": "Tunisie", "France": "Marseille"}
    t = timeline()
    for event in t.events:
        for country in event.countries:
            assert country.value in named and named[country.value] in page
    for place in t.places:
        assert place.name in page

