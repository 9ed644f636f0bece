"""porttwin from Python: load scenarios, run them, sweep them, step them.

>>> import porttwin
>>> scenario = porttwin.load("scenarios/land_port_day.ron")
>>> result = porttwin.run(scenario, seed=42, overrides={"facilities.desks.servers": 12})
>>> result.digest, result.summary["served"]
>>> result.series.plot(x="time_s", y="desk.queue")

The same scenario and seed give the same results as the ``porttwin`` command line, bit for
bit. Reference: docs/python.md. Snapshots, forecasts and calibration (the digital-twin issue)
are not available from Python yet.
"""

from ._porttwin import RunError, ScenarioError, __version__
from ._result import Result
from ._run import run
from ._scenario import Scenario, load
from ._simulation import Simulation
from ._sweep import SweepResult, sweep

__all__ = [
    "RunError",
    "Result",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "SweepResult",
    "__version__",
    "load",
    "run",
    "sweep",
]
