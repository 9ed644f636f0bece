"""Peer for workload W2 in JuPedSim, with each pedestrian model porttwin has.

W2 (../shared/workloads/README.md): a 60 m x 40 m hall; N agents start on distinct 0.5 m
grid points over x in 1..30 (up to 4,543 agents) or, for larger N, x in 1..59, y in 1..39,
and walk to a 4 m exit at the right wall (x = 60, y in 18..22) through a 2 m corridor;
dt = 0.05 s; desired speed 1.34 m/s; radius 0.2 m. Runs a fixed number of steps (or until
the hall is empty) and prints agent-steps per second.

    python jupedsim_hall.py N STEPS [cfsm|avm|sfm]

`cfsm` is JuPedSim's collision-free speed model with its defaults (as
../shared/workloads/peers/jupedsim_hall.py); `avm` its anticipation velocity model with its
defaults (time gap 1.06 s, anticipation time 1 s, reaction time 0.3 s, repulsion 8 and
0.1 m, wall buffer 0.1 m) but the workload's speed and radius; `sfm` its social force model
with its defaults (Helbing et al. 2000: body force 120,000, friction 240,000, mass 80 kg,
relaxation 0.5 s, A = 2,000 N, B = 0.08 m) but the workload's speed and radius, iterated
at dt = 0.01 s, five iterations per workload step of 0.05 s, as porttwin sub-steps it (at
dt = 0.05 s JuPedSim's social force model throws agents out of the hall within 1,000 steps).
"""
import random
import sys
import time

import jupedsim as jps
from shapely import Polygon


def main(n, steps, model, seed=1):
    rng = random.Random(seed)
    area = Polygon([(0, 0), (60, 0), (60, 18), (62, 18), (62, 22), (60, 22), (60, 40), (0, 40)])
    if model == "avm":
        operational = jps.AnticipationVelocityModel(rng_seed=seed)
    elif model == "sfm":
        operational = jps.SocialForceModel()
    else:
        operational = jps.CollisionFreeSpeedModel()
    substeps = 5 if model == "sfm" else 1
    sim = jps.Simulation(model=operational, geometry=area, dt=0.05 / substeps)
    exit_id = sim.add_exit_stage([(61, 18), (62, 18), (62, 22), (61, 22)])
    journey = sim.add_journey(jps.JourneyDescription([exit_id]))
    placed = set()
    xmax = 30 if n <= 4543 else 59
    assert n <= 9009, "at most 9,009 agents fit on the grid"
    while len(placed) < n:
        x = round(rng.uniform(1, xmax) * 2) / 2
        y = round(rng.uniform(1, 39) * 2) / 2
        placed.add((x, y))
    for (x, y) in sorted(placed):
        common = dict(journey_id=journey, stage_id=exit_id, position=(x, y), desired_speed=1.34, radius=0.2)
        if model == "avm":
            sim.add_agent(jps.AnticipationVelocityModelAgentParameters(**common))
        elif model == "sfm":
            sim.add_agent(jps.SocialForceModelAgentParameters(orientation=(1.0, 0.0), **common))
        else:
            sim.add_agent(jps.CollisionFreeSpeedModelAgentParameters(**common))
    agent_steps = 0
    started = time.perf_counter()
    failed = ""
    for _ in range(steps):
        if sim.agent_count() == 0:
            break
        count = sim.agent_count()
        try:
            for _ in range(substeps):
                sim.iterate()
        except RuntimeError as error:
            # The rate stands over the steps done; the failure is reported beside it.
            failed = f' failed="{error}"'
            break
        agent_steps += count
    wall = time.perf_counter() - started
    print(
        f"jupedsim {model} W2 n={n} steps={sim.iteration_count() // substeps} agent_steps={agent_steps} "
        f"wall_s={wall:.3f} agent_steps_per_s={agent_steps / wall:.0f} left={sim.agent_count()}{failed}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "cfsm")
