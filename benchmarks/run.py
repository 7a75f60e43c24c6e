"""Run every speed benchmark of imfhist side by side and print medians and ratios.

    python benchmarks/run.py            # the full run recorded in BENCHMARKS.md
    python benchmarks/run.py --quick    # the smallest sizes, once: checks the scripts still work
    python benchmarks/run.py --hostile  # the bounds of docs/robustness.md, on 12 MB hostile files
    python benchmarks/run.py --chains   # the html page of 20,000 events chained by relations

Each benchmark is a whole process, started several times in an interleaved order so that a slow
moment of the machine falls on all of them alike; the table gives the median wall time, the
median CPU time (user and system, of the process and what it runs), the median peak memory
(maximum resident set size), and the ratio to the baseline it is held against, with the target.
Ratios are taken on CPU time: on a shared machine, wall time also measures the neighbours.
Timing lives here and in BENCHMARKS.md, never in a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate, write  # noqa: E402

PYTHON = sys.executable
IMFHIST = [PYTHON, "-m", "imfhist"]
SCRIPT = shutil.which("imfhist", path=str(Path(PYTHON).parent)) or "imfhist"


@dataclass
class Bench:
    name: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    baseline: str | None = None  # the name of the bench it is compared with
    target: float | None = None  # the ratio it must not exceed
    memory_target: float | None = None  # the same, for peak memory
    ok_codes: tuple[int, ...] = (0,)
    # Run before each timed run, untimed: a change to the timeline, say.
    prepare: Callable[[], None] | None = None
    # A new, empty cache folder (XDG_CACHE_HOME) for each run: a first run on the machine.
    empty_cache: bool = False
    times: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    memories: list[int] = field(default_factory=list)


# GNU time reports the peak memory of the command alone. Without it, the peak that the kernel
# gives for a child also counts the memory of this script at the moment it started the child.
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def run_once(bench: Bench) -> None:
    environment = {**os.environ, "NO_COLOR": "1", "IMFHIST_MAX_FILE_MB": "200", **bench.env}
    # As an installed imfhist runs: from compiled modules, as the libraries it is compared
    # with do (see compile_imfhist), not compiling its sources again at every start.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    command = bench.command
    if bench.prepare is not None:
        bench.prepare()
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss, \
            tempfile.TemporaryDirectory() as empty:
        if bench.empty_cache:
            environment["XDG_CACHE_HOME"] = empty
        if GNU_TIME:
            command = [GNU_TIME, "-f", "%M", "-o", rss.name, *command]
        _run(bench, command, environment, rss.name)


def _run(bench: Bench, command: list[str], environment: dict[str, str], rss: str) -> None:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=environment)
    assert process.stdout is not None
    while process.stdout.read(1 << 16):  # output to a pipe, read as a pager or script would
        pass
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in bench.ok_codes:
        raise SystemExit(f"{bench.name}: exit {process.returncode} from {' '.join(command)}")
    bench.times.append(elapsed)
    bench.cpus.append(usage.ru_utime + usage.ru_stime)
    measured = Path(rss).read_text().strip().splitlines() if GNU_TIME else []
    bench.memories.append(int(measured[-1]) if measured else usage.ru_maxrss)  # KiB


def plain_load(path: Path) -> list[str]:
    return [PYTHON, "-c", "import sys, yaml; "
            "yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)", str(path)]


def reading_benches(folder: Path, floor: str) -> list[Bench]:
    """`list`, `filter` and `show` on a copy of the IMF timeline: with the user's cache warm,
    with it empty (a first run on the machine), and the first listing after a change."""
    def copy(name: str) -> Path:
        shutil.copytree(REPO / "data", folder / name)
        return folder / name / "timeline.yaml"

    def cache(name: str) -> dict[str, str]:
        return {"XDG_CACHE_HOME": str(folder / name)}

    found: list[Bench] = []
    shipped = copy("imf")
    for name, command in (("imfhist list", ["list"]),
                          ("imfhist filter --country Tunisie", ["filter", "--country", "Tunisie"]),
                          ("imfhist show altermed", ["show", "altermed"])):
        full = [SCRIPT, *command, "--file", str(shipped)]
        warm = cache("cache-warm")
        subprocess.run(full, env={**os.environ, **warm}, capture_output=True, check=True)
        found += [Bench(f"{name}, cache warm", full, env=warm, baseline=floor, target=1.2),
                  Bench(f"{name}, cache empty", full, empty_cache=True, baseline=floor,
                        target=1.2)]
    # A change made with imfhist: it checks the new file whole before writing it, and keeps
    # its count for the listing that follows.
    written, written_cache = copy("imf-written"), cache("cache-written")
    tags = iter(["--add-tag", "--remove-tag"] * 1000)

    def change_with_imfhist() -> None:
        subprocess.run([SCRIPT, "edit", "altermed", next(tags), "bench", "--file",
                        str(written)], env={**os.environ, **written_cache}, capture_output=True,
                       check=True)

    # A change by hand, in an editor or by `git pull`: the file is checked again, its words
    # are those of the runs before.
    by_hand, hand_cache = copy("imf-by-hand"), cache("cache-by-hand")
    subprocess.run([SCRIPT, "list", "--file", str(by_hand)], env={**os.environ, **hand_cache},
                   capture_output=True, check=True)
    changes = iter(range(1_000_000))

    def change_by_hand() -> None:
        with by_hand.open("a", encoding="utf-8") as file:
            file.write(f"# change {next(changes)}\n")

    found += [Bench("imfhist list, after imfhist edit", [SCRIPT, "list", "--file", str(written)],
                    env=written_cache, prepare=change_with_imfhist, baseline=floor, target=1.2),
              Bench("imfhist list, after a change by hand",
                    [SCRIPT, "list", "--file", str(by_hand)], env=hand_cache,
                    prepare=change_by_hand, baseline=floor, target=1.2)]
    return found


def benches(folder: Path, sizes: list[int], quick: bool) -> list[Bench]:
    floor = Bench("floor: import typer, rich.table, yaml",
                  [PYTHON, "-c", "import typer, rich.table, yaml"])
    typer_floor = Bench("floor: import typer", [PYTHON, "-c", "import typer"])
    found = [
        floor, typer_floor,
        *reading_benches(folder, floor.name),
        Bench("imfhist --version", [SCRIPT, "--version"], baseline=typer_floor.name, target=1.1),
        Bench("shell completion (imfhist fi<Tab>)", [SCRIPT],
              env={"_IMFHIST_COMPLETE": "complete_bash", "COMP_WORDS": "imfhist fi",
                   "COMP_CWORD": "1", "XDG_CACHE_HOME": str(folder / "cache")},
              baseline=typer_floor.name, target=1.1),
        Bench("shell completion (imfhist show al<Tab>)", [SCRIPT],
              env={"_IMFHIST_COMPLETE": "complete_bash", "COMP_WORDS": "imfhist show al",
                   "COMP_CWORD": "2", "XDG_CACHE_HOME": str(folder / "cache")},
              baseline=typer_floor.name, target=1.1),
        Bench("shell completion (imfhist filter -c tu<Tab>)", [SCRIPT],
              env={"_IMFHIST_COMPLETE": "complete_bash", "COMP_WORDS": "imfhist filter -c tu",
                   "COMP_CWORD": "3", "XDG_CACHE_HOME": str(folder / "cache")},
              baseline=typer_floor.name, target=1.1),
    ]
    for size in sizes:
        label = f"{size // 1000}k"
        # Timelines made as real ones must be: every source archived, every quote a sentence of
        # its page (benchmarks/generate.py); 10 pages cited by all the events, or one per event.
        (folder / f"pages-{size}").mkdir()
        clean = write(folder / f"pages-{size}" / "timeline.yaml", size, "pages")
        (folder / f"per-event-{size}").mkdir()
        per_event = write(folder / f"per-event-{size}" / "timeline.yaml", size, "per-event")
        unarchived = folder / f"timeline-{size}.yaml"
        unarchived.write_text(generate(size), encoding="utf-8")
        load = Bench(f"yaml.load CSafeLoader {label}", plain_load(clean))
        load_per_event = Bench(f"yaml.load CSafeLoader {label}, page per event",
                               plain_load(per_event))
        load_unarchived = Bench(f"yaml.load CSafeLoader {label}, unarchived",
                                plain_load(unarchived))
        found += [
            load,
            Bench(f"imfhist validate {label}", [SCRIPT, "validate", "--quiet", str(clean)],
                  baseline=load.name, target=0.5, memory_target=1.2),
            load_per_event,
            Bench(f"imfhist validate {label}, page per event",
                  [SCRIPT, "validate", "--quiet", str(per_event)],
                  baseline=load_per_event.name, target=0.7, memory_target=1.2),
            load_unarchived,
            # The first benchmarks' shape: no archive, so that no quote is looked up.
            Bench(f"imfhist validate {label}, unarchived",
                  [SCRIPT, "validate", "--quiet", str(unarchived)],
                  baseline=load_unarchived.name, target=0.3, memory_target=1.0),
            # Reading commands announce the errors `validate` would find, a count kept in the
            # user's cache: measured with the cache empty, as the first listing after a change
            # by hand is, they run every rule.
            Bench(f"imfhist list (table) {label}", [SCRIPT, "list", "--file", str(clean)],
                  env={"COLUMNS": "100"}, baseline=f"imfhist validate {label}", target=1.5,
                  empty_cache=True),
            Bench(f"imfhist list --format json {label}",
                  [SCRIPT, "list", "--format", "json", "--file", str(clean)], empty_cache=True),
            Bench(f"imfhist filter --country Tunisie {label}",
                  [SCRIPT, "filter", "--country", "Tunisie", "--format", "json", "--file",
                   str(clean)], empty_cache=True),
            Bench(f"imfhist show event-1 {label}",
                  [SCRIPT, "show", "event-1", "--file", str(clean)], empty_cache=True),
            Bench(f"imfhist export --format html {label}",
                  [SCRIPT, "export", "--format", "html", "--file", str(clean)],
                  empty_cache=True),
        ]
        if size == max(sizes) // 10 or quick or len(sizes) == 1:
            (folder / f"errors-{size}").mkdir()
            errors = write(folder / f"errors-{size}" / "timeline.yaml", size, "pages",
                           errors=max(1, size // 10))
            found.append(Bench(f"imfhist validate {label}, {max(1, size // 10)} errors",
                               [SCRIPT, "validate", "--quiet", str(errors)], ok_codes=(1,),
                               baseline=f"imfhist validate {label}", target=1.2))
            # Half the events without a date, each placed after the one before by a relation:
            # the whole chronology is solved and ranked (unarchived, as is the listing it is
            # held against).
            placed = folder / f"timeline-{size}-relations.yaml"
            placed.write_text(generate(size, relations=size // 2), encoding="utf-8")
            listed = Bench(f"imfhist list --format json {label}, unarchived",
                           [SCRIPT, "list", "--format", "json", "--file", str(unarchived)])
            found += [listed, Bench(f"imfhist list --format json {label}, half placed by relations",
                                    [SCRIPT, "list", "--format", "json", "--file", str(placed)],
                                    baseline=listed.name, target=1.5)]
    if len(sizes) >= 2:
        small, large = f"{sizes[-2] // 1000}k", f"{sizes[-1] // 1000}k"
        for command in ("imfhist validate", "imfhist list (table)", "imfhist list --format json",
                        "imfhist filter --country Tunisie", "imfhist show event-1",
                        "imfhist export --format html"):
            growth = sizes[-1] / sizes[-2]
            found.append(Bench(f"{command} {large}", [], baseline=f"{command} {small}",
                               target=growth * 1.1))
        for shape in (", page per event", ", unarchived"):
            found.append(Bench(f"imfhist validate {large}{shape}", [],
                               baseline=f"imfhist validate {small}{shape}",
                               target=sizes[-1] / sizes[-2] * 1.1))
    found += write_benches(folder, quick, bool(sizes))
    if quick:
        found += chain_benches(folder, 1000)
    anchor = shutil.which("check-jsonschema", path=str(Path(PYTHON).parent))
    if anchor and not quick and sizes:
        schema = folder / "imfhist-1.schema.json"
        schema.write_bytes(subprocess.run([SCRIPT, "schema"], capture_output=True,
                                          check=True).stdout)
        ten = folder / f"pages-{min(sizes)}" / "timeline.yaml"
        checker = Bench(f"check-jsonschema {min(sizes) // 1000}k",
                        [anchor, "--schemafile", str(schema), str(ten)])
        found += [checker, Bench(f"imfhist validate {min(sizes) // 1000}k", [],
                                 baseline=checker.name, target=0.15)]
    return found


# 26,800 generated events make 11.8 MB: the size at which `add` once took 34 s against 4.6 s for
# `validate`. Each write benchmark changes its own copy, with a new value at each run.
WRITE_EVENTS = 26800


def write_benches(folder: Path, quick: bool, with_sizes: bool) -> list[Bench]:
    if not with_sizes:
        return []
    events = 1000 if quick else WRITE_EVENTS
    label = f"{events / 1000:g}k"
    clean = folder / f"write-{events}.yaml"
    clean.write_text(generate(events), encoding="utf-8")
    validate = Bench(f"imfhist validate {label} (write size)",
                     [SCRIPT, "validate", "--quiet", str(clean)])
    found = [validate]
    for name, arguments in (
            # The title's words are the quote's (claim-words): one number for both.
            ("add --yes", 'add --title "Essai $N" --source source-1 '
                          '--quote "un essai de mesure, le numéro $N" --yes'),
            ("edit --title", 'edit event-5 --title "Titre $N"'),
            ("rename", 'rename event-7 "event-7-$(date +%s%N)"')):
        copy = folder / f"write-{events}-{name.split()[0]}.yaml"
        copy.write_bytes(clean.read_bytes())
        if name == "edit --title":
            # A new title at each run, which no quote carries: without `lang`, claim-words
            # does not compare them.
            copy.write_bytes(clean.read_bytes().replace(b"\nlang: fr\n", b"\n"))
        if name == "rename":
            # Each run renames the event the run before renamed: find it by its title.
            arguments = ('rename "$(grep -m1 -o \'event-7-[0-9]*\\|event-7$\' FILE)" '
                         '"event-7-$(date +%s%N)"')
        command = (f'N=$(date +%s%N); {SCRIPT} {arguments.replace("FILE", str(copy))} '
                   f'--file "{copy}" >/dev/null')
        found.append(Bench(f"imfhist {name} {label}", ["sh", "-c", command],
                           baseline=validate.name, target=1.5))
    return found


# The html page explains each bound that relations give, back to the date it comes from. On one
# chain through the whole file, every event's bound goes back through all the events before it:
# the page once walked each chain whole for each event, and 20,000 events took minutes.
CHAIN_EVENTS = 20000


def chain_benches(folder: Path, events: int) -> list[Bench]:
    """The page of a timeline where each event is placed by a relation to the one before it,
    against the page of a timeline of dated events of the same size: within 2 x."""
    label = f"{events / 1000:g}k"
    dated = folder / f"chain-dated-{events}.yaml"
    dated.write_text(generate(events), encoding="utf-8")
    baseline = Bench(f"imfhist export --format html {label} dated",
                     [SCRIPT, "export", "--format", "html", "--file", str(dated)])
    found = [baseline]
    for kind in ("starts_after", "during"):
        chained = folder / f"chain-{kind}-{events}.yaml"
        chained.write_text(generate(events, chain=kind), encoding="utf-8")
        found.append(Bench(f"imfhist export --format html {label}, {kind} chain",
                           [SCRIPT, "export", "--format", "html", "--file", str(chained)],
                           baseline=baseline.name, target=2.0))
    return found


def compile_imfhist() -> None:
    """Compile imfhist's modules once, as `pip install` does for an installed package (an
    editable install, or PYTHONDONTWRITEBYTECODE, would otherwise leave them as sources)."""
    import compileall

    import imfhist

    compileall.compile_dir(Path(imfhist.__file__).parent, quiet=1)


def hostile_benches(folder: Path, megabytes: float) -> list[Bench]:
    """Each hostile shape against validating a normal timeline of the same size: within 5 x."""
    from hostile import write_all

    found: list[Bench] = []
    normals: set[str] = set()
    for name, (path, normal) in write_all(folder, megabytes).items():
        baseline = f"imfhist validate normal {normal.stat().st_size / 2**20:.1f} MB"
        if baseline not in normals:
            normals.add(baseline)
            found.append(Bench(baseline, [SCRIPT, "validate", "--quiet", str(normal)]))
        found.append(Bench(f"hostile: {name}", [SCRIPT, "validate", "--quiet", str(path)],
                           baseline=baseline, target=5.0, ok_codes=(0, 1)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smallest sizes, one run each")
    parser.add_argument("--runs", type=int, default=None, help="runs of each benchmark")
    parser.add_argument("--startup", action="store_true",
                        help="only the start-up benchmarks (the shipped timeline)")
    parser.add_argument("--hostile", action="store_true",
                        help="only the hostile files of docs/robustness.md, against normal ones")
    parser.add_argument("--hostile-mb", type=float, default=12,
                        help="size of the hostile files in MB (default 12)")
    parser.add_argument("--chains", type=int, nargs="?", const=CHAIN_EVENTS, default=None,
                        metavar="EVENTS",
                        help="only the html page of one chain of relations through the whole "
                             f"file, against dated events (default {CHAIN_EVENTS} events)")
    parser.add_argument("--sizes", default="10000,100000",
                        help="timeline sizes, comma-separated (default 10000,100000)")
    arguments = parser.parse_args()
    sizes = [1000] if arguments.quick else [int(s) for s in arguments.sizes.split(",")]
    if arguments.startup:
        sizes = []
    runs = arguments.runs or (1 if arguments.quick else 7)
    compile_imfhist()
    with tempfile.TemporaryDirectory() as directory:
        if arguments.hostile:
            all_benches = hostile_benches(Path(directory), arguments.hostile_mb)
        elif arguments.chains:
            all_benches = chain_benches(Path(directory), arguments.chains)
        else:
            all_benches = benches(Path(directory), sizes, arguments.quick)
        runnable = [b for b in all_benches if b.command]
        by_name = {b.name: b for b in runnable}
        for number in range(runs):
            # Larger files run fewer times: their medians are stable, and they take long.
            for bench in runnable if number % 2 == 0 else reversed(runnable):
                big = any(f"{s // 1000}k" in bench.name for s in sizes if s >= 100000)
                if big and number >= max(3, runs // 2):
                    continue
                run_once(bench)
        report(all_benches, by_name, runs)


def report(all_benches: list[Bench], by_name: dict[str, Bench], runs: int) -> None:
    print(f"imfhist benchmarks: Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores, up to {runs} runs each (medians)")
    header = (f"{'benchmark':<48} {'wall':>8} {'cpu':>8} {'peak MB':>8} {'ratio':>7} "
              f"{'target':>7}  result")
    print(header)
    print("-" * len(header))
    failures = 0
    for bench in all_benches:
        measured = bench if bench.times else by_name.get(bench.name)
        if measured is None or not measured.times:
            continue
        wall = statistics.median(measured.times)
        cpu = statistics.median(measured.cpus)
        memory = statistics.median(measured.memories) / 1024
        ratio_text = target_text = result = ""
        if bench.baseline and bench.baseline in by_name and by_name[bench.baseline].times:
            base = by_name[bench.baseline]
            ratio = cpu / statistics.median(base.cpus)
            ratio_text = f"{ratio:.2f}"
            if bench.target is not None:
                target_text = f"≤{bench.target:.2f}"
                met = ratio <= bench.target
                result = f"{'met' if met else 'NOT MET'} vs {base.name}"
                if bench.memory_target is not None:
                    memory_ratio = memory / (statistics.median(base.memories) / 1024)
                    memory_met = memory_ratio <= bench.memory_target
                    result += f"; memory {memory_ratio:.2f} {'met' if memory_met else 'NOT MET'}"
                    met = met and memory_met
                failures += not met
        label = bench.name if bench.command else f"  {bench.name} (ratio)"
        print(f"{label:<48} {wall:>7.3f}s {cpu:>7.3f}s {memory:>8.1f} {ratio_text:>7} "
              f"{target_text:>7}  {result}")
    print(f"{failures} target(s) not met")


if __name__ == "__main__":
    main()
