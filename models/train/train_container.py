"""Trains xray_container.onnx: threat classes (multi-label) and goods category from container scans.

One command, from the repository root:
    python models/train/train_container.py
It generates its data with `porttwin dataset container` (set $PORTTWIN to use a built binary),
trains a small CNN with numpy, measures it on a held-out set of another seed, exports the ONNX
graph and updates models/manifest.ron.
"""

import argparse
import time

import numpy as np

import cnn
import common

THREATS = ["weapons", "drugs", "wildlife", "live_animals"]
GOODS = ["electronics", "textiles", "machinery", "foodstuffs", "chemicals", "furniture", "metal_products",
         "plastics_toys", "paper", "vehicle_parts", "empty"]


def targets(rows):
    threats = np.array([[float(r[t]) for t in THREATS] for r in rows], np.float32)
    goods = np.array([GOODS.index(r["goods"]) for r in rows])
    declared = np.array([GOODS.index(r["declared"]) for r in rows])
    return threats, goods, declared


def evaluate(net, images, rows):
    out = cnn.predict(net, images)
    threat_scores, goods_probs = cnn.sigmoid(out["threats"]), cnn.softmax(out["goods"])
    threats, goods, declared = targets(rows)
    metrics = {t: common.class_metrics(threat_scores[:, i], threats[:, i] > 0.5) for i, t in enumerate(THREATS)}
    misdeclared = goods != declared
    mismatch = 1.0 - goods_probs[np.arange(len(rows)), declared]
    metrics["misdeclaration"] = common.class_metrics(mismatch, misdeclared)
    summary = {"goods_accuracy": round(float(np.mean(goods_probs.argmax(1) == goods)), 4)}
    return metrics, summary


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-size", type=int, default=24000)
    parser.add_argument("--heldout-size", type=int, default=4000)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1, help="network initialisation and batch order")
    parser.add_argument("--data-seed", type=int, default=101)
    parser.add_argument("--heldout-seed", type=int, default=202)
    parser.add_argument("--work", default="/tmp/porttwin-train", help="folder for generated data")
    args = parser.parse_args(argv)

    images, rows = common.dataset("container", args.train_size, args.data_seed, args.work)
    held_images, held_rows = common.dataset("container", args.heldout_size, args.heldout_seed, args.work)
    threats, goods, _ = targets(rows)
    net = cnn.Network(args.seed, [(8, 5), (16, 3), (32, 3)], 64, {"threats": len(THREATS), "goods": len(GOODS)})
    start = time.time()
    cnn.train(net, images, {"threats": ("binary", threats), "goods": ("softmax", goods)},
              epochs=args.epochs, batch=64, lr=3e-3, seed=args.seed, log=common.log)
    common.log(f"trained in {time.time() - start:.0f} s")
    metrics, summary = evaluate(net, held_images, held_rows)
    for name, m in metrics.items():
        common.log(f"{name:>14}: AUC {m['roc_auc']:.4f}  det@1% {m['detection_at_1pct_far']:.3f}  det@5% {m['detection_at_5pct_far']:.3f}")
    common.log(f"goods accuracy {summary['goods_accuracy']:.4f}")

    graph = common.cnn_graph(net, [1, 64, 256], {"threats": "sigmoid", "goods": "softmax"})
    path = common.save_model(graph, "xray_container")
    sample = held_images[:16].astype(np.float32)[:, None] / 255.0
    out = net.forward(sample)
    common.check_with_onnxruntime(path, {"image": sample},
                                  {"threats": cnn.sigmoid(out["threats"]), "goods": cnn.softmax(out["goods"])})
    common.record("xray_container", {
        "file": "xray_container.onnx",
        "sha256": common.sha256(path),
        "inputs": [{"name": "image", "shape": [-1, 1, 64, 256]}],
        "outputs": [{"name": "threats", "shape": [-1, len(THREATS)]}, {"name": "goods", "shape": [-1, len(GOODS)]}],
        "classes": {"threats": THREATS, "goods": GOODS},
        "training": {"script": "models/train/train_container.py", "seed": args.seed, "data_seed": args.data_seed,
                     "train_size": args.train_size, "heldout_seed": args.heldout_seed, "heldout_size": args.heldout_size},
        "metrics": metrics,
        "summary": summary,
    })


if __name__ == "__main__":
    common.main_guard(main)
