"""The package's layers (docs/architecture.md) hold: import-linter's contracts are kept, they cover
every package, and the page that explains them names every module there is."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "imfhist"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def contracts() -> list[dict]:
    with (REPO / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["contracts"]


def layers() -> list[str]:
    (contract,) = [c for c in contracts() if c["type"] == "layers"]
    return [name.strip() for layer in contract["layers"] for name in re.split(r"[|:]", layer)]


def test_lint_imports_keeps_every_contract() -> None:
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=REPO, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


def test_the_layers_contract_covers_every_package_and_top_level_module() -> None:
    (contract,) = [c for c in contracts() if c["type"] == "layers"]
    assert contract["containers"] == ["imfhist"] and contract["exhaustive"] is True
    children = {path.stem for path in PACKAGE.glob("*.py") if path.name != "__init__.py"}
    children |= {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert set(layers()) == children


def test_the_top_level_shows_the_layers_at_a_glance() -> None:
    entries = [path.name for path in PACKAGE.iterdir() if path.name != "__pycache__"]
    assert len(entries) <= 10, sorted(entries)


def test_circles_are_forbidden_in_every_package() -> None:
    (contract,) = [c for c in contracts() if c["type"] == "acyclic_siblings"]
    assert contract["ancestors"] == ["imfhist"]


# The modules of each layer, and its sub-packages (rules/, exports/, report/: one module per rule
# family or format, registered by name), as docs/architecture.md's tables name them.
@pytest.mark.parametrize("module", sorted(
    str(path.relative_to(PACKAGE)) for path in [*PACKAGE.glob("*/*.py"), *PACKAGE.glob("*/*/")]
    if path.name not in ("__init__.py", "__pycache__", "locale", "schema")))
def test_docs_architecture_names_every_module(module: str) -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    name = Path(module).name + ("/" if (PACKAGE / module).is_dir() else "")
    assert f"`{name}`" in page, f"docs/architecture.md: add {module}"


def test_a_broken_layer_is_caught(tmp_path: Path) -> None:
    """The contract is not vacuous: an upward import in a copy of the package breaks it."""
    import shutil

    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "imfhist",
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "schema"))
    loader = copy / "imfhist" / "timeline" / "loader.py"
    loader.write_text(loader.read_text(encoding="utf-8")
                      + "\nfrom imfhist.publishing import view\n", encoding="utf-8")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path,
                            env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "imfhist.timeline.loader -> imfhist.publishing.view" in result.stdout
