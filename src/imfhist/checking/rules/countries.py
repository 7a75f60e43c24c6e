"""Rules about countries."""

from collections.abc import Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import _
from imfhist.common.problems import Problem, Severity
from imfhist.common.suggest import did_you_mean
from imfhist.timeline.model import Text, Timeline

UNKNOWN_COUNTRY = Rule("unknown-country", Severity.ERROR, """
    A country (in an event's `countries` or a place's `country`) must be an ISO 3166-1 country:
    its alpha-2 or alpha-3 code, or its name in French or English, in any case, with or without
    accents (`Tunisie`, `tunisie`, `Tunisia`, `TN`). Regions that are not countries
    (`Europe orientale`, `bassin méditerranéen`) belong in `regions`.""")


@checker
def check_countries(timeline: Timeline) -> Iterator[Problem]:
    written: list[Text] = [c for event in timeline.events for c in event.countries]
    written += [place.country for place in timeline.places]
    if not written:
        return
    from imfhist.timeline.places import countries

    index = countries()
    for country in written:
        if index.resolve(country.value) is None:
            hint = did_you_mean(index.suggest(country.value)) or _(
                "write an ISO 3166 country code or name; a wider area goes in 'regions'")
            yield UNKNOWN_COUNTRY.at(country.loc,
                                     _("'{name}' is not a country").format(name=country.value),
                                     hint)
