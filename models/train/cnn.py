"""A small convolutional network in plain numpy: forward, backward, Adam.

Layers are NCHW and mirror the ONNX operators the exported graph uses
(Conv, Relu, MaxPool, GlobalMaxPool, GlobalAveragePool, Gemm), so the
exported model computes exactly what was trained.
"""

import numpy as np
from numpy.lib.stride_tricks import as_strided


def im2col(x, k, pad):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    ho, wo = h + 2 * pad - k + 1, w + 2 * pad - k + 1
    s = xp.strides
    windows = as_strided(xp, (n, ho, wo, c, k, k), (s[0], s[2], s[3], s[1], s[2], s[3]), writeable=False)
    return windows.reshape(n * ho * wo, c * k * k), (n, c, h, w, ho, wo)


def col2im(dcols, shape, k, pad):
    n, c, h, w, ho, wo = shape
    d = dcols.reshape(n, ho, wo, c, k, k)
    dxp = np.zeros((n, c, h + 2 * pad, w + 2 * pad), dtype=dcols.dtype)
    for i in range(k):
        for j in range(k):
            dxp[:, :, i:i + ho, j:j + wo] += d[:, :, :, :, i, j].transpose(0, 3, 1, 2)
    return dxp[:, :, pad:pad + h, pad:pad + w]


class Conv:
    def __init__(self, rng, c_in, c_out, k):
        self.k, self.pad = k, k // 2
        scale = np.sqrt(2.0 / (c_in * k * k))
        self.params = {"W": (rng.standard_normal((c_out, c_in, k, k)) * scale).astype(np.float32),
                       "b": np.zeros(c_out, np.float32)}

    def forward(self, x):
        cols, self.shape = im2col(x, self.k, self.pad)
        self.cols = cols
        W = self.params["W"]
        out = cols @ W.reshape(W.shape[0], -1).T + self.params["b"]
        n, _, _, _, ho, wo = self.shape
        return out.reshape(n, ho, wo, -1).transpose(0, 3, 1, 2)

    def backward(self, dout, need_dx=True):
        W = self.params["W"]
        f = W.shape[0]
        d2 = dout.transpose(0, 2, 3, 1).reshape(-1, f)
        self.grads = {"W": (d2.T @ self.cols).reshape(W.shape), "b": d2.sum(0)}
        self.cols = None
        if not need_dx:
            return None
        return col2im(d2 @ W.reshape(f, -1), self.shape, self.k, self.pad)


class Relu:
    params = {}

    def forward(self, x):
        self.mask = x > 0
        return x * self.mask

    def backward(self, dout, need_dx=True):
        self.grads = {}
        return dout * self.mask


class MaxPool2:
    params = {}

    def forward(self, x):
        n, c, h, w = x.shape
        r = x.reshape(n, c, h // 2, 2, w // 2, 2)
        out = r.max(axis=(3, 5))
        self.mask = r == out[:, :, :, None, :, None]
        self.shape = x.shape
        return out

    def backward(self, dout, need_dx=True):
        self.grads = {}
        return (self.mask * dout[:, :, :, None, :, None]).reshape(self.shape)


class GlobalPool:
    """Concatenation of global max and global mean over space: [N, C, H, W] -> [N, 2C]."""
    params = {}

    def forward(self, x):
        n, c, h, w = x.shape
        flat = x.reshape(n, c, h * w)
        self.arg = flat.argmax(axis=2)
        self.shape = x.shape
        return np.concatenate([flat.max(axis=2), flat.mean(axis=2)], axis=1)

    def backward(self, dout, need_dx=True):
        self.grads = {}
        n, c, h, w = self.shape
        d = np.zeros((n, c, h * w), dtype=dout.dtype)
        d += dout[:, c:, None] / (h * w)
        np.put_along_axis(d, self.arg[:, :, None], np.take_along_axis(d, self.arg[:, :, None], 2) + dout[:, :c, None], 2)
        return d.reshape(self.shape)


class Dense:
    def __init__(self, rng, n_in, n_out):
        scale = np.sqrt(2.0 / n_in)
        self.params = {"W": (rng.standard_normal((n_in, n_out)) * scale).astype(np.float32),
                       "b": np.zeros(n_out, np.float32)}

    def forward(self, x):
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout, need_dx=True):
        self.grads = {"W": self.x.T @ dout, "b": dout.sum(0)}
        return dout @ self.params["W"].T


