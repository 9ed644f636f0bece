"""Trains xray_bag.onnx: threat classes (multi-label) from bag scans.

One command, from the repository root:
    python models/train/train_bag.py
Data comes from `porttwin dataset bag`; the detector is net.py's, as for containers.
"""

import time

import numpy as np

import common
import net

THREATS = ["weapons", "drugs", "wildlife", "live_animals", "cash"]


def main(argv):
    args = common.image_model_arguments(__doc__, argv, data_seed=111, heldout_seed=212)
    images, rows, held_images, held_rows, objects = common.image_data("bag", args, THREATS)
    start = time.time()
    params = net.init(args.seed, (12, 24, 24), len(THREATS))
    params = net.train_detector(params, images, objects, len(THREATS), args.epochs, args.hard_epochs, args.seed, common.log)
    common.log(f"trained in {time.time() - start:.0f} s")
    logits, _ = net.scan_outputs(params, held_images)
    scores = net.sigmoid(logits)
    held = np.array([[float(r[t]) for t in THREATS] for r in held_rows]) > 0.5
    metrics = {t: common.class_metrics(scores[:, i], held[:, i]) for i, t in enumerate(THREATS)}
    for name, m in metrics.items():
        common.log(f"{name:>14}: AUC {m['roc_auc']:.4f}  det@1% {m['detection_at_1pct_far']:.3f}  det@5% {m['detection_at_5pct_far']:.3f}")

    path = common.save_model(common.detector_graph(params, [1, 64, 64]), "xray_bag")
    sample = held_images[:16].astype(np.float32)[:, None] / 255.0
    common.check_with_onnxruntime(path, {"image": sample}, {"threats": scores[:16]})
    common.record("xray_bag", {
        "file": "xray_bag.onnx",
        "sha256": common.sha256(path),
        "inputs": [{"name": "image", "shape": [-1, 1, 64, 64]}],
        "outputs": [{"name": "threats", "shape": [-1, len(THREATS)]}],
        "classes": {"threats": THREATS},
        "training": {"script": "models/train/train_bag.py", "seed": args.seed, "data_seed": args.data_seed,
                     "train_size": args.train_size, "heldout_seed": args.heldout_seed, "heldout_size": args.heldout_size},
        "metrics": metrics,
        "summary": {"mean_roc_auc": round(float(np.mean([m["roc_auc"] for m in metrics.values()])), 4)},
    })


if __name__ == "__main__":
    common.main_guard(main)
