"""Runs on several Python threads at once: each gets its own deterministic result."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import porttwin

DAY = "scenarios/land_port_day.ron"


def test_two_threads_running_at_once_get_their_own_results(repo):
    scenario = porttwin.load(repo / DAY)
    alone = {seed: porttwin.run(scenario, seed=seed).digest for seed in (1, 2)}
    assert alone[1] != alone[2]
    with ThreadPoolExecutor(max_workers=2) as pool:
        together = list(pool.map(lambda seed: (seed, porttwin.run(scenario, seed=seed).digest), [1, 2, 1, 2]))
    assert together == [(1, alone[1]), (2, alone[2]), (1, alone[1]), (2, alone[2])]


def test_two_stepped_runs_on_two_threads_stay_apart(repo):
    scenario = porttwin.load(repo / DAY)
    expected = {seed: porttwin.run(scenario, seed=seed).digest for seed in (3, 4)}

    def stepped(seed):
        sim = porttwin.Simulation(scenario, seed=seed)
        for hour in range(1, 24):
            sim.step_until(hour * 3600)
        return sim.finish().digest

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(stepped, [3, 4])) == [expected[3], expected[4]]
