from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imfhist import i18n
from imfhist.cli import app

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parents[1]
SHIPPED = REPO / "data" / "timeline.yaml"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test sees the same terminal: no colour, a fixed width, English, no timeline from
    outside."""
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
