"""Write a synthetic imfhist/1 timeline: `python benchmarks/generate.py 10000 -o t.yaml`.

By default the timeline is made as a real one must be: every source is archived (the archives
are written beside the file, in `sources/`), and every quote is a sentence of its source's
archive that carries the event's years, country, region, places and actors, so that `validate`
finds no error and every quote is looked up in its page. `--shape pages` (the default) cites 10
large pages, whatever the size; `--shape per-event` gives each event a page of its own;
`--shape unarchived` gives the sources no archive, so that no quote is looked up (the shape the
first benchmarks measured). Seeded, so that a size always gives the same files. `--errors N`
sprinkles N problems (unknown actors and places, duplicate ids, in turn) at evenly spaced
events. `--relations N` (unarchived only) takes the date away from N evenly spaced events and
places each after the event before it instead. `--chain KIND` (unarchived only) takes
the date away from every event but the first and places each one by KIND (`starts_after`,
`during`, …) relative to the event before it: one chain through the whole file.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

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
        # Without repeats, which the `repeated-value` rule warns of.
        actor_ids = list(dict.fromkeys(f"actor-{rng.randrange(actors)}"
                                       for _ in range(rng.randint(1, 3))))
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
                f"    tags: [{', '.join(dict.fromkeys([rng.choice(WORDS), rng.choice(WORDS)]))}]",
                "    sources:", f"      - ref: source-{rng.randrange(10)}",
                f"        quote: \"{quote}\""]
    return "\n".join(out) + "\n"


FILLER = ["le", "la", "les", "des", "une", "avec", "pour", "dans", "sur", "entre", "puis", "aussi",
          "nouveau", "ancien", "local", "durable", "solidaire", "ouvert", "premier", "grand"]
SHAPES = ("pages", "per-event", "unarchived")


def _filler(rng: random.Random) -> str:
    """A sentence of the page that no quote cites."""
    said = " ".join(rng.choice(FILLER + WORDS) for _ in range(rng.randint(8, 20)))
    return said.capitalize() + "."


def faithful(events: int, shape: str = "pages", seed: int = 1,
             errors: int = 0) -> tuple[str, dict[str, str]]:
    """A timeline whose quotes are sentences of archived pages, and those pages by file name
    (relative to the timeline's folder). `shape` is "pages" (10 pages, cited by many events) or
    "per-event" (one page per event)."""
    text = generate(events, errors=errors, seed=seed)
    lines = text.split("\n")
    rng = random.Random(seed + 1)
    per_event = shape == "per-event"
    pages: dict[str, list[str]] = {}
    out: list[str] = []
    number = 0
    for line in lines:
        if line.startswith("        quote: "):
            quote = line[len("        quote: \""):-1]
            ref = out[-1].split("ref: ")[1]
            if per_event:
                ref = f"page-{number}"
                out[-1] = f"      - ref: {ref}"
            pages.setdefault(ref, []).extend([_filler(rng), quote[0].upper() + quote[1:] + "."])
            out.append(f"        quote: \"{quote[0].upper() + quote[1:]}\"")
            number += 1
        elif line == "actors:" and per_event:
            out += [f"  - id: page-{n}\n    title: Page {n}\n    url: https://example.org/p/{n}"
                    f"\n    archive: sources/page-{n}.txt" for n in range(events)]
            out.append(line)
        elif line.startswith("    url: https://example.org/") and not per_event:
            out += [line, f"    archive: sources/source-{line.rsplit('/', 1)[1]}.txt"]
        else:
            out.append(line)
    if per_event:  # the ten sources of the unarchived shape are cited no more
        start = out.index("sources:") + 1
        del out[start:start + 30]
    files = {f"sources/{ref}.txt": " ".join([*sentences, _filler(rng)]) + "\n"
             for ref, sentences in pages.items()}
    if not per_event:
        for number in range(10):
            files.setdefault(f"sources/source-{number}.txt", _filler(rng) + "\n")
    return "\n".join(out), files


def write(path: Path, events: int, shape: str = "pages", seed: int = 1, errors: int = 0) -> Path:
    """Write a timeline of `shape` (one of SHAPES) at `path`, its archives beside it."""
    if shape == "unarchived":
        path.write_text(generate(events, errors=errors, seed=seed), encoding="utf-8")
        return path
    text, files = faithful(events, shape, seed, errors)
    path.write_text(text, encoding="utf-8")
    for name, page in files.items():
        target = path.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("events", type=int)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--relations", type=int, default=0)
    parser.add_argument("--shape", choices=SHAPES, default="pages",
                        help="archived pages cited by many events (default), one page per "
                             "event, or no archive at all")
    parser.add_argument("--chain", default=None, metavar="KIND")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    if args.shape != "unarchived":
        if args.output == "-" or args.relations or args.chain:
            parser.error("archived shapes need -o FILE (the archives are written beside it), "
                         "and --relations and --chain need --shape unarchived")
        write(Path(args.output), args.events, args.shape, args.seed, args.errors)
        return
    text = generate(args.events, args.errors, args.seed, args.relations, args.chain)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
