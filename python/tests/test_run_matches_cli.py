"""A Python run is the command line's run: same summary, digest, series and waits."""

from __future__ import annotations

import csv

import porttwin
from conftest import cli_run


def test_land_port_day_gives_the_cli_summary_and_digest(repo, cli, tmp_path):
    path = repo / "scenarios" / "land_port_day.ron"
    expected = cli_run(cli, path, 42, tmp_path / "out")
    result = porttwin.run(porttwin.load(path), seed=42)
    assert result.digest == expected["digest"]
    assert result.summary == expected
    assert result.run_s > 0


def test_series_and_waits_are_the_cli_files(repo, cli, tmp_path):
    path = repo / "scenarios" / "land_port_day.ron"
    cli_run(cli, path, 7, tmp_path)
    result = porttwin.run(path, seed=7)
    with open(tmp_path / "series.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(result.series.columns) == list(rows[0].keys())
    assert len(result.series) == len(rows)
    for column in result.series.columns:
        assert [str(v) for v in result.series[column]] == [r[column] for r in rows], column
    with open(tmp_path / "waits.csv", newline="") as f:
        waits = list(csv.DictReader(f))
    assert list(result.waits["stage"]) == [w["stage"] for w in waits]
    assert list(result.waits["count"]) == [int(w["count"]) for w in waits]
    assert [float(x) for x in result.waits["high_s"]] == [float(w["high_s"]) for w in waits]


def test_the_scenario_seed_is_the_default(repo):
    scenario = porttwin.load(repo / "scenarios" / "land_port_day.ron")
    assert scenario.seed == 42
    assert porttwin.run(scenario).digest == porttwin.run(scenario, seed=42).digest
    assert porttwin.run(scenario, seed=43).digest != porttwin.run(scenario, seed=42).digest


def test_scenario_describes_itself(repo):
    scenario = porttwin.load(repo / "scenarios" / "land_port_day.ron")
    assert scenario.name == "land_port_day"
    assert scenario.fidelity == "flow"
    assert scenario.duration_s == 24 * 3600
    assert "desks" in scenario.pools and "desk" in scenario.stages and "pedestrians" in scenario.sources


def test_without_pandas_the_tables_are_plain_columns(repo, monkeypatch):
    from porttwin import _frames

    monkeypatch.setattr(_frames, "_pandas", None)
    monkeypatch.setattr(_frames, "_numpy", None)
    result = porttwin.run(repo / "scenarios" / "land_port_day.ron", seed=42)
    assert isinstance(result.series, dict) and isinstance(result.waits, dict)
    assert result.series["time_s"][:3] == [0, 60, 120]
    assert result.series["clock"][1] == "00:01:00"
    assert len(result.series["desk.queue"]) == len(result.series["time_s"])
    desk = result.summary["stages"]["desk"]
    waited = sum(c for stage, c in zip(result.waits["stage"], result.waits["count"]) if stage == "desk")
    assert waited == desk["entered"] - desk["balked"] - desk["in_queue_at_end"]
