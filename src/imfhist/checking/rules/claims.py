"""Every claim of an event (its date, places, regions, countries and actors) must be carried by
at least one of its quotes: the timeline says nothing that its sources do not."""

from __future__ import annotations

from collections.abc import Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.checking.rules.references import UNKNOWN_ACTOR
from imfhist.common.i18n import _
from imfhist.common.problems import Problem, Severity
from imfhist.timeline.evidence import QuoteWords, country_words
from imfhist.timeline.model import Event, Timeline

_WHY_ERROR = """It is an error: a claim that no quote carries is something the source does not say,
    and whatever the rule cannot read (a pronoun, an unusual wording) is fixed in the data by
    quoting the words of the page that say it."""

CLAIM_DATE = Rule("claim-date", Severity.ERROR, f"""
    An event's `date` must be carried by its quotes: every year of the EDTF date (both ends of an
    interval, the first year of a decade `199X`, the year before the common era of `-0100`: 101)
    appears in a quote as a word (`2019-2021` holds 2019 and 2021, `1990s` holds 1990), or else
    the `date_label` appears in a quote and reads as that very date (see the worded dates in
    docs/format.md: `à partir de 2002` is `2002/`). A `date_label` must itself appear word for
    word (case and accents aside) in a quote. {_WHY_ERROR}""",
    example="""
    - id: altermed
      date: 2019/2022          # the quote says 2019-2021
      sources:
        - ref: imf-historique
          quote: un projet de terrain multipays sur trois ans (2019-2021)
    """)
CLAIM_PLACE = Rule("claim-place", Severity.ERROR, f"""
    Each of an event's `places` must be named in one of its quotes, by the place's `name` (case
    and accents aside). {_WHY_ERROR}""", example="""
    - id: projet-far-annaba
      places: [annaba, tlemcen]   # the quote names Annaba only
      sources:
        - ref: imf-historique
          quote: >-
            De nombreuses expériences nous ont fait grandir : en Algérie, le projet FAR sur
            Annaba
    """)
CLAIM_REGION = Rule("claim-region", Severity.ERROR, f"""
    Each of an event's `regions` must be named in one of its quotes, its words in a row (case and
    accents aside). {_WHY_ERROR}""", example="""
    - id: altermed
      regions: [Méditerranée, Europe orientale]   # the quote speaks of the Méditerranée only
      sources:
        - ref: imf-historique
          quote: >-
            un projet de terrain multipays sur trois ans (2019-2021) sur l’entrepreneuriat
            collectif en Méditerranée
    """)
CLAIM_COUNTRY = Rule("claim-country", Severity.ERROR, f"""
    Each of an event's `countries` must be carried by one of its quotes: its name in the
    timeline's `lang` (in French and English when the timeline has none), a word formed from that
    name (the name, less a final `e`, `a` or `o`, with an ending such as -ien, -ienne, -ain, -aine,
    -ais, -an: `tunisien` for Tunisie, `marocaine` for Maroc, `Moroccan` for Morocco; and a short
    table of demonyms that are not formed so: `français`, `grec`, `turc`, `espagnol`, `allemand`,
    `British`, `Dutch`…), or the name of one of the timeline's places in that country.
    {_WHY_ERROR}""", example="""
    - id: cooperation-entraide-nationale
      countries: [Maroc, Tunisie]   # "marocaine" carries Maroc; nothing carries Tunisie
      sources:
        - ref: imf-historique
          quote: >-
            De nombreuses expériences nous ont fait grandir : […] la coopération avec
            l’Entraide nationale marocaine
    """)
CLAIM_ACTOR = Rule("claim-actor", Severity.ERROR, f"""
    Each of an event's `actors` must be named in one of its quotes: by its `name` or one of its
    `aliases`, words in a row (case and accents aside), or through the first person (`nous`,
    `notre`, `nos`, `we`, `our`, `us`) of a quote from a source whose `author` is that actor. A
    name is also found through a coordination that shares its first words with another name:
    `les PCPA marocain ou tunisien` names both `PCPA marocain` and `PCPA tunisien`, as a reader
    understands it. {_WHY_ERROR}""", example="""
    - id: projet-nahda-13-tlemcen
      actors: [imf, icosi]   # "nous" is the IMF, author of the page; the ICOSI is not named
      sources:
        - ref: imf-historique
          quote: >-
            De nombreuses expériences nous ont fait grandir : en Algérie, […] le projet Nahda
            13 à Tlemcen
    """)
