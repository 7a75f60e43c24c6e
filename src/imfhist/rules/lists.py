"""A value written twice in one of an event's lists."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from imfhist.i18n import _
from imfhist.model import Text, Timeline
from imfhist.problems import Problem, Severity
from imfhist.rules import Rule, checker
from imfhist.textnorm import fold

REPEATED_VALUE = Rule("repeated-value", Severity.WARNING, """
    A value is written twice in one of an event's lists: `countries` (the same country by its
    name or its code, `Maroc` and `MA`), `regions` and `tags` (case and accents aside), `places`
    and `actors`. The repeat is reported with the line of the first one. It is a warning, not an
    error, because it changes no fact of the timeline, only how the exports show it (a tag
    counted twice, an actor listed twice); `validate --strict` fails on it. `imfhist add` and
    `imfhist import` drop exact repeats, and `imfhist edit --add-…` of a value the event already
    has changes nothing.""", example="""
    - id: altermed
      ...
      countries: [MA, Maroc]     # Maroc is MA: the same country twice
      tags: [projet, Projet]     # the same tag twice
    """)


def _country_key() -> Callable[[str], str]:
    from imfhist.places import countries

    index = countries()
    return lambda value: index.resolve(value) or fold(value)


def _same(value: str) -> str:
    return value


def list_keys(with_countries: bool = True) -> dict[str, Callable[[str], str]]:
    """For each list of an event, what two of its values share when one repeats the other;
    `with_countries=False` spares loading the country names when no event has countries."""
    country = _country_key() if with_countries else fold
    return {"countries": country, "regions": fold, "tags": fold,
            "places": _same, "actors": _same}


def without_repeats(values: list[str], key: Callable[[str], str]) -> list[str]:
    """`values` with each repeat of an earlier one left out, the first kept as written."""
    seen: set[str] = set()
    kept = []
    for value in values:
        if key(value) not in seen:
            seen.add(key(value))
            kept.append(value)
    return kept


def repeats(values: tuple[Text, ...], key: Callable[[str], str]) -> Iterator[tuple[Text, Text]]:
    """Each value that repeats an earlier one of `values`, with that earlier one."""
    first: dict[str, Text] = {}
    for value in values:
        earlier = first.setdefault(key(value.value), value)
        if earlier is not value:
            yield value, earlier


@checker
def check_repeated_values(timeline: Timeline) -> Iterator[Problem]:
    keys = list_keys(any(event.countries for event in timeline.events))
    for event in timeline.events:
        for field, key in keys.items():
            for value, earlier in repeats(getattr(event, field), key):
                yield REPEATED_VALUE.at(value.loc, _(
                    "'{value}' repeats '{first}' (line {line}) in the {field} of event "
                    "'{id}'").format(value=value.value, first=earlier.value,
                                     line=earlier.loc.line, field=field, id=event.id.value),
                    _("remove the repeat"))
