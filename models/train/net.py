"""A fully convolutional threat detector and a goods classifier, in JAX (CPU).

The detector is trained on 32 x 32 patches cut around the concealed items the generator
placed (`objects.csv`) and on patches of clean cargo, then refined with the hardest
clean patches it finds in whole scans. On a whole scan it runs everywhere at once and
the score of a class is the largest over all positions (GlobalMaxPool), so what was
learned on patches applies to scans of any size.

Parameters use ONNX's layouts (activations NCHW, conv weights OIHW, dense [in, out]),
and `common.detector_graph` writes them unchanged:
    Sub(1, image) -> [Conv -> Relu -> MaxPool 2x2] x 2 -> Conv -> Relu -> Conv 1x1 -> GlobalMaxPool -> Sigmoid
and for the goods: GlobalAveragePool of the last Relu ++ AveragePool 8x8 of the attenuation
-> Gemm -> Relu -> Gemm -> Softmax.
"""

import jax
import jax.numpy as jnp
import numpy as np

PATCH = 32
STRIDE = 4  # the class map has one cell per 4 x 4 pixels


def init(seed, channels, classes, in_channels=1):
    rng = np.random.default_rng(seed)
    convs, c_in = [], in_channels
    for c, k in list(zip(channels, (5, 3, 3))) + [(classes, 1)]:
        w = rng.standard_normal((c, c_in, k, k)) * np.sqrt(2.0 / (c_in * k * k))
        convs.append({"W": w.astype(np.float32), "b": np.zeros(c, np.float32)})
        c_in = c
    convs[-1]["b"][:] = -3.0
    return {"convs": convs}


