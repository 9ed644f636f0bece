"""JuPedSim's social force or anticipation velocity model in porttwin's bottleneck experiment (src/motion/bottleneck.rs:
the geometry of Liddle et al. 2011, 180 people, a 4 m long bottleneck), as a cross-check of
porttwin's models of the same name (docs/micro.md, "Bottleneck flow").

Same room, crowd and speeds as porttwin's scenario: an 8 m wide room, the bottleneck from
x = 13 to 17 m centred on y = 4 m, an exit at x = 20..20.8 m; 180 agents on random free points
of a 0.62 m grid over x 0.3..10, y 0.3..7.7 (those that do not fit are left out and counted);
desired speeds normal with mean 1.34 m/s and sd 0.26 (Weidmann 1993); JuPedSim 1.4's social
force model with its defaults (Helbing et al. 2000's parameters, radius 0.3 m; dt 0.01 s) or,
with --avm, its anticipation velocity model with its defaults (radius 0.2 m; dt 0.05 s, as
porttwin's run). Specific flow across x = 15 m between the 20th and 80th percentile of passages.

    python jupedsim_bottleneck.py [--avm] [WIDTH ...]
"""
import random
import sys

import jupedsim as jps
from shapely import Polygon

CROWD = 180
ENTRY_X, LENGTH_M, CENTRE_Y = 13.0, 4.0, 4.0
MEASURE_X = ENTRY_X + LENGTH_M / 2
LIMIT_S = 600.0


def run(width, avm=False, seed=1):
    rng = random.Random(seed)
    lo, hi = CENTRE_Y - width / 2, CENTRE_Y + width / 2
    x0, x1 = ENTRY_X, ENTRY_X + LENGTH_M
    area = Polygon([(0, 0), (x0, 0), (x0, lo), (x1, lo), (x1, 0), (21, 0), (21, 8), (x1, 8), (x1, hi), (x0, hi), (x0, 8), (0, 8)])
    if avm:
        sim = jps.Simulation(model=jps.AnticipationVelocityModel(), geometry=area, dt=0.05)
        parameters = jps.AnticipationVelocityModelAgentParameters
    else:
        sim = jps.Simulation(model=jps.SocialForceModel(), geometry=area, dt=0.01)
        parameters = jps.SocialForceModelAgentParameters
    exit_id = sim.add_exit_stage([(20, 0.2), (20.8, 0.2), (20.8, 7.8), (20, 7.8)])
    journey = sim.add_journey(jps.JourneyDescription([exit_id]))
    grid = [(round(i * 0.62, 2), round(j * 0.62, 2)) for i in range(1, 17) for j in range(1, 13)]
    points = [p for p in grid if 0.3 <= p[0] <= 10 and 0.3 <= p[1] <= 7.7]
    rng.shuffle(points)
    for x, y in points[:CROWD]:
        speed = max(0.3, rng.gauss(1.34, 0.26))
        extra = {} if avm else {"orientation": (1.0, 0.0)}
        sim.add_agent(parameters(journey_id=journey, stage_id=exit_id, position=(x, y), desired_speed=speed, **extra))
    placed = sim.agent_count()
    last = {a.id: a.position[0] for a in sim.agents()}
    passages = []
    failed = ""
    while sim.agent_count() > 0 and sim.elapsed_time() < LIMIT_S:
        try:
            sim.iterate()
        except RuntimeError as error:
            failed = f' failed="{error}"'
            break
        now = sim.elapsed_time()
        for a in sim.agents():
            before = last.get(a.id)
            if before is not None and before < MEASURE_X <= a.position[0]:
                passages.append(now)
            last[a.id] = a.position[0]
    a, b = len(passages) // 5, len(passages) * 4 // 5
    flow = (b - a) / (passages[b] - passages[a]) / width if b > a + 10 else float("nan")
    print(f"jupedsim {'avm' if avm else 'sfm'} bottleneck width={width} placed={placed} left={placed - sim.agent_count()} "
          f"time_s={sim.elapsed_time():.0f} specific_flow={flow:.2f}{failed}")


if __name__ == "__main__":
    avm = "--avm" in sys.argv[1:]
    widths = [w for w in sys.argv[1:] if w != "--avm"]
    for w in widths or ["0.8", "0.9", "1.0", "1.1", "1.2", "1.4", "1.6", "1.8", "2.0", "2.5"]:
        run(float(w), avm)
