"""A validated scenario."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

from . import _porttwin
from ._ron import pairs


class Scenario:
    """A validated scenario, from :func:`porttwin.load`. Immutable: :meth:`with_overrides` makes
    a new one."""

    __slots__ = ("_native",)

    def __init__(self, native: _porttwin.Scenario) -> None:
        self._native = native

    @property
    def name(self) -> str:
        """``meta.name``."""
        return self._native.name

    @property
    def path(self) -> Path:
        """The file it was read from."""
        return self._native.path

    @property
    def text(self) -> str:
        """Its RON text, overrides applied (write it to a file to run it with the CLI)."""
        return self._native.text

    @property
    def seed(self) -> int:
        """``meta.seed``, used when a run is given no seed."""
        return self._native.seed

    @property
    def duration_s(self) -> float:
        """Simulated duration in seconds."""
        return self._native.duration_s

    @property
    def fidelity(self) -> str:
        """``"flow"`` or ``"micro"``."""
        return self._native.fidelity

    @property
    def stages(self) -> list[str]:
        """Stage names, in series column order."""
        return self._native.stages

    @property
    def pools(self) -> list[str]:
        """Pool names."""
        return self._native.pools

    @property
    def sources(self) -> list[str]:
        """Source (``demand``) names."""
        return self._native.sources

    def with_overrides(self, overrides: Mapping[str, Any]) -> "Scenario":
        """A new scenario with ``{field path: value}`` set, validated as a sweep variant is
        (``{"facilities.desks.servers": 30}``); errors raise :class:`porttwin.ScenarioError`
        whose ``field`` is the override's path."""
        return Scenario(self._native.with_overrides(pairs(overrides)))

    def __repr__(self) -> str:
        return f"<porttwin.Scenario {self.name} from {self.path}>"


def load(path: "str | os.PathLike[str]") -> Scenario:
    """Reads and validates a scenario file. A malformed or inconsistent file raises
    :class:`porttwin.ScenarioError` carrying ``file``, ``line``, ``column``, ``field`` and
    ``hint`` (and every problem in ``problems``); a missing file raises ``FileNotFoundError``."""
    return Scenario(_porttwin.load(Path(path)))


def scenario_of(scenario: "Scenario | str | os.PathLike[str]", overrides: Mapping[str, Any] | None) -> Scenario:
    """``scenario`` (loaded from a path if need be) with ``overrides`` applied."""
    loaded = scenario if isinstance(scenario, Scenario) else load(scenario)
    return loaded.with_overrides(overrides) if overrides else loaded
