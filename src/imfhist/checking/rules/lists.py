"""A value written twice in one of an event's lists."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import _, n_
from imfhist.common.problems import Problem, Severity
from imfhist.common.textnorm import fold
from imfhist.timeline.model import Loc, Text, Timeline

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
    from imfhist.timeline.places import countries

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


def repeats(values: tuple[Text, ...],
            key: Callable[[str], str]) -> Iterator[tuple[Text, Text, int]]:
    """For each value that `values` repeat: its first repeat, the value it repeats, and how many
    times it is repeated. One report for a value written a thousand times, not a thousand."""
    first: dict[str, Text] = {}
    again: dict[str, list[Text]] = {}
    for value in values:
        name = key(value.value)
        if first.setdefault(name, value) is not value:
            again.setdefault(name, []).append(value)
    for name, repeated in again.items():
        yield repeated[0], first[name], len(repeated)


@checker
def check_repeated_values(timeline: Timeline) -> Iterator[Problem]:
    keys = list_keys(any(event.countries for event in timeline.events))
    # A list that several events share through a YAML alias is one place in the file: it is
    # reported once, not once for each event.
    reported: set[Loc] = set()
    for event in timeline.events:
        for field, key in keys.items():
            values = getattr(event, field)
            if len(values) < 2:  # most lists: nothing to repeat
                continue
            for value, earlier, count in repeats(values, key):
                if value.loc in reported:
                    continue
                reported.add(value.loc)
                yield REPEATED_VALUE.at(value.loc, n_(
                    "'{value}' repeats '{first}' (line {line}) in the {field} of event '{id}'",
                    "'{value}' repeats '{first}' (line {line}) in the {field} of event '{id}', "
                    "{count} repeats in all", count).format(
                        value=value.value, first=earlier.value, line=earlier.loc.line,
                        field=field, id=event.id.value, count=count),
                    _("remove the repeat"))
