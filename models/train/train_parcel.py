"""Trains xray_parcel.onnx: threat classes (multi-label) and goods category from parcel scans.

One command, from the repository root:
    python models/train/train_parcel.py
It generates its data with `porttwin dataset parcel` (set $PORTTWIN to use a built binary):
parcels of a mail centre's belt X-ray, 48 x 48, rendered from their true contents (the parcel
domain, src/parcels/). It trains net.py's fully convolutional detector (narrower than the
container model's: a belt sees hundreds of thousands of parcels a day) and its goods
classifier with JAX on the CPU, measures them on a held-out set of another seed, exports the
ONNX graph and updates models/manifest.ron.
"""

import time

import numpy as np

import common
import net

THREATS = ["weapons", "drugs", "wildlife"]
GOODS = ["electronics", "textiles", "machinery", "foodstuffs", "chemicals", "furniture", "metal_products",
         "plastics_toys", "paper", "vehicle_parts", "empty"]
CHANNELS = (8, 16, 16)
SIZE = 48
COARSE = 8


def truth(rows):
    threats = np.array([[float(r[t]) for t in THREATS] for r in rows], np.float32)
    goods = np.array([GOODS.index(r["goods"]) for r in rows])
    declared = np.array([GOODS.index(r["declared"]) for r in rows])
    return threats, goods, declared


def main(argv):
    # The shipped model was trained on 16,000 scans (about 18 minutes on a shared 2-core machine).
    args = common.image_model_arguments(__doc__, ["--train-size", "16000"] + list(argv), data_seed=131, heldout_seed=232)
    images, rows, held_images, held_rows, objects = common.image_data("parcel", args, THREATS)
    start = time.time()
    params = net.init(args.seed, CHANNELS, len(THREATS))
    params = net.train_detector(params, images, objects, len(THREATS), args.epochs, args.hard_epochs, args.seed, common.log)
    _, features = net.scan_outputs(params, images, coarse=COARSE)
    _, goods, _ = truth(rows)
    goods_params = net.train_goods(features, goods, len(GOODS), 64, args.seed, common.log)
    common.log(f"trained in {time.time() - start:.0f} s")

    logits, held_features = net.scan_outputs(params, held_images, coarse=COARSE)
    scores, probs = net.sigmoid(logits), net.goods_probabilities(goods_params, held_features)
    threats, goods, declared = truth(held_rows)
    metrics = {t: common.class_metrics(scores[:, i], threats[:, i] > 0.5) for i, t in enumerate(THREATS)}
    metrics["misdeclaration"] = common.class_metrics(1.0 - probs[np.arange(len(held_rows)), declared], goods != declared)
    summary = {"goods_accuracy": round(float(np.mean(probs.argmax(1) == goods)), 4)}
    for name, m in metrics.items():
        common.log(f"{name:>14}: AUC {m['roc_auc']:.4f}  det@1% {m['detection_at_1pct_far']:.3f}  det@5% {m['detection_at_5pct_far']:.3f}")
    common.log(f"goods accuracy {summary['goods_accuracy']:.4f}")

    path = common.save_model(common.detector_graph(params, [1, SIZE, SIZE], goods_params, coarse=COARSE), "xray_parcel")
    sample = held_images[:16].astype(np.float32)[:, None] / 255.0
    common.check_with_onnxruntime(path, {"image": sample}, {"threats": scores[:16], "goods": probs[:16]})
    common.record("xray_parcel", {
        "file": "xray_parcel.onnx",
        "sha256": common.sha256(path),
        "inputs": [{"name": "image", "shape": [-1, 1, SIZE, SIZE]}],
        "outputs": [{"name": "threats", "shape": [-1, len(THREATS)]}, {"name": "goods", "shape": [-1, len(GOODS)]}],
        "classes": {"threats": THREATS, "goods": GOODS},
        "training": {"script": "models/train/train_parcel.py", "seed": args.seed, "data_seed": args.data_seed,
                     "train_size": args.train_size, "heldout_seed": args.heldout_seed, "heldout_size": args.heldout_size},
        "metrics": metrics,
        "summary": summary,
    })


if __name__ == "__main__":
    common.main_guard(main)
