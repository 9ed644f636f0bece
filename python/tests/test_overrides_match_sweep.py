"""Overrides from Python are the sweep's overrides: the runs of `porttwin sweep` are reproduced
one by one with `porttwin.run(..., overrides=...)`, and `porttwin.sweep` gives the same runs and
statistics as the command line."""

from __future__ import annotations

import csv
import math
import subprocess

import porttwin

SPEC = """Sweep(
    name: "py_desks",
    base: "{base}",
    seed: 11,
    replications: 2,
    factors: {{ "facilities.egates.servers": [4, 8], "facilities.search.servers": [2, 3] }},
    kpis: ["stages.egate.wait_s.mean", "time_in_system_s.p95"],
)
"""


def cli_sweep(cli, spec, out):
    subprocess.run([str(cli), "sweep", str(spec), "--workers", "2", "--out", str(out), "--quiet"], check=True)
    with open(out / "runs.csv", newline="") as f:
        runs = list(csv.DictReader(f))
    with open(out / "summary.csv", newline="") as f:
        summary = list(csv.DictReader(f))
    with open(out / "paired.csv", newline="") as f:
        paired = list(csv.DictReader(f))
    return runs, summary, paired


def write_spec(repo, tmp_path):
    spec = tmp_path / "spec.ron"
    spec.write_text(SPEC.format(base=repo / "scenarios" / "land_port_day.ron"))
    return spec


def test_each_sweep_run_is_a_python_run_with_its_overrides(repo, cli, tmp_path):
    runs, _, _ = cli_sweep(cli, write_spec(repo, tmp_path), tmp_path / "out")
    assert len(runs) == 8
    scenario = porttwin.load(repo / "scenarios" / "land_port_day.ron")
    assert len({r["digest"] for r in runs}) == 8
    for row in runs:
        egates, search = (int(kv.split("=")[1]) for kv in row["variant"].split(" "))
        result = porttwin.run(
            scenario,
            seed=int(row["seed"]),
            overrides={"facilities.egates.servers": egates, "facilities.search.servers": search},
        )
        assert result.digest == row["digest"], row["variant"]
        assert result.summary["stages"]["egate"]["wait_s"]["mean"] == float(row["stages.egate.wait_s.mean"])


def test_porttwin_sweep_gives_the_cli_runs_and_statistics(repo, cli, tmp_path):
    spec = write_spec(repo, tmp_path)
    runs, summary, paired = cli_sweep(cli, spec, tmp_path / "out")
    from_file = porttwin.sweep(spec, workers=2)
    from_dict = porttwin.sweep(
        {
            "name": "py_desks",
            "base": porttwin.load(repo / "scenarios" / "land_port_day.ron"),
            "seed": 11,
            "replications": 2,
            "factors": {"facilities.egates.servers": [4, 8], "facilities.search.servers": [2, 3]},
            "kpis": ["stages.egate.wait_s.mean", "time_in_system_s.p95"],
        },
        workers=1,
    )
    # runs.csv lists runs as they finish; summary.csv and the result, by variant (grid order).
    order = list(dict.fromkeys(s["variant"] for s in summary))
    runs.sort(key=lambda r: (order.index(r["variant"]), int(r["replication"])))
    for result in (from_file, from_dict):
        assert list(result.runs["digest"]) == [r["digest"] for r in runs]
        assert list(result.runs["variant"]) == [r["variant"] for r in runs]
        assert list(result.runs["seed"]) == [int(r["seed"]) for r in runs]
        assert list(result.runs["facilities.egates.servers"]) == [4] * 4 + [8] * 4
        assert [round(m, 9) for m in result.estimates["mean"]] == [round(float(s["mean"]), 9) for s in summary]
        assert list(result.paired["variant"]) == [p["variant"] for p in paired]
        for got, want in zip(result.paired["ci95_low"], paired):
            assert math.isclose(got, float(want["ci95_low"]), rel_tol=1e-12, abs_tol=1e-12)
        assert list(result.paired["significant"]) == [p["significant"] == "true" for p in paired]
        assert result.baseline == runs[0]["variant"]
