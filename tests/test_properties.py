"""Property-based tests: generated timelines, single mutations of them, and arbitrary input."""

from __future__ import annotations

import copy
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from imfhist.checking.validation import validate_file
from imfhist.cli import app
from imfhist.common.textnorm import fold
from imfhist.timeline.dates import parse_edtf
from imfhist.timeline.evidence import words
from imfhist.timeline.places import countries

runner = CliRunner()

IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
# Text as people write it: any letter, mark, number, punctuation, symbol or space, but no
# control or invisible formatting character (those are reported, on purpose).
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn")),
               min_size=1, max_size=30)
# Names hold at least one word, so that a quote can name them (see the claim-* rules).
NAME = TEXT.filter(lambda text: re.search(r"\w", text) is not None)
COUNTRIES = st.sampled_from(["TN", "tunisie", "Tunisia", "Maroc", "MA", "Algérie", "France",
                             "Royaume-Uni", "United States", "Côte d'Ivoire", "jpn"])


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1000, 2999))
    month = draw(st.integers(1, 12))
    form = draw(st.sampled_from(["year", "month", "day", "interval", "open", "unknown", "decade",
                                 "approximate", "uncertain", "season"]))
    return {
        "year": f"{year}", "month": f"{year}-{month:02d}", "day": f"{year}-{month:02d}-01",
        "interval": f"{year}/{year + draw(st.integers(0, 30))}", "open": f"{year}/..",
        "unknown": f"{year}/", "decade": f"{str(year)[:3]}X", "approximate": f"{year}~",
        "uncertain": f"{year}?", "season": f"{year}-{draw(st.integers(21, 24))}",
    }[form]


@st.composite
def timelines(draw: st.DrawFn) -> dict[str, Any]:
    """A timeline that follows every rule of imfhist/1, with every object referred to."""
    event_ids = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    # Titles that differ once folded, so that no event repeats another (duplicate-event).
    # Titles that differ in their words, as the duplicate-event rule compares them ("0" and
    # "0➔" are the same title to it).
    titles = draw(st.lists(TEXT, min_size=len(event_ids), max_size=len(event_ids),
                           unique_by=lambda title: " ".join(words(title))))
    actor_ids = draw(st.lists(IDS, max_size=4, unique=True))
    place_ids = draw(st.lists(IDS, max_size=3, unique=True))
    source_ids = draw(st.lists(IDS, min_size=1, max_size=2, unique=True))
    events = []
    for number, ident in enumerate(event_ids):
        event: dict[str, Any] = {"id": ident, "title": titles[number]}
        if draw(st.booleans()):
            event["summary"] = draw(TEXT)
        if draw(st.booleans()):
            event["date"] = draw(edtf_dates())
        if draw(st.booleans()):
            event["date_label"] = draw(NAME)
        if draw(st.booleans()):
            # Each list holds no repeat (the `repeated-value` rule): countries by their code,
            # regions and tags folded.
            event["countries"] = draw(st.lists(COUNTRIES, min_size=1, max_size=2,
                                               unique_by=lambda c: countries().resolve(c) or c))
        if draw(st.booleans()):
            event["regions"] = draw(st.lists(NAME, min_size=1, max_size=2, unique_by=fold))
        # Every place and actor is used by at least the event of its own rank.
        places = [p for i, p in enumerate(place_ids) if i % len(event_ids) == number]
        actors = [a for i, a in enumerate(actor_ids) if i % len(event_ids) == number]
        if places:
            event["places"] = places
        if actors:
            event["actors"] = actors
        if draw(st.booleans()):
            event["tags"] = draw(st.lists(TEXT, min_size=1, max_size=3, unique_by=fold))
        cited = [s for i, s in enumerate(source_ids) if i % len(event_ids) == number]
        event["sources"] = [{"ref": ref, "quote": draw(TEXT)}
                            for ref in cited or [source_ids[0]]]
        events.append(event)
    actor_names = {a: draw(NAME) for a in actor_ids}
    place_names = {p: draw(NAME) for p in place_ids}
    for event in events:
        event["sources"][0]["quote"] = _faithful_quote(event, actor_names, place_names)
    for event in events:
        for citation in event["sources"][1:]:
            citation["quote"] = "It happened, as the page says: " + citation["quote"]
    return {
        "format": "imfhist/1",
        "title": draw(TEXT),
        "sources": [{"id": s, "title": draw(TEXT)} for s in source_ids],
        "actors": [{"id": a, "name": actor_names[a],
                    "kind": draw(st.sampled_from(["person", "organisation", "programme"]))}
                   for a in actor_ids],
        "places": [{"id": p, "name": place_names[p], "country": draw(COUNTRIES)}
                   for p in place_ids],
        "events": events,
    }


def _faithful_quote(event: dict[str, Any], actors: dict[str, str],
                    places: dict[str, str]) -> str:
    """A quote that carries every claim of the event, and its title so that no two events
    have the same quotes."""
    said = ["It happened, as the page says", event["title"]]
    if "date" in event:
        date = parse_edtf(event["date"])
        said += [str(point.lower[0]) for point in (date.start, date.end) if point]
    said.append(event.get("date_label", ""))
    said += [countries().name(countries().resolve(c) or "", "en") for c in
             event.get("countries", [])]
    said += event.get("regions", [])
    said += [places[p] for p in event.get("places", [])]
    said += [actors[a] for a in event.get("actors", [])]
    return " ; ".join(said)


