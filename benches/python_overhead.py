"""The overhead of a Python call over the Rust run it makes, on W1.

    pip install ./python              # a release build: the figures are for release
    python benches/python_overhead.py [REPEATS]

For each repeat, `porttwin.run(W1, seed=7)` is timed from Python (the call, the summary's
conversion, the series and waits as DataFrames when pandas is installed) and compared with the
Rust run inside it (`Result.run_s`, `run_headless` timed in Rust). Prints the medians and the
overhead as a share of the Rust run; the README quotes it (target: under 5%).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import porttwin
from porttwin._frames import have_pandas

REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
W1 = Path(__file__).resolve().parents[1] / "scenarios" / "bench" / "w1_passenger_hall.ron"

scenario = porttwin.load(W1)
porttwin.run(scenario, seed=7)  # warm-up: task pools, caches
calls, runs = [], []
for _ in range(REPEATS):
    started = time.perf_counter()
    result = porttwin.run(scenario, seed=7)
    calls.append(time.perf_counter() - started)
    runs.append(result.run_s)
call, run = statistics.median(calls), statistics.median(runs)
overhead = [(c - r) / r for c, r in zip(calls, runs)]
print(f"W1 seed 7, {REPEATS} repeats, pandas {'on' if have_pandas() else 'off'}, digest {result.digest}")
print(f"python call {call:.3f} s, rust run {run:.3f} s, overhead {call - run:.4f} s")
print(f"overhead: median {100 * statistics.median(overhead):.2f}% of the rust run, max {100 * max(overhead):.2f}%")
