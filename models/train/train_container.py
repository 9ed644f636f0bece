"""Trains xray_container.onnx: threat classes (multi-label) and goods category from container scans.

One command, from the repository root:
    python models/train/train_container.py
It generates its data with `porttwin dataset container` (set $PORTTWIN to use a built binary),
trains the fully convolutional detector and the goods classifier of net.py with JAX on the CPU,
measures them on a held-out set of another seed, exports the ONNX graph and updates
models/manifest.ron.
"""

import time

import numpy as np

import common
import net

THREATS = ["weapons", "drugs", "wildlife", "live_animals"]
GOODS = ["electronics", "textiles", "machinery", "foodstuffs", "chemicals", "furniture", "metal_products",
         "plastics_toys", "paper", "vehicle_parts", "empty"]


def truth(rows):
    threats = np.array([[float(r[t]) for t in THREATS] for r in rows], np.float32)
    goods = np.array([GOODS.index(r["goods"]) for r in rows])
    declared = np.array([GOODS.index(r["declared"]) for r in rows])
    return threats, goods, declared


def main(argv):
    args = common.image_model_arguments(__doc__, argv, data_seed=101, heldout_seed=202)
    images, rows, held_images, held_rows, objects = common.image_data("container", args, THREATS)
    start = time.time()
    params = net.init(args.seed, (12, 24, 24), len(THREATS))
    params = net.train_detector(params, images, objects, len(THREATS), args.epochs, args.hard_epochs, args.seed, common.log)
    _, features = net.scan_outputs(params, images, coarse=8)
    _, goods, _ = truth(rows)
    goods_params = net.train_goods(features, goods, len(GOODS), 64, args.seed, common.log)
    common.log(f"trained in {time.time() - start:.0f} s")

    logits, held_features = net.scan_outputs(params, held_images, coarse=8)
    scores, probs = net.sigmoid(logits), net.goods_probabilities(goods_params, held_features)
    threats, goods, declared = truth(held_rows)
    metrics = {t: common.class_metrics(scores[:, i], threats[:, i] > 0.5) for i, t in enumerate(THREATS)}
    metrics["misdeclaration"] = common.class_metrics(1.0 - probs[np.arange(len(held_rows)), declared], goods != declared)
    summary = {"goods_accuracy": round(float(np.mean(probs.argmax(1) == goods)), 4)}
    for name, m in metrics.items():
        common.log(f"{name:>14}: AUC {m['roc_auc']:.4f}  det@1% {m['detection_at_1pct_far']:.3f}  det@5% {m['detection_at_5pct_far']:.3f}")
    common.log(f"goods accuracy {summary['goods_accuracy']:.4f}")

    path = common.save_model(common.detector_graph(params, [1, 64, 256], goods_params), "xray_container")
    sample = held_images[:16].astype(np.float32)[:, None] / 255.0
    common.check_with_onnxruntime(path, {"image": sample}, {"threats": scores[:16], "goods": probs[:16]})
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
        # How a physics scan feeds this model: the synthetic drawing's pixel size (the box's inner
        # 5898 x 2393 mm over 248 x 53 pixels, src/detect/synth/container.rs), high energy only.
        "input": {"pixel_mm": [23.8, 45.2], "channels": ["High"], "encoding": {"Attenuation8": {"max": 5.0}},
                  "tiling": "Whole"},
    })


if __name__ == "__main__":
    common.main_guard(main)
