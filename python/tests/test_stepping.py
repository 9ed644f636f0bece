"""A stepped run is the headless run: stepping in any steps without inputs ends with the
headless digest; incidents and roster changes staged while stepping give the digest of the
scenario that lists them, as `porttwin run` computes it."""

from __future__ import annotations

import pytest

import porttwin
from conftest import cli_run

DAY = "scenarios/land_port_day.ron"


def test_stepping_in_uneven_steps_ends_with_the_headless_digest(repo):
    scenario = porttwin.load(repo / DAY)
    headless = porttwin.run(scenario, seed=5)
    sim = porttwin.Simulation(scenario, seed=5)
    assert (sim.now_s, sim.clock, sim.finished) == (0.0, "00:00:00", False)
    sim.step_until("06:07")
    assert sim.clock == "06:07:00"
    sim.step_until(6 * 3600 + 7 * 60 + 0.25).step().step()
    assert sim.now_s == pytest.approx(6 * 3600 + 7 * 60 + 0.25 + 2 * 900)
    sim.step_until("13:00:30")
    result = sim.finish()
    assert result.digest == headless.digest
    assert result.summary == headless.summary
    assert list(result.series["in_system"]) == list(headless.series["in_system"])


def test_views_are_consistent(repo):
    sim = porttwin.Simulation(repo / DAY, seed=42)
    sim.step_until("08:30")
    pools, queues = sim.pools, sim.queues
    for stage, pool in [("egate", "egates"), ("desk", "desks"), ("search", "search")]:
        assert queues[stage] == pools[pool]["waiting"], stage
    assert pools["desks"]["staffed"] == 13  # the roster at 08:00
    assert all(p["busy"] <= p["on_duty"] for p in pools.values())
    counts = sim.counts
    assert counts["arrived"] == counts["exited"] + counts["balked"] + sim.in_system
    assert sum(sim.at_stage.values()) == sim.in_system
    with pytest.raises(porttwin.RunError):
        sim.finish()
        sim.step_until("09:00")


def test_incidents_and_roster_changes_replay_as_the_cli_runs_them(repo, cli, tmp_path):
    scenario = porttwin.load(repo / DAY)
    plain = porttwin.run(scenario, seed=42)
    sim = porttwin.Simulation(scenario, seed=42)
    sim.step_until("07:40")
    assert sim.breakdown("egates", servers=5, for_min=45) == 'Breakdown(at: "07:40:00", pool: "egates", servers: 5, for_min: 45)'
    sim.surge("pedestrians", 300, spread_min=20, at="08:00")
    sim.step_until("08:10:30")
    sim.staffing("desks", servers=6, for_min=90)
    assert sim.pools["desks"]["staffed"] == 13, "an input takes effect when the run next steps"
    sim.step_until("08:11")
    assert sim.pools["desks"]["staffed"] == 6
    assert sim.pools["egates"]["out_of_order"] == 5
    sim.smuggler("pedestrians", ["drugs", "cash"])
    assert len(sim.staged) == 4
    stepped = sim.finish()
    assert stepped.digest != plain.digest
    assert stepped.summary["arrived"] == plain.summary["arrived"] + 301
    replay = sim.replay_scenario()
    path = tmp_path / "replay.ron"
    path.write_text(replay.text)
    assert cli_run(cli, path, 42, tmp_path / "out")["digest"] == stepped.digest
    assert porttwin.run(replay, seed=42).digest == stepped.digest


def test_a_roster_change_ends_and_the_roster_applies_again(repo):
    sim = porttwin.Simulation(repo / DAY, seed=42)
    sim.step_until("08:10")
    sim.staffing("desks", servers=2, for_min=30)
    sim.step_until("08:39")
    assert sim.pools["desks"]["staffed"] == 2
    sim.step_until("08:41")
    assert sim.pools["desks"]["staffed"] == 13
    with pytest.raises(porttwin.ScenarioError) as caught:
        sim.staffing("desks", servers=15, for_min=10)
    assert "13 servers" in str(caught.value)


def test_micro_fidelity_steps_whole_motion_steps_and_ends_with_the_headless_digest(repo):
    scenario = porttwin.load(repo / "scenarios" / "truck_lane.ron")
    assert scenario.fidelity == "micro"
    headless = porttwin.run(scenario, seed=3)
    sim = porttwin.Simulation(scenario, seed=3)
    sim.step_until(1234.5)
    assert 1234.5 <= sim.now_s < 1234.5 + 1.0, "stops at the first motion step at or after the target"
    sim.step_until("01:00")
    assert sim.finish().digest == headless.digest
