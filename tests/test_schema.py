"""The JSON Schema of imfhist/1, checked with `jsonschema` as an independent validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import DATA, SHIPPED
from imfhist.timeline.loader import KEYS

# Files whose only faults are of structure, which a JSON Schema can see.
STRUCTURAL = ["wrong-type-list", "unknown-key", "missing-key", "missing-format", "top-level-list",
              "yaml11-bool", "yaml11-date", "yaml11-timestamp-date", "id-format", "actor-kind",
              "no-events", "no-source", "format-version", "relation-kind", "bound-date"]


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    from typer.testing import CliRunner

    from imfhist.cli import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(document)
    return document  # type: ignore[no-any-return]


def validator(schema: dict) -> jsonschema.Draft202012Validator:  # type: ignore[type-arg]
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", [SHIPPED, *sorted((DATA / "valid").glob("*.yaml"))],
                         ids=lambda p: p.stem)
def test_schema_accepts_valid_timelines(schema: dict, path: Path) -> None:  # type: ignore[type-arg]
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(validator(schema).iter_errors(document))
    assert errors == []


@pytest.mark.parametrize("name", STRUCTURAL)
def test_schema_rejects_structural_faults(schema: dict, name: str) -> None:  # type: ignore[type-arg]
    document = yaml.safe_load((DATA / "invalid" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert list(validator(schema).iter_errors(document)), name


def test_schema_keys_are_the_loader_keys(schema: dict) -> None:  # type: ignore[type-arg]
    definitions = {"timeline": schema, **schema["$defs"]}
    for kind, keys in KEYS.items():
        definition = definitions[kind]
        assert set(definition["properties"]) == set(keys), kind
        required = {key for key, needed in keys.items() if needed}
        if kind == "timeline":
            required.add("events")  # the loader reports its absence as no-events
        assert set(definition["required"]) == required, kind


def test_shipped_timeline_points_editors_at_the_schema() -> None:
    first = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (SHIPPED.parent / first.split("=", 1)[1]).resolve()
    assert target.is_file() and json.loads(target.read_text())["title"] == "imfhist/1 timeline"
