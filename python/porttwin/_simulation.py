"""Runs stepped from Python: the app a headless run drives, advanced to given times, with
incidents and staffing changes as inputs between steps."""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping

from . import _porttwin
from ._clock import Time, clock, seconds
from ._result import Result
from ._ron import quote
from ._scenario import Scenario, scenario_of
from ._twin import Snapshot, scenario_for, snapshot_of


class Simulation:
    """A run advanced step by step. It is the very app ``porttwin run`` drives (the library's
    ``Stepper``): stepping it to its end without staging anything gives the headless digest;
    an incident staged at a time gives the digest of the scenario with that incident listed
    in its ``incidents`` (see :meth:`replay_scenario`).

    Views (``queues``, ``pools``, ``at_stage``, ``in_system``…) are copies taken after the last
    step; nothing done with them changes the run. A ``Simulation`` runs on a thread of its own
    and releases the GIL while it steps."""

    __slots__ = ("_scenario", "_native", "_view")

    def __init__(
        self,
        scenario: "Scenario | str | os.PathLike[str]",
        seed: int | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        self._scenario = scenario_of(scenario, overrides)
        self._native = _porttwin.Stepped(self._scenario._native, seed)
        self._view: dict[str, Any] = self._native.view()

    # --- stepping -------------------------------------------------------------------------

    def step_until(self, time: Time) -> "Simulation":
        """Advances to ``time`` (seconds, ``"HH:MM[:SS]"``, ``"d2 06:00"`` or a timedelta), or
        to the end of the run if that comes first. In flow fidelity the clock stops exactly at
        ``time``; in micro fidelity at the first motion step at or after it."""
        self._native.step_until(seconds(time))
        self._view = self._native.view()
        return self

    def step(self) -> "Simulation":
        """One tick, as ``porttwin run`` takes it (15 simulated minutes in flow fidelity, one
        motion step in micro fidelity)."""
        self._native.tick()
        self._view = self._native.view()
        return self

    # --- snapshots --------------------------------------------------------------------------

    def snapshot(self) -> "Snapshot":
        """The whole state now, as a :class:`porttwin.Snapshot` (the bytes ``porttwin run
        --snapshot-at`` writes: ``porttwin run --from`` and ``porttwin forecast --from`` read
        it). The run goes on unchanged. Flow fidelity only: a micro-fidelity run raises
        :class:`porttwin.SnapshotError`."""
        name = f"<snapshot of {self._scenario.name} at {self.clock}>"
        return Snapshot(self._native.snapshot(), name)

    @classmethod
    def from_snapshot(
        cls,
        snapshot: "Snapshot | str | os.PathLike[str]",
        scenario: "Scenario | str | os.PathLike[str] | None" = None,
    ) -> "Simulation":
        """Resumes a saved run (a :class:`porttwin.Snapshot` or a snapshot file): stepped to its
        end it gives the digest and summary of the run that never stopped. ``scenario`` is the
        one the snapshot was taken of (default: the file the snapshot names); another scenario,
        or the same file edited, raises :class:`porttwin.SnapshotError`. The seed is the
        snapshot's. Incidents staged before the snapshot are part of its state and happen as
        planned; :meth:`replay_scenario` lists those staged since the resume."""
        snapshot = snapshot_of(snapshot)
        resumed = cls.__new__(cls)
        resumed._scenario = scenario_for(snapshot, scenario)
        resumed._native = _porttwin.Stepped.resume(resumed._scenario._native, snapshot.data, snapshot.name)
        resumed._view = resumed._native.view()
        return resumed

    def finish(self) -> Result:
        """Runs to the end and returns the :class:`Result`; the simulation is then closed."""
        return Result(self._native.finish())

    # --- views ----------------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        """The scenario being run."""
        return self._scenario

    @property
    def seed(self) -> int:
        """The run's seed."""
        return self._native.seed

    @property
    def now_s(self) -> float:
        """Simulated seconds since the start."""
        return self._view["now_s"]

    @property
    def clock(self) -> str:
        """Simulated time of day, ``"HH:MM:SS"``."""
        return self._view["clock"]

    @property
    def finished(self) -> bool:
        """True once the run has reached its end."""
        return self._view["finished"]

    @property
    def queues(self) -> dict[str, int]:
        """Agents waiting in each stage's queue, by stage."""
        return dict(self._view["queues"])

    @property
    def at_stage(self) -> dict[str, int]:
        """Agents at each stage (queued, in service or on their way to it), by stage."""
        return dict(self._view["at_stage"])

    @property
    def pools(self) -> dict[str, dict[str, int]]:
        """Each pool's ``busy``, ``staffed``, ``on_duty``, ``waiting`` and ``out_of_order`` servers."""
        return {name: dict(state) for name, state in self._view["pools"].items()}

    @property
    def in_system(self) -> int:
        """Agents in the port now."""
        return self._view["in_system"]

    @property
    def counts(self) -> dict[str, int]:
        """Agents ``arrived``, ``exited`` and ``balked`` so far."""
        return {k: self._view[k] for k in ("arrived", "exited", "balked")}

    @property
    def digest(self) -> str:
        """The running digest (the final one once finished)."""
        return self._view["digest"]

    # --- inputs ---------------------------------------------------------------------------
    # Each input is an entry of the scenario's ``incidents`` list, validated as such, and
    # happens at its ``at`` (default: now, rounded up to the second) when the run next steps
    # past it, before any other event at that time; it returns the entry as it replays.

    def _at(self, at: Time | None) -> str:
        when = self.now_s if at is None else seconds(at)
        if when < self.now_s:
            raise ValueError(f"an incident at {clock(when)} is in the past (the clock is at {self.clock})")
        return clock(when)

    def _stage(self, entry: str) -> str:
        staged = self._native.stage(entry)
        self._view = self._native.view()
        return staged

    def surge(self, source: str, count: int, spread_min: float = 0.0, at: Time | None = None) -> str:
        """``count`` extra arrivals at ``source`` spread over ``spread_min`` minutes from ``at``
        (default: now, rounded up to the second). Returns the incident as it replays."""
        return self._stage(
            f"Surge(at: {quote(self._at(at))}, source: {quote(source)}, count: {int(count)}, spread_min: {float(spread_min)!r})"
        )

    def breakdown(self, pool: str, for_min: float, servers: int = 1, at: Time | None = None) -> str:
        """``servers`` of ``pool`` out of order for ``for_min`` minutes from ``at`` (default: now)."""
        return self._stage(
            f"Breakdown(at: {quote(self._at(at))}, pool: {quote(pool)}, servers: {int(servers)}, for_min: {float(for_min)!r})"
        )

    def staffing(self, pool: str, servers: int, for_min: float, at: Time | None = None) -> str:
        """A roster change: ``pool`` staffs ``servers`` instead of its roster for ``for_min``
        minutes from ``at`` (default: now), then its roster applies again (servers out of order
        still count against it). A later change replaces an earlier one."""
        return self._stage(
            f"Staffing(at: {quote(self._at(at))}, pool: {quote(pool)}, servers: {int(servers)}, for_min: {float(for_min)!r})"
        )

    def smuggler(self, source: str, items: Iterable[str] = ("drugs",), at: Time | None = None) -> str:
        """One arrival at ``source`` concealing ``items`` (``"weapons"``, ``"drugs"``,
        ``"wildlife"``, ``"live_animals"``, ``"cash"``) at ``at`` (default: now)."""
        listed = ", ".join(quote(i) for i in items)
        return self._stage(f"Contraband(at: {quote(self._at(at))}, source: {quote(source)}, items: [{listed}])")

    @property
    def staged(self) -> list[str]:
        """The incidents staged so far, as entries of a scenario's ``incidents`` list."""
        return self._native.staged()

    def replay_scenario(self) -> Scenario:
        """The scenario whose ``incidents`` list holds its own incidents and those staged here,
        by time: running it headless with this seed replays this run (``porttwin run`` on its
        ``text`` gives the same digest)."""
        entries = self._native.replay()
        return self._scenario.with_overrides({"incidents": "[" + ", ".join(entries) + "]"})

    def __repr__(self) -> str:
        return f"<porttwin.Simulation {self._scenario.name} seed {self.seed} at {self.clock}>"
