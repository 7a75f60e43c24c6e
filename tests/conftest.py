from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imfhist.cli import app
from imfhist.common import i18n

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parents[1]
SHIPPED = REPO / "data" / "timeline.yaml"


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache-home")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, _cache_home: Path) -> Iterator[None]:
    """Every test sees the same terminal: no colour, a fixed width, English, no timeline from
    outside, and a cache of its own run rather than the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))
    for name in ("IMFHIST_FILE", "FORCE_COLOR", "GITHUB_ACTIONS", "IMFHIST_YAML_LOADER",
                 "IMFHIST_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    i18n.use("en")
    yield
    i18n.use("en")
    os.environ.pop("LANGUAGE", None)


@pytest.fixture(params=["libyaml", "pure"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with libyaml, then with PyYAML's pure-Python reader."""
    if request.param == "pure":
        monkeypatch.setenv("IMFHIST_YAML_LOADER", "pure")
    return str(request.param)


@pytest.fixture
def run() -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str, **kwargs: object):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def timeline_copy(tmp_path: Path) -> Path:
    """A copy of the shipped timeline, with its archived source beside it."""
    target = tmp_path / "timeline.yaml"
    target.write_bytes(SHIPPED.read_bytes())
    (tmp_path / "sources").mkdir()
    for source in (SHIPPED.parent / "sources").iterdir():
        (tmp_path / "sources" / source.name).write_bytes(source.read_bytes())
    return target


def read_terminal(controller: int, deadline: float = 120) -> bytes:
    """All that a program shows on the pseudo-terminal whose controlling end is `controller`,
    until it closes it (or `deadline` seconds pass)."""
    import select
    import time

    shown = b""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        # Waiting a second at a time: a program that asks one question more than the test
        # answers would otherwise block the read, and the test, for ever.
        if not select.select([controller], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    return shown


def write(tmp_path: Path, text: str | bytes, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


__all__ = ["DATA", "REPO", "SHIPPED", "os", "write"]


# Property tests run a bounded number of examples by default (CI); HYPOTHESIS_PROFILE=long runs
# many more, on demand.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# The browser tests: Playwright drives Debian's Chromium (never a browser of its own), and the
# npm packages they load into pages come from tests/.npm, where scripts/test.sh installs them.
NPM_FOLDER = Path(__file__).parent / ".npm"
NPM_PACKAGES = {"axe-core": "axe-core@4.11.1",
                "@knight-lab/timelinejs": "@knight-lab/timelinejs@3.9.11"}
SCREENSHOTS = Path(__file__).parent / "screenshots"


def npm_package(name: str) -> Path:
    """The folder of an npm package the browser tests load, installed by scripts/test.sh (or
    here, by the same command, when pytest is run on its own)."""
    import subprocess

    folder = NPM_FOLDER / "node_modules" / name
    if not (folder / "package.json").exists():
        subprocess.run(["npm", "install", "--silent", "--no-save", "--no-audit", "--no-fund",
                        "--prefix", str(NPM_FOLDER), *NPM_PACKAGES.values()],
                       check=True, capture_output=True, timeout=600)
    return folder


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    import shutil

    from playwright.sync_api import sync_playwright

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    assert binary, "Chromium is needed: apt-get install chromium (scripts/test.sh does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=binary,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync",
                  "--allow-file-access-from-files"])
        yield chromium
        chromium.close()
