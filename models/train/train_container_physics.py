"""Trains xray_container_physics.onnx: threat classes and goods category from dual-energy physics scans.

One command, from the repository root:
    python models/train/train_container_physics.py
The data is what the cargo domain's `Scan(.., image: Physics)` stages feed the model, rendered
by the same code (`porttwin dataset container --physics --input SPEC --input-size WxH`: trucks
lodged as a run lodges them, half of them hiding one item, scanned at the 6/3.5 MV portal binned
to SPEC). It trains net.py's detector and goods classifier with JAX on the CPU, measures them
on a held-out set of another seed (per class, and per class by cargo-density band and by
concealment site), exports the ONNX graph and updates models/manifest.ron.
"""

import csv
import json
import time

import numpy as np

import common
import net

THREATS = ["weapons", "drugs", "wildlife", "live_animals"]
GOODS = ["electronics", "textiles", "machinery", "foodstuffs", "chemicals", "furniture", "metal_products",
         "plastics_toys", "paper", "vehicle_parts", "empty"]
BANDS = ["light", "medium", "dense"]
# The input: 16 mm along travel (the 2 m/s portal at 250 pulse pairs a second), 32 mm detector
# rows, high and low energy, 8-bit attenuation up to -ln T = 10 (loaded boxes read 3.5-7).
SPEC = {"pixel_mm": [16.0, 32.0], "channels": ["High", "Low"], "encoding": {"Attenuation8": {"max": 10.0}},
        "tiling": "Whole"}
WIDTH, HEIGHT = 384, 88


def spec_ron():
    (encoding, args), = SPEC["encoding"].items()
    fields = ", ".join(f"{k}: {v}" for k, v in args.items())
    return (f"(pixel_mm: ({SPEC['pixel_mm'][0]}, {SPEC['pixel_mm'][1]}), channels: [{', '.join(SPEC['channels'])}], "
            f"encoding: {encoding}({fields}), tiling: {SPEC['tiling']})")


def dataset(count, seed, work):
    out = common.dataset_dir("container-physics", count, seed, work)
    if not (out / "labels.csv").exists():
        common.porttwin("dataset", "container", "--physics", "--input", spec_ron(), "--input-size", f"{WIDTH}x{HEIGHT}",
                        "--count", count, "--seed", seed, "--out", out)
    with open(out / "labels.csv") as f:
        rows = list(csv.DictReader(f))
    return np.load(out / "images.npy"), rows, out


def truth(rows):
    threats = np.array([[float(r[t]) for t in THREATS] for r in rows], np.float32)
    goods = np.array([GOODS.index(r["goods"]) for r in rows])
    declared = np.array([GOODS.index(r["declared"]) for r in rows])
    return threats, goods, declared


def breakdown(scores, threats, rows):
    """Detection at each class's 5 % false-alarm threshold, by density band and by concealment site,
    and the false-alarm rate of each class by band."""
    out = {"by_band": {}, "by_site": {}, "false_alarms_by_band": {}}
    bands = np.array([r["band"] for r in rows])
    sites = np.array([r["site"] for r in rows])
    for i, t in enumerate(THREATS):
        pos = threats[:, i] > 0.5
        negatives = np.sort(scores[~pos, i])[::-1]
        threshold = negatives[int(np.floor(0.05 * len(negatives)))]
        hit = scores[:, i] > threshold
        out["by_band"][t] = {b: [int(np.sum(hit & pos & (bands == b))), int(np.sum(pos & (bands == b)))] for b in BANDS}
        out["by_site"][t] = {s: [int(np.sum(hit & pos & (sites == s))), int(np.sum(pos & (sites == s)))]
                             for s in sorted(set(sites[pos]))}
        out["false_alarms_by_band"][t] = {b: [int(np.sum(hit & ~pos & (bands == b))), int(np.sum(~pos & (bands == b)))]
                                          for b in BANDS}
    return out


def markdown(metrics, table):
    """The held-out figures as the tables of docs/detection.md."""
    def pct(hit_n):
        hit, n = hit_n
        return f"{100 * hit / n:.0f}% ({n})" if n else "-"

    lines = ["| class | ROC AUC | det. at 1% FA | det. at 5% FA | " + " | ".join(f"{b} at 5% FA (n)" for b in BANDS)
             + " | false alarms light / medium / dense |", "|---" * (5 + len(BANDS)) + "|"]
    for t in THREATS:
        m = metrics[t]
        fa = " / ".join(pct(table["false_alarms_by_band"][t][b]) for b in BANDS)
        lines.append(f"| {t} | {m['roc_auc']:.3f} | {100 * m['detection_at_1pct_far']:.0f}% | {100 * m['detection_at_5pct_far']:.0f}% | "
                     + " | ".join(pct(table["by_band"][t][b]) for b in BANDS) + f" | {fa} |")
    m = metrics["misdeclaration"]
    lines.append(f"| misdeclaration | {m['roc_auc']:.3f} | {100 * m['detection_at_1pct_far']:.0f}% | "
                 f"{100 * m['detection_at_5pct_far']:.0f}% |" + " |" * (len(BANDS) + 1))
    sites = sorted({s for t in THREATS for s in table["by_site"][t]})
    lines += ["", "| class | " + " | ".join(sites) + " |", "|---" * (1 + len(sites)) + "|"]
    for t in THREATS:
        lines.append(f"| {t} | " + " | ".join(pct(table["by_site"][t].get(s, [0, 0])) for s in sites) + " |")
    return "\n".join(lines) + "\n"


def main(argv):
    args = common.image_model_arguments(__doc__, argv, data_seed=401, heldout_seed=402,
                                       train_size=6000, heldout_size=3000)
    images, rows, train_dir = dataset(args.train_size, args.data_seed, args.work)
    held_images, held_rows, _ = dataset(args.heldout_size, args.heldout_seed, args.work)
    objects = common.objects(train_dir / "objects.csv", THREATS)
    start = time.time()
    params = net.init(args.seed, (12, 24, 24), len(THREATS), in_channels=len(SPEC["channels"]))
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
    table = breakdown(scores, threats, held_rows)
    common.METRICS.mkdir(exist_ok=True)
    (common.METRICS / "xray_container_physics.breakdown").write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    text = markdown(metrics, table)
    (common.METRICS / "xray_container_physics.md").write_text(text)
    common.log(text)

    shape = [len(SPEC["channels"]), HEIGHT, WIDTH]
    path = common.save_model(common.detector_graph(params, shape, goods_params), "xray_container_physics")
    sample = held_images[:16].astype(np.float32) / 255.0
    common.check_with_onnxruntime(path, {"image": sample}, {"threats": scores[:16], "goods": probs[:16]})
    common.record("xray_container_physics", {
        "file": "xray_container_physics.onnx",
        "sha256": common.sha256(path),
        "inputs": [{"name": "image", "shape": [-1] + shape}],
        "outputs": [{"name": "threats", "shape": [-1, len(THREATS)]}, {"name": "goods", "shape": [-1, len(GOODS)]}],
        "classes": {"threats": THREATS, "goods": GOODS},
        "training": {"script": "models/train/train_container_physics.py", "seed": args.seed, "data_seed": args.data_seed,
                     "train_size": args.train_size, "heldout_seed": args.heldout_seed, "heldout_size": args.heldout_size},
        "metrics": metrics,
        "summary": summary,
        "input": SPEC,
    })


if __name__ == "__main__":
    common.main_guard(main)