class Network:
    """Trunk (conv stack + global pooling + hidden dense layer) and linear heads."""

    def __init__(self, seed, channels, hidden, heads):
        rng = np.random.default_rng(seed)
        self.trunk = []
        c_in = 1
        for i, (c, k) in enumerate(channels):
            self.trunk += [Conv(rng, c_in, c, k), Relu()]
            if i < len(channels) - 1:
                self.trunk.append(MaxPool2())
            c_in = c
        self.trunk += [GlobalPool(), Dense(rng, 2 * c_in, hidden), Relu()]
        self.heads = {name: Dense(rng, hidden, size) for name, size in heads.items()}
        self.layers = self.trunk + list(self.heads.values())
        self.adam = [({k: np.zeros_like(v) for k, v in l.params.items()}, {k: np.zeros_like(v) for k, v in l.params.items()})
                     for l in self.layers]
        self.t = 0

    def forward(self, x):
        h = 1.0 - x
        for layer in self.trunk:
            h = layer.forward(h)
        return {name: head.forward(h) for name, head in self.heads.items()}

    def backward(self, dlogits):
        dh = sum(head.backward(dlogits[name]) for name, head in self.heads.items())
        for i, layer in enumerate(reversed(self.trunk)):
            dh = layer.backward(dh, need_dx=i < len(self.trunk) - 1)

    def step(self, lr, beta1=0.9, beta2=0.999, eps=1e-8, decay=1e-4):
        self.t += 1
        for layer, (m, v) in zip(self.layers, self.adam):
            for k, p in layer.params.items():
                g = layer.grads[k] + (decay * p if k == "W" else 0.0)
                m[k] = beta1 * m[k] + (1 - beta1) * g
                v[k] = beta2 * v[k] + (1 - beta2) * g * g
                mh = m[k] / (1 - beta1 ** self.t)
                vh = v[k] / (1 - beta2 ** self.t)
                p -= (lr * mh / (np.sqrt(vh) + eps)).astype(np.float32)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def train(net, images, targets, epochs, batch, lr, seed, log):
    """targets: {head: ("binary", [N, k] 0/1) or ("softmax", [N] class index)}."""
    rng = np.random.default_rng(seed)
    n = len(images)
    steps_per_epoch = n // batch
    total = epochs * steps_per_epoch
    step = 0
    for epoch in range(epochs):
        order = rng.permutation(n)
        loss_sum = 0.0
        for b in range(steps_per_epoch):
            idx = np.sort(order[b * batch:(b + 1) * batch])
            x = images[idx].astype(np.float32)[:, None] / 255.0
            logits = net.forward(x)
            dlogits, loss = {}, 0.0
            for name, (kind, y) in targets.items():
                z = logits[name]
                if kind == "binary":
                    p = sigmoid(z)
                    t = y[idx]
                    loss += float(np.mean(np.logaddexp(0, z) - t * z)) * z.shape[1]
                    dlogits[name] = ((p - t) / len(idx)).astype(np.float32)
                else:
                    p = softmax(z)
                    t = y[idx]
                    loss += float(-np.mean(np.log(p[np.arange(len(idx)), t] + 1e-9)))
                    d = p.copy()
                    d[np.arange(len(idx)), t] -= 1.0
                    dlogits[name] = (d / len(idx)).astype(np.float32)
            net.backward(dlogits)
            rate = lr * 0.5 * (1 + np.cos(np.pi * step / total))
            net.step(rate)
            step += 1
            loss_sum += loss
        log(f"epoch {epoch + 1}/{epochs}: loss {loss_sum / steps_per_epoch:.4f}")


def predict(net, images, batch=256):
    outs = {}
    for start in range(0, len(images), batch):
        x = images[start:start + batch].astype(np.float32)[:, None] / 255.0
        for name, z in net.forward(x).items():
            outs.setdefault(name, []).append(z)
    return {name: np.concatenate(zs) for name, zs in outs.items()}
