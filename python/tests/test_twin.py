"""The digital twin from Python is the command line's: a snapshot taken while stepping is the
file `porttwin run --snapshot-at` writes, a run resumed from it ends with the straight run's
digest, forecasts and calibrations give `porttwin forecast` and `porttwin calibrate`'s
results, and bad snapshots raise a clear `SnapshotError`."""

from __future__ import annotations

import json
import subprocess

import pytest

import porttwin

DAY = "scenarios/land_port_day.ron"


def run_cli(cli, *args, cwd=None):
    return subprocess.run([str(cli), *map(str, args)], capture_output=True, text=True, check=True, cwd=cwd)


def test_a_snapshot_is_the_cli_s_file_and_resumes_to_the_straight_digest(repo, cli, tmp_path):
    path = repo / DAY
    straight = porttwin.run(porttwin.load(path), seed=42)
    sim = porttwin.Simulation(porttwin.load(path), seed=42)
    sim.step_until("08:00")
    snapshot = sim.snapshot()
    assert (snapshot.clock, snapshot.seed, snapshot.at_s) == ("08:00:00", 42, 8 * 3600.0)
    assert snapshot.digest == sim.digest

    run_cli(cli, "run", path, "--seed", 42, "--snapshot-at", "08:00", "--out", tmp_path / "cli", "--quiet")
    assert snapshot.data == (tmp_path / "cli" / "snapshot-08-00-00.snap").read_bytes()

    assert sim.finish().digest == straight.digest, "taking a snapshot changes nothing"
    resumed = porttwin.Simulation.from_snapshot(snapshot)
    assert (resumed.clock, resumed.seed) == ("08:00:00", 42)
    result = resumed.step_until("12:00").finish()
    assert result.digest == straight.digest
    assert result.summary == straight.summary

    written = snapshot.write(tmp_path / "mine.snap")
    assert porttwin.read_snapshot(written).data == snapshot.data
    finished = run_cli(cli, "run", "--from", written, "--json", "--out", tmp_path / "from")
    assert json.loads(finished.stdout)["digest"] == straight.digest


def test_incidents_staged_before_a_snapshot_happen_after_the_resume(repo):
    sim = porttwin.Simulation(repo / DAY, seed=7)
    sim.step_until("07:00")
    sim.breakdown("egates", servers=4, for_min=120, at="07:30")
    sim.step_until("07:15")
    snapshot = sim.snapshot()
    replayed = porttwin.run(sim.replay_scenario(), seed=7)
    resumed = porttwin.Simulation.from_snapshot(snapshot).finish()
    assert resumed.digest == replayed.digest
    assert resumed.digest != porttwin.run(porttwin.load(repo / DAY), seed=7).digest


