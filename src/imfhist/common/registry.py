"""Registries by name whose entries are imported only when used: "module:function" strings."""

from __future__ import annotations

import importlib
from typing import Any


def resolve(target: str) -> Any:
    """The object named by "package.module:attribute", importing its module now."""
    module_name, attribute = target.split(":")
    return getattr(importlib.import_module(module_name), attribute)
