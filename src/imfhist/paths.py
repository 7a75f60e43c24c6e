"""Which timeline file a command reads.

In order: the `--file` option; the `IMFHIST_FILE` environment variable; the IMF timeline that
ships with imfhist (inside the installed package, or `data/timeline.yaml` of a source checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT_VARIABLE = "IMFHIST_FILE"


def shipped_timeline() -> Path:
    packaged = Path(__file__).parent / "data" / "timeline.yaml"
    if packaged.exists():
        return packaged
    # A checkout (or an editable install of one): the repository's own data/.
    return Path(__file__).resolve().parents[2] / "data" / "timeline.yaml"


def schema_path() -> Path:
    return Path(__file__).parent / "schema" / "imfhist-1.schema.json"


def timeline_path(option: Path | None) -> Path:
    if option is not None:
        return option
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return Path(from_environment)
    return shipped_timeline()