def test_bad_snapshots_raise_snapshot_errors(repo, tmp_path):
    scenario = porttwin.load(repo / DAY)
    snapshot = porttwin.Simulation(scenario, seed=1).step_until("06:00").snapshot()
    other = scenario.with_overrides({"facilities.desks.servers": 40})
    with pytest.raises(porttwin.SnapshotError, match="scenario changed since the snapshot"):
        porttwin.Simulation.from_snapshot(snapshot, other)
    cut = snapshot.data[: len(snapshot.data) // 2]
    with pytest.raises(porttwin.SnapshotError, match="cut short"):
        porttwin.Snapshot(cut, "cut.snap")
    (tmp_path / "cut.snap").write_bytes(cut)
    with pytest.raises(porttwin.SnapshotError, match="cut.snap"):
        porttwin.Simulation.from_snapshot(tmp_path / "cut.snap")
    with pytest.raises(FileNotFoundError):
        porttwin.read_snapshot(tmp_path / "missing.snap")


def test_micro_fidelity_cannot_be_saved_yet(repo):
    sim = porttwin.Simulation(repo / "scenarios/land_port_day_micro.ron", seed=1)
    sim.step()
    with pytest.raises(porttwin.SnapshotError, match="micro-fidelity"):
        sim.snapshot()


def test_a_forecast_is_the_cli_s_and_variants_share_their_futures(repo, cli, tmp_path):
    path = repo / DAY
    sim = porttwin.Simulation(porttwin.load(path), seed=42).step_until("08:00")
    snapshot = sim.snapshot()
    snapshot.write(tmp_path / "at8.snap")
    python = porttwin.forecast(snapshot, "1h", replications=4, workers=2)
    run_cli(cli, "forecast", "--from", tmp_path / "at8.snap", "--horizon", "1h", "--replications", 4,
            "--workers", 2, "--out", tmp_path / "cli", "--quiet")
    written = json.loads((tmp_path / "cli" / "forecast.json").read_text())
    assert python.json["variants"] == written["variants"]
    assert python.json["future_seeds"] == written["future_seeds"]
    assert len(python.targets["what"]) == len(written["variants"][0]["targets"])

    both = porttwin.forecast(snapshot, 3600, replications=4, workers=2,
                             variants={"base": {}, "more_desks": {"facilities.desks.servers": 40, "facilities.desks.roster": [30] * 24}})
    assert both.json["variants"][0] == python.json["variants"][0], "the unchanged variant is the plain forecast"
    assert sorted(set(both.fan["variant"])) == ["base", "more_desks"]
    assert both.json["variants"][1]["digests"] != both.json["variants"][0]["digests"]

    saved = porttwin.forecast(snapshot, "1h", replications=2, reseed=False)
    straight = porttwin.Simulation(porttwin.load(path), seed=42).step_until("09:00")
    assert saved.json["variants"][0]["digests"] == [straight.digest] * 2


SMALL = """Scenario(
    meta: (name: "small", duration_h: 2.0),
    population: [(name: "local", share: 1.0, attributes: {{"enrolled": {enrolled}}})],
    demand: [(name: "road", entry: "triage", arrivals: Hourly(daily_total: 4800, weights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))],
    facilities: {{
        "gates": (servers: 2, automated: true, service: LogNormal(mean_s: 12, sd_s: 3)),
        "desks": (servers: 4, service: LogNormal(mean_s: {desk}, sd_s: 20)),
    }},
    routing: {{
        "triage": (next: Choose([(when: Has("enrolled"), to: "gate"), (when: Always, to: "desk")])),
        "gate": (pool: "gates", next: To("exit")),
        "desk": (pool: "desks", next: To("exit")),
    }},
)"""

SPEC = """Calibration(
    base: "small.ron",
    observed: "truth.jsonl",
    parameters: [
        (name: "desk mean service (s)", path: "facilities.desks.service", value: "LogNormal(mean_s: {}, sd_s: 20)", prior: Uniform(min: 30, max: 120)),
        (name: "enrolled share", path: "population[0].attributes.enrolled", prior: Uniform(min: 0.2, max: 0.9)),
    ],
    statistics: ["stages.desk.mean_service_s", "stages.gate.started", "stages.desk.started"],
    particles: 20,
    max_runs: 160,
    seed: 3,
)"""


def test_a_calibration_is_the_cli_s(cli, tmp_path):
    (tmp_path / "truth.ron").write_text(SMALL.format(enrolled=0.5, desk=75))
    (tmp_path / "small.ron").write_text(SMALL.format(enrolled=0.6, desk=60))
    run_cli(cli, "run", "truth.ron", "--emit-log", "truth.jsonl", "--quiet", "--out", "truth", cwd=tmp_path)
    (tmp_path / "spec.ron").write_text(SPEC)
    fitted = porttwin.calibrate(tmp_path / "spec.ron", workers=2)
    run_cli(cli, "calibrate", "spec.ron", "--workers", 2, "--out", "cli", "--quiet", cwd=tmp_path)
    written = json.loads((tmp_path / "cli" / "calibration.json").read_text())
    assert fitted.json == written
    assert fitted.runs <= 160
    assert list(fitted.estimates["name"]) == ["desk mean service (s)", "enrolled share"]
    low, high = fitted.estimates["low90"][0], fitted.estimates["high90"][0]
    assert 30 <= low <= high <= 120
    assert len(fitted.particles["weight"]) == 20


def test_a_bad_calibration_spec_is_located(tmp_path):
    (tmp_path / "spec.ron").write_text(SPEC.replace("particles: 20", "particles: -4"))
    (tmp_path / "small.ron").write_text(SMALL.format(enrolled=0.6, desk=60))
    (tmp_path / "truth.jsonl").write_text("")
    with pytest.raises(porttwin.ScenarioError) as raised:
        porttwin.calibrate(tmp_path / "spec.ron")
    assert "spec.ron" in str(raised.value)
    assert "particles" in str(raised.value)