def conv(h, layer):
    k = layer["W"].shape[2]
    h = jax.lax.conv_general_dilated(h, layer["W"], (1, 1), [(k // 2, k // 2)] * 2, dimension_numbers=("NCHW", "OIHW", "NCHW"))
    return h + layer["b"][None, :, None, None]


def pool(h):
    return jax.lax.reduce_window(h, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")


def as_input(images):
    """uint8 scans [N, H, W] (one channel) or [N, C, H, W] -> float [N, C, H, W] pixels / 255."""
    x = images.astype(jnp.float32) / 255.0
    return x[:, None] if x.ndim == 3 else x


def trunk(params, x):
    """x: [N, C, H, W] pixels / 255 -> last hidden feature map [N, C, H/4, W/4]."""
    c = params["convs"]
    h = pool(jax.nn.relu(conv(1.0 - x, c[0])))
    h = pool(jax.nn.relu(conv(h, c[1])))
    return jax.nn.relu(conv(h, c[2]))


def class_map(params, x):
    return conv(trunk(params, x), params["convs"][3])


def patch_set(images, objects, count, rng, negatives=2, jitter=6):
    """Patches around every object (two jitters each) and `negatives` clean patches per image.

    images: [N, H, W] or [N, C, H, W]; objects: {image id: [(class index, cx, cy)]}. A patch is labelled with the classes of the
    objects whose centres lie in its inner part; patches that cut an object's centre at the rim are skipped.
    """
    n, h, w = images.shape[0], images.shape[-2], images.shape[-1]
    xs, ys = [], []

    def label(i, px, py):
        y = np.zeros(count, np.float32)
        for c, cx, cy in objects.get(i, []):
            inside = px + 6 <= cx < px + PATCH - 6 and py + 6 <= cy < py + PATCH - 6
            near = px - 2 <= cx < px + PATCH + 2 and py - 2 <= cy < py + PATCH + 2
            if inside:
                y[c] = 1.0
            elif near:
                return None
        return y

    def add(i, px, py):
        px, py = int(np.clip(px, 0, w - PATCH)), int(np.clip(py, 0, h - PATCH))
        y = label(i, px, py)
        if y is not None:
            xs.append(images[i, ..., py:py + PATCH, px:px + PATCH])
            ys.append(y)

    for i in range(n):
        for _, cx, cy in objects.get(i, []):
            for _ in range(2):
                add(i, cx - PATCH / 2 + rng.integers(-jitter, jitter + 1), cy - PATCH / 2 + rng.integers(-jitter, jitter + 1))
        for _ in range(negatives):
            add(i, rng.integers(0, w - PATCH + 1), rng.integers(0, h - PATCH + 1))
    return np.stack(xs), np.stack(ys)


def hard_negatives(params, images, objects, count, batch=128):
    """For each scan and each class it does not hold, the patch where the detector scores that class highest."""
    run = jax.jit(lambda p, x: class_map(p, x))
    xs, ys = [], []
    n, h, w = images.shape[0], images.shape[-2], images.shape[-1]
    for start in range(0, n, batch):
        maps = np.asarray(run(params, as_input(images[start:start + batch])))
        for j, m in enumerate(maps):
            i = start + j
            held = {c for c, _, _ in objects.get(i, [])}
            for c in range(count):
                if c in held:
                    continue
                cy, cx = np.unravel_index(np.argmax(m[c]), m[c].shape)
                px = int(np.clip(cx * STRIDE + STRIDE // 2 - PATCH // 2, 0, w - PATCH))
                py = int(np.clip(cy * STRIDE + STRIDE // 2 - PATCH // 2, 0, h - PATCH))
                if any(px - 2 <= ox < px + PATCH + 2 and py - 2 <= oy < py + PATCH + 2 for _, ox, oy in objects.get(i, [])):
                    continue
                xs.append(images[i, ..., py:py + PATCH, px:px + PATCH])
                ys.append(np.zeros(count, np.float32))
    return np.stack(xs), np.stack(ys)


def adam_fit(params, loss_fn, data, epochs, batch, lr, seed, log, label):
    """Minimises loss_fn(params, *batch_arrays) with Adam and a cosine learning rate."""

    @jax.jit
    def step(params, m, v, t, rate, *arrays):
        loss, grads = jax.value_and_grad(loss_fn)(params, *arrays)
        m = jax.tree.map(lambda a, g: 0.9 * a + 0.1 * g, m, grads)
        v = jax.tree.map(lambda a, g: 0.999 * a + 0.001 * g * g, v, grads)
        corr = jnp.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        params = jax.tree.map(lambda p, a, b: p - rate * corr * a / (jnp.sqrt(b) + 1e-8), params, m, v)
        return params, m, v, loss

    m = jax.tree.map(jnp.zeros_like, params)
    v = jax.tree.map(jnp.zeros_like, params)
    rng = np.random.default_rng(seed)
    n = len(data[0])
    per_epoch = n // batch
    total, t = epochs * per_epoch, 0
    for epoch in range(epochs):
        order = rng.permutation(n)
        losses = []
        for b in range(per_epoch):
            idx = np.sort(order[b * batch:(b + 1) * batch])
            t += 1
            rate = lr * 0.5 * (1 + np.cos(np.pi * (t - 1) / total))
            params, m, v, loss = step(params, m, v, float(t), rate, *[d[idx] for d in data])
            losses.append(float(loss))
        log(f"{label} epoch {epoch + 1}/{epochs}: loss {np.mean(losses):.4f} ({n} samples)")
    return jax.tree.map(np.asarray, params)


def detector_loss(params, patches, labels):
    x = as_input(patches)
    z = class_map(params, x).max(axis=(2, 3))
    return jnp.mean(jnp.sum(jnp.logaddexp(0.0, z) - labels * z, axis=1))


def train_detector(params, images, objects, count, epochs, hard_epochs, seed, log):
    rng = np.random.default_rng(seed)
    xs, ys = patch_set(images, objects, count, rng)
    params = adam_fit(params, detector_loss, (xs, ys), epochs, 64, 3e-3, seed, log, "patches")
    hx, hy = hard_negatives(params, images[: len(images) // 2], objects, count)
    log(f"{len(hx)} hard negatives mined")
    xs, ys = np.concatenate([xs, hx]), np.concatenate([ys, hy])
    return adam_fit(params, detector_loss, (xs, ys), hard_epochs, 64, 1e-3, seed + 1, log, "with hard negatives")


def scan_outputs(params, images, coarse=None, batch=128):
    """Threat logits (max over the class map) and, with `coarse`, goods features of whole scans."""

    def run(p, x):
        h = trunk(p, x)
        logits = conv(h, p["convs"][3]).max(axis=(2, 3))
        if coarse is None:
            return logits, logits
        n, channels, height, width = x.shape
        a = (1.0 - x).reshape(n, channels, height // coarse, coarse, width // coarse, coarse).mean(axis=(3, 5)).reshape(n, -1)
        return logits, jnp.concatenate([h.mean(axis=(2, 3)), a], axis=1)

    run = jax.jit(run)
    logits, feats = [], []
    for start in range(0, len(images), batch):
        z, f = run(params, as_input(images[start:start + batch]))
        logits.append(np.asarray(z))
        feats.append(np.asarray(f))
    return np.concatenate(logits), np.concatenate(feats)


def train_goods(features, goods, classes, hidden, seed, log, epochs=30):
    """A one-hidden-layer softmax classifier on standardised features; standardisation folded into the first layer."""
    rng = np.random.default_rng(seed)
    mean, std = features.mean(0), features.std(0) + 1e-6
    z = ((features - mean) / std).astype(np.float32)
    d = z.shape[1]
    params = {"W1": (rng.standard_normal((d, hidden)) * np.sqrt(2.0 / d)).astype(np.float32), "b1": np.zeros(hidden, np.float32),
              "W2": (rng.standard_normal((hidden, classes)) * np.sqrt(1.0 / hidden)).astype(np.float32), "b2": np.zeros(classes, np.float32)}

    def loss(p, x, y):
        logits = jax.nn.relu(x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]
        nll = jax.nn.logsumexp(logits, axis=1) - jnp.take_along_axis(logits, y[:, None], axis=1)[:, 0]
        return jnp.mean(nll) + 1e-4 * jnp.sum(p["W1"] ** 2)

    p = adam_fit(params, loss, (z, goods), epochs, 128, 3e-3, seed, log, "goods")
    p["W1"] = p["W1"] / std[:, None]
    p["b1"] = p["b1"] - (mean / std) @ (p["W1"] * std[:, None])
    return p


def goods_probabilities(p, features):
    logits = np.maximum(features @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]
    return softmax(logits)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
