"""porttwin from Python: load scenarios, run them, sweep them, step them.

>>> import porttwin
>>> scenario = porttwin.load("scenarios/land_port_day.ron")
>>> result = porttwin.run(scenario, seed=42, overrides={"facilities.desks.servers": 12})
>>> result.digest, result.summary["served"]
>>> result.series.plot(x="time_s", y="desk.queue")

The same scenario and seed give the same results as the ``porttwin`` command line, bit for
bit. Snapshots (``Simulation.snapshot``, ``Simulation.from_snapshot``), forecasts
(``porttwin.forecast``) and calibration (``porttwin.calibrate``) are the command line's too.
Reference: docs/python.md.
"""

from ._porttwin import RunError, ScenarioError, SnapshotError, __version__
from ._result import Result
from ._run import run
from ._scenario import Scenario, load
from ._simulation import Simulation
from ._sweep import SweepResult, sweep
from ._twin import CalibrationResult, ForecastResult, Snapshot, calibrate, forecast, read_snapshot

__all__ = [
    "CalibrationResult",
    "ForecastResult",
    "RunError",
    "Result",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "Snapshot",
    "SnapshotError",
    "SweepResult",
    "__version__",
    "calibrate",
    "forecast",
    "load",
    "read_snapshot",
    "run",
    "sweep",
]
