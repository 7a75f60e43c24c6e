"""Write a synthetic imfhist/1 timeline: `python benchmarks/generate.py 10000 -o t.yaml`.

Seeded, so that a size always gives the same file. `--errors N` sprinkles N problems (unknown
actors and places, duplicate ids, in turn) at evenly spaced events. `--relations N` takes the
date away from N evenly spaced events and places each after the event before it instead.
`--chain KIND` takes the date away from every event but the first and places each one by KIND
(`starts_after`, `during`, …) relative to the event before it: one chain through the whole file.
"""

from __future__ import annotations

import argparse
import random
import sys

COUNTRIES = ["Tunisie", "Maroc", "Algérie", "France", "Italy", "ES", "Égypte", "Liban", "GR", "TR"]
# How the quotes name each country: its French name, the timeline's language.
FRENCH = {"Italy": "Italie", "ES": "Espagne", "GR": "Grèce", "TR": "Turquie"}
REGIONS = ["bassin méditerranéen", "Europe orientale", "Maghreb", "Méditerranée"]
WORDS = [
    "projet", "coopération", "formation", "échange", "réseau", "programme", "atelier", "recherche",
    "mission", "partenariat", "séminaire", "étude", "rencontre", "jeunesse", "culture",
]


def generate(events: int, errors: int = 0, seed: int = 1, relations: int = 0,
             chain: str | None = None) -> str:
    rng = random.Random(seed)
    actors = max(10, events // 20)
    places = max(10, events // 50)
    out = ["# yaml-language-server: $schema=imfhist-1.schema.json", "format: imfhist/1",
           f"title: Synthetic timeline of {events} events", "lang: fr", "sources:"]
    for number in range(10):
        out += [f"  - id: source-{number}", f"    title: Source {number}",
                f"    url: https://example.org/{number}"]
    out.append("actors:")
    for number in range(actors):
        kind = ("person", "organisation", "programme")[number % 3]
        out += [f"  - id: actor-{number}", f"    name: Acteur {number}", f"    kind: {kind}"]
    out.append("places:")
    for number in range(places):
        out += [f"  - id: place-{number}", f"    name: Lieu {number}",
                f"    country: {COUNTRIES[number % len(COUNTRIES)]}"]
    every = events // errors if errors else 0
    related = events // relations if relations else 0
    out.append("events:")
    for number in range(events):
        ident = f"event-{number}"
        actor_ids = [f"actor-{rng.randrange(actors)}" for _ in range(rng.randint(1, 3))]
        place_ids = [f"place-{rng.randrange(places)}"]
        if every and number % every == 0:
            kind = (number // every) % 3
            if kind == 0:
                actor_ids.append(f"actor-{actors + number}")
            elif kind == 1:
                place_ids.append(f"plcae-{number}")
            else:
                ident = f"event-{number - 1}"
        year = rng.randint(1990, 2025)
        date = rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}", f"{year}/{year + 2}",
                           f"{year}/..", f"{year}~"])
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        country = COUNTRIES[rng.randrange(len(COUNTRIES))]
        region = rng.choice(REGIONS)
        # The quote carries every claim of the event, as the claim-* rules require.
        named = [f"Lieu {p.split('-')[1]}" for p in place_ids if p.startswith("place-")]
        named += [f"Acteur {a.split('-')[1]}" for a in actor_ids]
        quote = (f"{title.lower()} {number} en {date.replace('/', ' ').strip('.~')}, "
                 f"{FRENCH.get(country, country)}, {region}, {', '.join(named)}")
        when = f"    date: {date}"
        if related and number % related == related - 1:
            when = (f"    relations: [{{starts_after: event-{number - 1}, ref: source-0, "
                    "quote: after}]")
        if chain and number > 0:
            when = (f"    relations: [{{{chain}: event-{number - 1}, ref: source-0, "
                    "quote: il se place par rapport au précédent}]")
        out += [f"  - id: {ident}", f"    title: {title} {number}", when,
                f"    countries: [{country}]",
                f"    regions: [{region}]",
                f"    places: [{', '.join(place_ids)}]", f"    actors: [{', '.join(actor_ids)}]",
                f"    tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
                "    sources:", f"      - ref: source-{rng.randrange(10)}",
                f"        quote: \"{quote}\""]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("events", type=int)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--relations", type=int, default=0)
    parser.add_argument("--chain", default=None, metavar="KIND")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    text = generate(args.events, args.errors, args.seed, args.relations, args.chain)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