def dump(document: dict[str, Any], folder: str) -> Path:
    path = Path(folder) / "timeline.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


@given(timelines())
def test_generated_timelines_validate_clean_and_list_back(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = dump(document, folder)
        # The generated sources have no archive, so that their quotes are not checked.
        assert [p for p in validate_file(path) if p.rule != "source-unarchived"] == []
        result = runner.invoke(app, ["list", "--file", str(path), "--format", "json"])
        assert result.exit_code == 0
        listed = {e.pop("id"): e for e in json.loads(result.stdout)}
        for event in document["events"]:
            record = listed[event["id"]]
            record.pop("worded_date")
            record.pop("shown_countries", None)  # the countries as the table shows them
            assert {"id": event["id"], **record} == event


def _mutations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    def changed(change) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        mutated = copy.deepcopy(document)
        change(mutated)
        return mutated

    first = 0
    return [
        ("missing-key", changed(lambda d: d["events"][first].pop("title"))),
        ("duplicate-id", changed(lambda d: d["events"].append(copy.deepcopy(d["events"][first])))),
        ("edtf", changed(lambda d: d["events"][first].update(date="2019-13"))),
        ("interval-order", changed(lambda d: d["events"][first].update(date="2021/2019"))),
        ("unknown-actor", changed(lambda d: d["events"][first].setdefault("actors", []).append(
            "zz-nobody"))),
        ("unknown-source", changed(lambda d: d["events"][first]["sources"][0].update(
            ref="zz-nowhere"))),
        ("wrong-type", changed(lambda d: d["events"][first].update(title=["a", "list"]))),
        ("unknown-key", changed(lambda d: d["events"][first].update(titel="typo"))),
        ("unknown-country", changed(lambda d: d["events"][first].update(
            countries=["Atlantide"]))),
        ("id-format", changed(lambda d: d["events"][first].update(id="Not_An_Id"))),
        # Claims that no generated quote carries: words no generated text holds in a row.
        ("claim-region", changed(lambda d: d["events"][first].setdefault("regions", []).append(
            "Qzxv Wkjq"))),
        ("claim-country", changed(lambda d: d["events"][first].setdefault(
            "countries", []).append("Kiribati"))),
    ]


@given(timelines(), st.data())
def test_one_mutation_gives_its_rule_with_a_line_in_the_file(document: dict[str, Any],
                                                              data: st.DataObject) -> None:
    rule, mutated = data.draw(st.sampled_from(_mutations(document)))
    with tempfile.TemporaryDirectory() as folder:
        path = dump(mutated, folder)
        lines = path.read_text(encoding="utf-8").count("\n")
        problems = validate_file(path)
        matching = [p for p in problems if p.rule == rule]
        assert matching, (rule, problems)
        assert all(1 <= p.loc.line <= lines + 1 for p in matching)


YAML_ALPHABET = st.sampled_from([
    *"[]{}:,-?&*!|>'\"#%@` \n\t\r\\abcXY019.~=<", "format: imfhist/1\n", "events:\n",
    "  - id: a\n", "&x ", "*x", "!!python/object ", "<<: ", "\ufeff", "\x00", "é", "\u202e",
])


def _never_breaks(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.yaml"
        path.write_bytes(data)
        for args in (["validate", str(path)], ["list", "--file", str(path)],
                     ["show", "a", "--file", str(path)],
                     ["validate", "--format", "json", str(path)]):
            result = runner.invoke(app, args)
            assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
            assert result.exception is None or isinstance(result.exception, SystemExit)
            assert "Traceback" not in result.output


@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_break(data: bytes) -> None:
    _never_breaks(data)


@given(st.lists(YAML_ALPHABET, max_size=60).map("".join))
def test_arbitrary_yaml_like_text_never_breaks(text: str) -> None:
    _never_breaks(text.encode("utf-8", "surrogatepass"))


@given(st.text(max_size=200))
def test_arbitrary_text_never_breaks(text: str) -> None:
    _never_breaks(text.encode("utf-8", "surrogatepass"))


# The folding that `words` does word by word, done on the whole text at once, as it is defined.
_WORD = re.compile(r"\w+")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@given(st.text(min_size=0, max_size=60))
def test_words_are_those_of_the_whole_text_folded(text: str) -> None:
    import unicodedata

    whole = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    assert words(text) == _WORD.findall(whole)


@given(st.text(min_size=0, max_size=60))
def test_spacing_is_normalised_as_a_regular_expression_would(text: str) -> None:
    from imfhist.common.textnorm import normalise_spacing

    plain = text
    for typographic, replacement in (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"),
                                     ("\u2032", "'"), ("\u201c", '"'), ("\u201d", '"'),
                                     ("\u00ab", '"'), ("\u00bb", '"')):
        plain = plain.replace(typographic, replacement)
    assert normalise_spacing(text) == re.sub(r"\s+", " ", plain).strip()


@given(st.text(st.sampled_from([" ", "a", "…", "[", "]", ".", "(", ")", "\u00a0", "é"]),
               max_size=30))
def test_quote_parts_are_those_between_elisions(text: str) -> None:
    from imfhist.common.textnorm import normalise_spacing
    from imfhist.timeline.evidence import ELLIPSIS, quote_parts

    assert quote_parts(text) == [p for p in ELLIPSIS.split(normalise_spacing(text)) if p]
