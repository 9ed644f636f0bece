"""The result of a run: summary, series, wait histograms and digest."""

from __future__ import annotations

import json
from typing import Any

from ._frames import frame


class Result:
    """What a run produced, as ``porttwin run`` writes it.

    - ``summary``: the ``summary.json`` dict (keys documented in the README and docs/);
    - ``series``: per-minute samples, the columns of ``series.csv`` (``time_s``, ``clock``,
      ``in_system``, ``<stage>.queue``, ``<pool>.busy``, ``<pool>.staffed``);
    - ``waits``: the wait-time histograms, the columns of ``waits.csv`` (``stage``, ``low_s``,
      ``high_s``, ``count``);
    - ``digest``: the run's 16-hex-digit digest (equal runs have equal digests);
    - ``run_s``: wall-clock seconds of the Rust run itself.

    ``series`` and ``waits`` are pandas DataFrames when pandas is installed, else
    ``dict[str, list]`` columns.
    """

    __slots__ = ("summary", "series", "waits", "digest", "run_s")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.summary: dict[str, Any] = json.loads(raw["summary_json"])
        self.series: Any = frame(raw["series"])
        self.waits: Any = frame(raw["waits"])
        self.digest: str = raw["digest"]
        self.run_s: float = raw["run_s"]

    def __repr__(self) -> str:
        s = self.summary
        return f"<porttwin.Result {s['scenario']} seed {s['seed']}: {s['served']} served, digest {self.digest}>"
