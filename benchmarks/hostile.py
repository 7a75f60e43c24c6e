"""Write the files that test imfhist's bounds on work: `python benchmarks/hostile.py DIR --mb 12`.

Each is a shape that once made imfhist work without bound, at about `--mb` megabytes, with a
normal timeline of the same size to compare it with (docs/robustness.md states the bound: within
5 x the time of validating the normal file). Seeded, so that a size always gives the same files.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HEAD = "format: imfhist/1\nsources: [{id: p, title: P}]\nevents:\n"
# A citation that the quote rules accept (five words at least).
CITE = "[{ref: p, quote: 'It happened as the page says.'}]"
ARCHIVE_MB = 19
# One event of the generated timelines takes about this many bytes.
EVENT_BYTES = 440


def _archive(rng: random.Random, size: int) -> str:
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzé") for _ in range(rng.randint(2, 9)))
             for _ in range(20000)]
    parts, total = [], 0
    while total < size:
        word = rng.choice(words)
        parts.append(word)
        total += len(word.encode()) + 1
    return " ".join(parts)


def write_all(folder: Path, megabytes: float) -> dict[str, tuple[Path, Path]]:
    """Each hostile file, with the normal timeline of the same size it is compared with."""
    rng = random.Random(1)
    size = int(megabytes * 1024 * 1024)
    # The archive cases read one page of 19 MB (just under the 20 MB bound), whatever `--mb`,
    # against a normal timeline of 19 MB.
    archive_size = ARCHIVE_MB * 1024 * 1024
    normals: dict[int, Path] = {}

    def normal(of: int) -> Path:
        events = max(10, of // EVENT_BYTES)
        if events not in normals:
            normals[events] = folder / f"normal-{events}.yaml"
            normals[events].write_text(generate(events), encoding="utf-8")
        return normals[events]

    files: dict[str, tuple[Path, Path]] = {}

    def add(name: str, text: str, compared_size: int | None = None) -> None:
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        files[name] = (path, normal(compared_size or len(text.encode())))

    text = _archive(rng, archive_size)
    (folder / "archive.txt").write_text(text, encoding="utf-8")
    sources = "".join(f"  - {{id: s{n}, title: S, archive: archive.txt}}\n" for n in range(100))
    events = "".join(f"  - {{id: e{n}, title: T{n}, sources: [{{ref: s{n}, quote: \""
                     f"{text[997 * n:997 * n + 80].split(' ', 1)[1].rsplit(' ', 1)[0]}\"}}]}}\n"
                     for n in range(100))
    add("100 sources naming one archive", f"format: imfhist/1\nsources:\n{sources}events:\n"
        f"{events}", archive_size)
    near = []
    for _ in range(2000):
        start = text.index(" ", rng.randrange(0, len(text) - 400)) + 1
        near.append(text[start:start + 150].rsplit(" ", 1)[0] + " zzzq")
    add("2,000 near-miss quotes", "format: imfhist/1\nsources:\n  - {id: s, title: S, archive: "
        "archive.txt}\nevents:\n" + "".join(
            f"  - {{id: e{n}, title: T{n}, sources: [{{ref: s, quote: \"{q}\"}}]}}\n"
            for n, q in enumerate(near)), archive_size)
    add("events repeated through aliases", HEAD + f"  - &e {{id: one, title: One, sources: {CITE}}}"
        "\n" + "  - *e\n" * (size // 7))
    items = ", ".join(["x"] * 20000)
    add("lists repeated through aliases", HEAD + f"  - {{id: first, title: F, tags: &c [{items}], "
        f"sources: {CITE}}}\n" + "".join(
            f"  - {{id: e{n}, title: T{n}, tags: *c, sources: [{{ref: p, quote: 'Event {n} "
            "happened as the page says.'}]}\n" for n in range(2000)))
    actors = "".join(f"  - {{id: actor-{n:05d}, name: A{n}, kind: person}}\n"
                     for n in range(10000))
    unknown = "".join(
        f"  - {{id: e{n}, title: T{n}, actors: ["
        + ", ".join(f"actor-{rng.randrange(10000):05d}{chr(97 + k)}{n}" for k in range(17))
        + f"], sources: [{{ref: p, quote: 'Event {n} happened as the page says.'}}]}}\n"
        for n in range(max(1, size // 420)))
    add("unknown references", "format: imfhist/1\nsources: [{id: p, title: P}]\nactors:\n"
        f"{actors}events:\n{unknown}")
    flow, total, number = [], 0, 0
    while total < size - 1000:
        item = (f"{{id: e{number}, title: Title {number}, date: '2004', countries: [TN], "
                f"sources: [{{ref: p, quote: 'En 2004, le fait {number} eut lieu en Tunisie.'}}]}}")
        flow.append(item)
        total += len(item) + 2
        number += 1
    add("one-line flow file", "{format: imfhist/1, sources: [{id: p, title: P}], events: ["
        + ", ".join(flow) + "]}\n")
    add("one list of one-letter tags", HEAD + f"  - {{id: one, title: T, sources: {CITE}, tags: ["
        + "a, " * (size // 3) + "a]}\n")
    add("events that are bare texts", "format: imfhist/1\nevents:\n" + "  - x\n" * (size // 6))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--mb", type=float, default=12)
    arguments = parser.parse_args()
    for name, (path, normal) in write_all(arguments.folder, arguments.mb).items():
        print(f"{name}: {path} (compared with {normal.name})")


if __name__ == "__main__":
    main()
