"""Checks the numpy network's gradients against finite differences (run by hand after editing cnn.py)."""

import numpy as np

import cnn

net = cnn.Network(0, [(3, 3), (4, 3)], 5, {"a": 2, "b": 3})
for layer in net.layers:
    for k in layer.params:
        layer.params[k] = layer.params[k].astype(np.float64)
rng = np.random.default_rng(1)
x = rng.random((2, 1, 8, 8))
ya = rng.integers(0, 2, (2, 2)).astype(np.float64)
yb = np.array([0, 2])


def loss():
    z = net.forward(x)
    la = np.sum(np.logaddexp(0, z["a"]) - ya * z["a"])
    lb = -np.sum(np.log(cnn.softmax(z["b"])[np.arange(2), yb]))
    return la + lb, z


_, z = loss()
db = cnn.softmax(z["b"])
db[np.arange(2), yb] -= 1
net.backward({"a": cnn.sigmoid(z["a"]) - ya, "b": db})
worst = 0.0
for layer in net.layers:
    for k, p in layer.params.items():
        g = layer.grads[k]
        for i in range(min(p.size, 12)):
            old = p.flat[i]
            p.flat[i] = old + 1e-5
            up, _ = loss()
            p.flat[i] = old - 1e-5
            down, _ = loss()
            p.flat[i] = old
            num = (up - down) / 2e-5
            worst = max(worst, abs(num - g.flat[i]) / max(1e-6, abs(num) + abs(g.flat[i])))
print(f"largest relative gradient error: {worst:.2e}")
assert worst < 1e-4
