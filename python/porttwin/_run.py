"""Headless runs."""

from __future__ import annotations

import os
from typing import Any, Mapping

from . import _porttwin
from ._result import Result
from ._scenario import Scenario, scenario_of


def run(
    scenario: "Scenario | str | os.PathLike[str]",
    seed: int | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Result:
    """Runs a scenario (a loaded :class:`Scenario` or a file) to its end, as ``porttwin run``
    does: the same seed gives the same digest. ``seed`` defaults to the scenario's own;
    ``overrides`` sets fields by path as a sweep does (``{"facilities.desks.servers": 30}``).
    The GIL is released while the run goes on, so threads run in parallel."""
    chosen = scenario_of(scenario, overrides)
    return Result(_porttwin.run(chosen._native, seed))
