"""ONNX Runtime's own Python session on a porttwin model: prints inferences per second.

    python benches/ort_session.py MODEL.onnx BATCH SECONDS
Called by `cargo bench --bench inference`, which compares it with porttwin on the same model and batch.
"""

import sys
import time

import numpy as np
import onnxruntime as ort

path, batch, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
inp = session.get_inputs()[0]
x = np.full([batch] + list(inp.shape[1:]), 0.5, np.float32)
for _ in range(20):
    session.run(None, {inp.name: x})
runs, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    session.run(None, {inp.name: x})
    runs += 1
print(f"{runs * batch / (time.perf_counter() - start):.1f} {ort.__version__}")
