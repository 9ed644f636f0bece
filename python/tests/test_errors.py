"""Bad input raises `porttwin.ScenarioError` located as the command line locates it."""

from __future__ import annotations

import subprocess

import pytest

import porttwin


def broken_copy(repo, tmp_path):
    text = (repo / "scenarios" / "land_port_day.ron").read_text()
    assert '"egates": (servers: 8,' in text
    broken = tmp_path / "broken.ron"
    broken.write_text(text.replace('"egates": (servers: 8,', '"egates": (servers: 0,'))
    line = next(i for i, l in enumerate(broken.read_text().splitlines(), 1) if '"egates": (servers: 0,' in l)
    return broken, line


def test_a_malformed_scenario_raises_the_located_error(repo, cli, tmp_path):
    broken, line = broken_copy(repo, tmp_path)
    with pytest.raises(porttwin.ScenarioError) as caught:
        porttwin.load(broken)
    error = caught.value
    assert error.file == str(broken)
    assert error.line == line
    assert error.field == "facilities.egates.servers"
    assert error.problems[0]["column"] == error.column
    assert isinstance(error, ValueError)
    validate = subprocess.run([str(cli), "validate", str(broken)], capture_output=True, text=True)
    assert validate.returncode == 2
    assert str(error).splitlines()[0] in validate.stderr


def test_a_syntax_error_names_line_and_field(tmp_path):
    bad = tmp_path / "typo.ron"
    bad.write_text('Scenario(\n    meta: (name: "t", duration_h: 1.0, sed: 3),\n)\n')
    with pytest.raises(porttwin.ScenarioError) as caught:
        porttwin.load(bad)
    assert caught.value.line == 2
    assert "sed" in str(caught.value)


def test_a_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        porttwin.load(tmp_path / "nowhere.ron")


def test_a_wrong_override_names_its_path_and_a_hint(repo):
    scenario = porttwin.load(repo / "scenarios" / "land_port_day.ron")
    with pytest.raises(porttwin.ScenarioError) as caught:
        porttwin.run(scenario, overrides={"facilities.desk.servers": 20})
    assert caught.value.field == "facilities.desk.servers"
    assert caught.value.file == "overrides"
    assert "desks" in caught.value.hint
    with pytest.raises(porttwin.ScenarioError) as caught:
        scenario.with_overrides({"facilities.egates.servers": 0})
    assert "at least 1 server" in str(caught.value)


def test_a_wrong_incident_is_located_and_changes_nothing(repo):
    sim = porttwin.Simulation(repo / "scenarios" / "land_port_day.ron")
    with pytest.raises(porttwin.ScenarioError) as caught:
        sim.breakdown("scanners", for_min=10)
    assert "scanners" in str(caught.value)
    assert "egates" in (caught.value.hint or "")
    with pytest.raises(ValueError):
        sim.step_until("08:00").surge("pedestrians", 10, at="07:00")
    assert sim.staged == []


def test_a_sweep_spec_error_is_located(repo, tmp_path):
    spec = tmp_path / "bad.ron"
    spec.write_text(f'Sweep(name: "x", base: "{repo / "scenarios" / "land_port_day.ron"}", replications: 0)\n')
    with pytest.raises(porttwin.ScenarioError) as caught:
        porttwin.sweep(spec)
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(spec), 1, "replications")