CLAIM_WORDS = Rule("claim-words", Severity.ERROR, f"""
    Each content word of an event's `title` and `summary` must be carried by one of its quotes:
    the quote holds the same word or another form of it (`participe` for `a participé`,
    `développent` for `se sont développées`), compared by lemma in the timeline's `lang` (French
    or English, with the dictionaries of simplemma), case and accents aside. The language's
    function words (`le`, `de`, `sont`, `the`: the lists of the stop-words package) are left out,
    and so are the words of what the event claims: its actors' names and aliases, its places,
    countries and regions, its date and `date_label`, which the other `claim-*` rules check. The
    message names every word that no quote carries, at the title's or the summary's line. A
    timeline without `lang` (or in another language) is not checked by this rule, since which
    words are function words depends on the language. {_WHY_ERROR} A title is written with the
    page's words: a word the page does not use is the keeper's reading of it, not the source's.""",
    example="""
    - id: projet-far-annaba
      title: Le projet de formation FAR sur Annaba   # the page never says "formation" of it
      sources:
        - ref: imf-historique
          quote: >-
            De nombreuses expériences nous ont fait grandir : en Algérie, le projet FAR sur
            Annaba
    """)


@checker
def check_claims(timeline: Timeline) -> Iterator[Problem]:
    claims = Claims(timeline)
    for source in timeline.sources:
        if source.author is not None and source.author.value not in claims.actors:
            yield UNKNOWN_ACTOR.at(source.author.loc, _(
                "the author '{id}' of source '{source}' is not an actor").format(
                    id=source.author.value, source=source.id.value),
                _("add the actor to 'actors', or give the id of one"))
    for event in timeline.events:
        yield from claims.unsupported(event)
    from imfhist.timeline.carried import keep_lemmas

    keep_lemmas()


