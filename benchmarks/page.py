"""How the html page behaves with a large history, in Chromium (figures in BENCHMARKS.md).

    python benchmarks/page.py                  # 1,000 and 10,000 events, 5 runs each
    python benchmarks/page.py --sizes 1000 --runs 1

For each size: the export's time and the page's size (whole page, and gzip-compressed as a web
server sends it); then in Debian's Chromium, driven by Playwright, the time until the page is
usable (from the start of navigation to the first frame after its script has run), and the
time a filter change takes until the next frame (a country, a tag, both, then none: the
median of the four, and the slowest). Medians over the runs. The target: a filter change (the
median) under 100 ms at 10,000 events. The load average is printed first: on a shared machine,
the slowest change follows the other work of the moment more than the page.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

TARGET_MS = 100

# Resolves once the frame that follows the current task has been painted.
NEXT_FRAME = "new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"
USABLE = f"""async () => {{
  await {NEXT_FRAME};
  return performance.now();
}}"""
FILTER = f"""async ([country, tag]) => {{
  const countrySelect = document.getElementById("imfhist_country");
  const tagSelect = document.getElementById("imfhist_tag");
  const start = performance.now();
  countrySelect.value = country;
  tagSelect.value = tag;
  countrySelect.dispatchEvent(new Event("change"));
  await {NEXT_FRAME};
  return [performance.now() - start,
          document.querySelectorAll("li.event:not([hidden])").length];
}}"""


def export(timeline: Path, page: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "imfhist", "export", "--format", "html", "-f",
                    str(timeline), "-o", str(page)], check=True, capture_output=True,
                   env={"IMFHIST_MAX_FILE_MB": "200", "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - started


def measure(browser, page_path: Path) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(page_path.as_uri(), wait_until="load")
    usable = page.evaluate(USABLE)
    changes = []
    for country, tag in (("TN", ""), ("", "projet"), ("MA", "culture"), ("", "")):
        elapsed, _shown = page.evaluate(FILTER, [country, tag])
        changes.append(elapsed)
    page.close()
    return usable, changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("Chromium is needed: apt-get install chromium")
    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"imfhist html page: Chromium {browser.version}, {os.cpu_count()} cores, "
              f"{args.runs} runs each (medians); load average before: {load}")
        for size in (int(s) for s in args.sizes.split(",")):
            timeline = Path(folder) / f"t{size}.yaml"
            timeline.write_text(generate(size), encoding="utf-8")
            page = Path(folder) / f"t{size}.html"
            exports, usables, medians, slowest = [], [], [], []
            for _ in range(args.runs):
                exports.append(export(timeline, page))
                usable, changes = measure(browser, page)
                usables.append(usable)
                medians.append(statistics.median(changes))
                slowest.append(max(changes))
            data = page.read_bytes()
            rows.append((size, statistics.median(exports), len(data), len(gzip.compress(data)),
                         statistics.median(usables), statistics.median(medians),
                         statistics.median(slowest)))
        browser.close()
    print(f"{'events':>7} {'export':>8} {'size':>9} {'gzip':>8} {'usable':>8} "
          f"{'filter':>8} {'slowest':>8}  target")
    for size, exported, raw, packed, usable, median, worst in rows:
        verdict = "met" if median < TARGET_MS else "NOT MET"
        print(f"{size:>7} {exported:>7.2f}s {raw / 1e6:>7.2f}MB {packed / 1e6:>6.2f}MB "
              f"{usable:>6.0f}ms {median:>6.1f}ms {worst:>6.1f}ms  filter < {TARGET_MS} ms: "
              f"{verdict}")


if __name__ == "__main__":
    main()
