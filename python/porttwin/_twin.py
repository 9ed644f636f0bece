"""The digital twin from Python: snapshots, fork-and-forecast, calibration (docs/twin.md)."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Mapping, Optional, Union

from . import _porttwin
from ._clock import Time, span
from ._frames import frame, have_pandas
from ._scenario import Scenario, load
from ._sweep import number

Where = Union[str, "os.PathLike[str]"]


class Snapshot:
    """The whole state of a run at one simulated time: the bytes of a snapshot file, as
    ``porttwin run --snapshot-at`` writes them and ``porttwin run --from`` and ``porttwin
    forecast --from`` read them. Take one with :meth:`porttwin.Simulation.snapshot`, read one
    with :func:`read_snapshot`; resume it with :meth:`porttwin.Simulation.from_snapshot`.

    - ``data``: the file's bytes; ``name``: the name errors give it;
    - ``envelope``: the envelope line as a dict (format and porttwin versions, ``scenario``,
      ``scenario_sha256``, ``seed``, ``time_ms``, ``time``, ``digest``);
    - ``at_s``, ``clock``, ``seed``, ``digest``, ``scenario_path``: the same, by name.

    A malformed snapshot, or one written by another porttwin version, raises
    :class:`porttwin.SnapshotError`."""

    __slots__ = ("data", "name", "envelope")

    def __init__(self, data: bytes, name: str = "<snapshot>") -> None:
        self.data: bytes = bytes(data)
        self.name: str = name
        self.envelope: dict[str, Any] = json.loads(_porttwin.snapshot_envelope(self.data, name))

    @property
    def at_s(self) -> float:
        """Simulated seconds since the start of the run."""
        return self.envelope["time_ms"] / 1000.0

    @property
    def clock(self) -> str:
        """The simulated time, ``"HH:MM:SS"`` (``"d2 HH:MM:SS"`` from the second day on)."""
        return self.envelope["time"]

    @property
    def seed(self) -> int:
        """The run's seed."""
        return self.envelope["seed"]

    @property
    def digest(self) -> str:
        """The run's digest so far."""
        return self.envelope["digest"]

    @property
    def scenario_path(self) -> Path:
        """The scenario file it was taken of, as the run named it."""
        return Path(self.envelope["scenario"])

    def write(self, path: Where) -> Path:
        """Writes the snapshot file to ``path`` (through a temporary file and a rename, so a
        reader never sees half a file); returns the path."""
        target = Path(path)
        handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(self.data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    def __repr__(self) -> str:
        return f"<porttwin.Snapshot of {self.envelope['scenario_name']} seed {self.seed} at {self.clock}>"


def read_snapshot(path: Where) -> Snapshot:
    """Reads a snapshot file (``porttwin run --snapshot-at`` or :meth:`Snapshot.write`)."""
    return Snapshot(Path(path).read_bytes(), str(path))


def snapshot_of(snapshot: "Snapshot | Where") -> Snapshot:
    """A :class:`Snapshot`, or the snapshot file at a path."""
    return snapshot if isinstance(snapshot, Snapshot) else read_snapshot(snapshot)


def scenario_for(snapshot: Snapshot, scenario: "Scenario | Where | None") -> Scenario:
    """The scenario to resume ``snapshot`` into: the one given, or the file the snapshot names."""
    if scenario is None:
        return load(snapshot.scenario_path)
    return scenario if isinstance(scenario, Scenario) else load(scenario)


def _table(text: str) -> Any:
    """A CSV text as a DataFrame (numbers parsed), or ``dict[str, list]`` without pandas."""
    if have_pandas():
        import pandas

        return pandas.read_csv(io.StringIO(text), dtype={"digest": str, "clock": str})
    rows = list(csv.reader(io.StringIO(text)))
    columns: dict[str, list[Any]] = {name: [] for name in rows[0]}
    for row in rows[1:]:
        for name, value in zip(rows[0], row):
            columns[name].append(number(value) if name not in ("digest", "clock") else value)
    return frame(columns)


class ForecastResult:
    """Replications of the next hours from a snapshot, as ``porttwin forecast`` writes them.

    - ``targets``: per variant and service target, the replications that met it and the
      probability with its 95% Wilson interval (``variant``, ``what``, ``within_min``,
      ``required_share``, ``met``, ``replications``, ``probability``, ``low``, ``high``);
    - ``fan``: the quantiles over time, the columns of ``fan.csv`` (``variant``, ``stage``,
      ``measure`` — ``queue`` or ``wait_s`` —, ``time_s``, ``clock``, ``p05`` … ``p95``);
    - ``replications``: ``replications.csv`` (digest, exits and each target met, per run);
    - ``json``: ``forecast.json`` as a dict; ``table``: the text the command prints.
    """

    __slots__ = ("json", "targets", "fan", "replications", "table")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.json: dict[str, Any] = json.loads(raw["json"])
        self.fan: Any = _table(raw["fan_csv"])
        self.replications: Any = _table(raw["replications_csv"])
        self.table: str = raw["table"]
        columns: dict[str, list[Any]] = {
            k: [] for k in ("variant", "what", "within_min", "required_share", "met", "replications", "probability", "low", "high")
        }
        for variant in self.json["variants"]:
            for target in variant["targets"]:
                met = target["met"]
                for key, value in (
                    ("variant", variant["name"]),
                    ("what", target["what"]),
                    ("within_min", target["within_min"]),
                    ("required_share", target["required_share"]),
                    ("met", met["successes"]),
                    ("replications", met["trials"]),
                    ("probability", met["estimate"]),
                    ("low", met["low"]),
                    ("high", met["high"]),
                ):
                    columns[key].append(value)
        self.targets: Any = frame(columns)

    def __repr__(self) -> str:
        return f"<porttwin.ForecastResult {self.json['from']} to {self.json['until']}: {len(self.json['variants'])} variants x {self.json['replications']} replications>"


def forecast(
    snapshot: "Snapshot | Where",
    horizon: Time,
    replications: int = 32,
    variants: Optional[Mapping[str, Mapping[str, Any]]] = None,
    scenario: "Scenario | Where | None" = None,
    reseed: bool = True,
    workers: Optional[int] = None,
    bin: Time = "15min",
) -> ForecastResult:
    """Replications of the next ``horizon`` (``"2h"``, seconds, a timedelta) from ``snapshot``,
    as ``porttwin forecast --from SNAP --horizon … --replications …`` runs them.

    ``variants`` maps a name to overrides of the scenario (``{"more_desks":
    {"facilities.desks.servers": 14}}``; ``{}`` is the scenario as it is); replication k of
    every variant draws the same future (common random numbers). Without ``variants`` the
    scenario runs as it is, named ``base``. ``scenario`` is the snapshot's scenario (default:
    the file the snapshot names; it must be the very file, overrides included). With
    ``reseed=False`` every replication continues the snapshot's own streams and reproduces the
    saved run. Runs go on ``workers`` threads (default: the hardware threads), GIL released."""
    snapshot = snapshot_of(snapshot)
    base = scenario_for(snapshot, scenario)
    variant_list = [(name, base.with_overrides(overrides)._native) for name, overrides in (variants or {}).items()]
    raw = _porttwin.forecast(
        snapshot.data,
        snapshot.name,
        base._native,
        variant_list,
        span(horizon),
        int(replications),
        bool(reseed),
        int(workers or os.cpu_count() or 1),
        span(bin),
    )
    return ForecastResult(raw)


class CalibrationResult:
    """A fitted calibration, as ``porttwin calibrate`` writes ``calibration.json``.

    - ``estimates``: per parameter, ``name``, ``path``, ``mean``, ``median``, ``low90``,
      ``high90`` (the 90% posterior interval);
    - ``fit``: per statistic, ``statistic``, ``observed``, ``simulated`` (the posterior mean);
    - ``runs``: simulations run; ``generations``: each generation's tolerance, runs and
      acceptance; ``particles``: the final population (one column per parameter, ``weight``,
      ``distance``); ``json``: ``calibration.json`` as a dict.
    """

    __slots__ = ("json", "estimates", "fit", "runs", "generations", "particles")

    def __init__(self, text: str) -> None:
        self.json: dict[str, Any] = json.loads(text)
        estimates = self.json["estimates"]
        self.estimates: Any = frame(
            {
                "name": [e["name"] for e in estimates],
                "path": [e["path"] for e in estimates],
                "mean": [e["mean"] for e in estimates],
                "median": [e["median"] for e in estimates],
                "low90": [e["interval_90"][0] for e in estimates],
                "high90": [e["interval_90"][1] for e in estimates],
            }
        )
        fit = self.json["fit"]
        self.fit: Any = frame({k: [f[k] for f in fit] for k in ("statistic", "observed", "simulated")})
        self.runs: int = self.json["runs"]
        self.generations: list[dict[str, Any]] = self.json["generations"]
        population = self.json["abc"]["population"]
        particles: dict[str, list[Any]] = {
            e["name"]: [theta[k] for theta in population["particles"]] for k, e in enumerate(estimates)
        }
        particles["weight"] = list(population["weights"])
        particles["distance"] = list(population["distances"])
        self.particles: Any = frame(particles)

    def __repr__(self) -> str:
        return f"<porttwin.CalibrationResult {len(self.json['estimates'])} parameters, {self.runs} runs>"


def calibrate(spec: Where, workers: Optional[int] = None) -> CalibrationResult:
    """Fits the parameters of a calibration spec (docs/twin.md) to its observed log by ABC-SMC,
    as ``porttwin calibrate SPEC`` does, on ``workers`` threads (default: the hardware
    threads) with the GIL released. A bad spec raises :class:`porttwin.ScenarioError`."""
    return CalibrationResult(_porttwin.calibrate(os.fspath(spec), int(workers or os.cpu_count() or 1)))
