"""Python values as RON text, for overrides and incidents (docs/python.md#overrides)."""

from __future__ import annotations

import math
from typing import Any, Mapping


def quote(text: str) -> str:
    """A RON string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_ron(value: Any) -> str:
    """RON text for a value: numbers and booleans as such, lists and tuples as lists, dicts as
    maps with string keys; a ``str`` is taken as RON text already (``'"desk"'`` for a string,
    ``"LogNormal(mean_s: 40, sd_s: 12)"`` for a distribution), as a sweep spec writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} cannot be written in a scenario")
        return repr(value)
    if isinstance(value, str):
        return value
    if value is None:
        return "None"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{quote(str(k))}: {to_ron(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(to_ron(v) for v in value) + "]"
    if hasattr(value, "item"):  # numpy scalars
        return to_ron(value.item())
    raise TypeError(f"cannot write a {type(value).__name__} in a scenario: give a number, a bool, a list, a dict or RON text")


def pairs(overrides: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """``{field path: value}`` as ``(path, RON text)`` pairs, in order."""
    if not overrides:
        return []
    return [(str(path), to_ron(value)) for path, value in overrides.items()]