class Claims:
    """Checks events, of this timeline or about to join it, against their own quotes."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.actors = timeline.actor_by_id()
        self.places = timeline.place_by_id()
        self.sources = timeline.source_by_id()

    def unsupported(self, event: Event) -> Iterator[Problem]:
        """A problem for each claim of `event` that none of its quotes carries."""
        if not event.sources:
            return  # `no-source`
        said = QuoteWords([c.quote.value for c in event.sources])
        yield from _date(event, said)
        for place_id in event.places:
            place = self.places.get(place_id.value)
            if place is not None and not said.names(place.name):
                yield CLAIM_PLACE.at(place_id.loc, _(
                    "no quote of the event names the place {name}").format(name=place.name),
                    _("quote the words of the source that name it, or remove the place"))
        for region in event.regions:
            if not said.names(region.value):
                yield CLAIM_REGION.at(region.loc, _(
                    "no quote of the event names the region {name}").format(name=region.value),
                    _("quote the words of the source that name it, or remove the region"))
        yield from _countries(self.timeline, event, said)
        voices = {self.sources[c.ref.value].author.value  # type: ignore[union-attr]
                  for number, c in enumerate(event.sources)
                  if c.ref.value in self.sources and self.sources[c.ref.value].author is not None
                  and said.in_first_person(number)}
        for actor_id in event.actors:
            actor = self.actors.get(actor_id.value)
            if actor is None or actor.id.value in voices:
                continue
            if said.names(actor.name) or any(said.names(a.value) for a in actor.aliases):
                continue
            yield CLAIM_ACTOR.at(actor_id.loc, _(
                "no quote of the event names the actor {name}").format(name=actor.name),
                _("quote the words of the source that name it, give the actor the alias the "
                  "source uses, or remove the actor"))
        yield from self._words(event, said)

    def _words(self, event: Event, said: QuoteWords) -> Iterator[Problem]:
        from imfhist.timeline.carried import checks

        if not checks(self.timeline.lang) or (event.title_loc is None
                                              and event.summary_loc is None):
            return
        from imfhist.timeline.carried import Carried

        assert self.timeline.lang is not None
        carried = Carried(self.timeline.lang, [c.quote.value for c in event.sources],
                          lambda: self._claimed(event), said.all)
        for text, loc, message in (
                (event.title, event.title_loc,
                 _("the title holds words that no quote of the event carries: {words}")),
                (event.summary, event.summary_loc,
                 _("the summary holds words that no quote of the event carries: {words}"))):
            if text is None or loc is None:
                continue
            missing = carried.missing(text)
            if missing:
                yield CLAIM_WORDS.at(loc, message.format(
                    words=", ".join(_("“{word}”").format(word=word) for word in missing)),
                    _("write it with the words of the quotes, or quote the words of the source "
                      "that say it"))

    def _claimed(self, event: Event) -> list[str]:
        """The words of what the event claims, which the other claim rules check."""
        claimed = [t.value for t in (*event.regions, *event.countries)]
        for actor_id in event.actors:
            actor = self.actors.get(actor_id.value)
            if actor is not None:
                claimed += [actor.name, *(a.value for a in actor.aliases)]
        for place_id in event.places:
            place = self.places.get(place_id.value)
            if place is not None:
                claimed.append(place.name)
        if event.countries:
            from imfhist.timeline.places import countries

            index = countries()
            for country in event.countries:
                code = index.resolve(country.value)
                if code is not None:
                    names, formed = country_words(code, self.timeline.lang)
                    claimed += [*names, *formed]
        if event.date is not None:
            claimed.append(event.date.value)
        if event.date_label is not None:
            claimed.append(event.date_label)
        return claimed


def _date(event: Event, said: QuoteWords) -> Iterator[Problem]:
    label_said = event.date_label is not None and said.names(event.date_label)
    if event.date_label is not None and not label_said and event.date_label_loc is not None:
        yield CLAIM_DATE.at(event.date_label_loc, _(
            "no quote of the event holds the words “{label}”").format(label=event.date_label),
            _("keep in date_label the source's own wording of the date"))
    if event.date is None or event.edtf is None:
        return
    missing = [year for year in _years(event) if not _year_said(year, said)]
    if not missing:
        return
    if label_said and _label_reads_as(event.date_label, event.date.value):  # type: ignore[arg-type]
        return
    yield CLAIM_DATE.at(event.date.loc, _(
        "no quote of the event gives the year {year} of the date {date}").format(
            year=missing[0], date=event.date.value),
        _("give the date the quotes give, or quote the words of the source that date it"))


def _years(event: Event) -> list[int]:
    assert event.edtf is not None
    points = [event.edtf.start, event.edtf.end]
    years: list[int] = []
    for point in points:
        if point is None:
            continue
        year = point.lower[0] if point.precision in ("decade", "century") else point.year
        if year not in years:
            years.append(year)
    return years


def _year_said(year: int, said: QuoteWords) -> bool:
    # ISO 8601 counts a year 0: -0100 is 101 BCE, which a page writes "101 av. J.-C.".
    text = str(year) if year > 0 else str(1 - year)
    return said.has_word(text) or said.has_word(text + "s")


def _label_reads_as(label: str, date: str) -> bool:
    from imfhist.timeline.dates import EdtfError
    from imfhist.timeline.wordings import from_wording

    try:
        return from_wording(label)[0] == date
    except EdtfError:
        return False


def _countries(timeline: Timeline, event: Event, said: QuoteWords) -> Iterator[Problem]:
    if not event.countries:
        return
    from imfhist.timeline.places import countries

    index = countries()
    for country in event.countries:
        code = index.resolve(country.value)
        if code is None:
            continue  # `unknown-country`
        names, formed = country_words(code, timeline.lang)
        if any(said.names(name) for name in names) or any(said.has_word(w) for w in formed):
            continue
        if any(index.resolve(place.country.value) == code and said.names(place.name)
               for place in timeline.places):
            continue
        yield CLAIM_COUNTRY.at(country.loc, _(
            "no quote of the event names {name}, a word formed from it, or one of its "
            "places").format(name=names[0]),
            _("quote the words of the source that name it, or remove the country"))
