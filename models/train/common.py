"""Shared helpers: data from `porttwin dataset`, metrics, ONNX export, the manifest."""

import argparse
import csv
import hashlib
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"
METRICS = Path(__file__).resolve().parent / "metrics"
OPSET = 13


def log(message):
    print(message, flush=True)


def porttwin(*args):
    """Runs the porttwin command: $PORTTWIN if set, else `cargo run --release`."""
    command = shlex.split(os.environ.get("PORTTWIN", "cargo run --release --quiet --"))
    subprocess.run(command + [str(a) for a in args], cwd=ROOT, check=True)


def dataset(kind, count, seed, work):
    """Generates (or reuses) a dataset and returns (array, rows of labels.csv); objects.csv is beside them."""
    out = dataset_dir(kind, count, seed, work)
    if not (out / "labels.csv").exists():
        porttwin("dataset", kind, "--count", count, "--seed", seed, "--out", out)
    array = np.load(out / ("features.npy" if kind == "declarations" else "images.npy"))
    with open(out / "labels.csv") as f:
        rows = list(csv.DictReader(f))
    return array, rows


def image_model_arguments(doc, argv, data_seed, heldout_seed, train_size=24000, heldout_size=4000):
    """Options of the image-model trainers; the data seeds (and sizes) differ per model."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--train-size", type=int, default=train_size)
    parser.add_argument("--heldout-size", type=int, default=heldout_size)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--hard-epochs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1, help="initialisation, patch sampling and batch order")
    parser.add_argument("--data-seed", type=int, default=data_seed)
    parser.add_argument("--heldout-seed", type=int, default=heldout_seed)
    parser.add_argument("--work", default="/tmp/porttwin-train", help="folder for generated data")
    return parser.parse_args(argv)


def image_data(kind, args, classes):
    """Training scans, held-out scans and the training scans' object boxes of `classes`."""
    images, rows = dataset(kind, args.train_size, args.data_seed, args.work)
    held_images, held_rows = dataset(kind, args.heldout_size, args.heldout_seed, args.work)
    boxes = objects(dataset_dir(kind, args.train_size, args.data_seed, args.work) / "objects.csv", classes)
    return images, rows, held_images, held_rows, boxes


def dataset_dir(kind, count, seed, work):
    return Path(work) / f"{kind}-{seed}-{count}"


def roc_auc(scores, labels):
    """Area under the ROC curve (Mann-Whitney, ties count one half)."""
    scores, labels = np.asarray(scores, np.float64), np.asarray(labels, bool)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    pos, neg = labels.sum(), (~labels).sum()
    return float((ranks[labels].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def detection_at_far(scores, labels, far):
    """Share of positives scored above the threshold that lets at most `far` of negatives through."""
    scores, labels = np.asarray(scores, np.float64), np.asarray(labels, bool)
    negatives = np.sort(scores[~labels])[::-1]
    threshold = negatives[int(np.floor(far * len(negatives)))]
    return float(np.mean(scores[labels] > threshold))


def class_metrics(scores, labels):
    return {
        "roc_auc": round(roc_auc(scores, labels), 4),
        "detection_at_1pct_far": round(detection_at_far(scores, labels, 0.01), 4),
        "detection_at_5pct_far": round(detection_at_far(scores, labels, 0.05), 4),
        "positives": int(np.sum(labels)),
        "negatives": int(np.sum(~np.asarray(labels, bool))),
    }


def tensor_info(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["N" if d < 0 else d for d in shape])


def init(name, array):
    return numpy_helper.from_array(np.ascontiguousarray(array, dtype=np.float32), name)


def detector_graph(params, input_shape, goods=None, coarse=8):
    """The ONNX graph of net.py's detector (output `threats`), with the goods classifier (output `goods`) if given."""
    c = params["convs"]
    nodes, inits = [], [init("one", np.ones((1,), np.float32))]
    nodes.append(helper.make_node("Sub", ["one", "image"], ["attenuation"]))

    def conv(i, src, dst):
        k = c[i]["W"].shape[2]
        inits.extend([init(f"conv{i}_W", c[i]["W"]), init(f"conv{i}_b", c[i]["b"])])
        nodes.append(helper.make_node("Conv", [src, f"conv{i}_W", f"conv{i}_b"], [dst], kernel_shape=[k, k], pads=[k // 2] * 4))

    current = "attenuation"
    for i in range(2):
        conv(i, current, f"conv{i}")
        nodes.append(helper.make_node("Relu", [f"conv{i}"], [f"relu{i}"]))
        nodes.append(helper.make_node("MaxPool", [f"relu{i}"], [f"pool{i}"], kernel_shape=[2, 2], strides=[2, 2]))
        current = f"pool{i}"
    conv(2, current, "conv2")
    nodes.append(helper.make_node("Relu", ["conv2"], ["relu2"]))
    conv(3, "relu2", "class_map")
    nodes.append(helper.make_node("GlobalMaxPool", ["class_map"], ["class_max"]))
    nodes.append(helper.make_node("Flatten", ["class_max"], ["threat_logits"], axis=1))
    nodes.append(helper.make_node("Sigmoid", ["threat_logits"], ["threats"]))
    outputs = [tensor_info("threats", [-1, c[3]["W"].shape[0]])]
    if goods is not None:
        nodes.append(helper.make_node("GlobalAveragePool", ["relu2"], ["texture"]))
        nodes.append(helper.make_node("Flatten", ["texture"], ["texture_flat"], axis=1))
        nodes.append(helper.make_node("AveragePool", ["attenuation"], ["coarse"], kernel_shape=[coarse, coarse], strides=[coarse, coarse]))
        nodes.append(helper.make_node("Flatten", ["coarse"], ["coarse_flat"], axis=1))
        nodes.append(helper.make_node("Concat", ["texture_flat", "coarse_flat"], ["goods_features"], axis=1))
        inits += [init("goods_W1", goods["W1"]), init("goods_b1", goods["b1"]), init("goods_W2", goods["W2"]), init("goods_b2", goods["b2"])]
        nodes.append(helper.make_node("Gemm", ["goods_features", "goods_W1", "goods_b1"], ["goods_hidden_in"]))
        nodes.append(helper.make_node("Relu", ["goods_hidden_in"], ["goods_hidden"]))
        nodes.append(helper.make_node("Gemm", ["goods_hidden", "goods_W2", "goods_b2"], ["goods_logits"]))
        nodes.append(helper.make_node("Softmax", ["goods_logits"], ["goods"], axis=1))
        outputs.append(tensor_info("goods", [-1, goods["W2"].shape[1]]))
    return helper.make_graph(nodes, "porttwin", [tensor_info("image", [-1] + list(input_shape))], outputs, inits)


def objects(path, classes):
    """objects.csv as {image id: [(class index, centre x, centre y)]}, for the classes given."""
    found = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            if r["class"] in classes:
                cx = float(r["x"]) + float(r["width"]) / 2
                cy = float(r["y"]) + float(r["height"]) / 2
                found.setdefault(int(r["id"]), []).append((classes.index(r["class"]), cx, cy))
    return found


def save_model(graph, name):
    """Checks and writes models/<name>.onnx (float ops of the default domain only); returns its path."""
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="porttwin-train")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    path = MODELS / f"{name}.onnx"
    onnx.save(model, path)
    return path


def check_with_onnxruntime(path, inputs, expected, tolerance=1e-4):
    """Runs the saved model in ONNX Runtime and compares with the numpy forward pass."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = session.run(None, inputs)
    for name, g in zip([o.name for o in session.get_outputs()], got):
        err = float(np.max(np.abs(g - expected[name])))
        log(f"onnxruntime vs numpy, {name}: max abs difference {err:.2e}")
        assert err < tolerance, f"{name}: {err}"


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def record(name, entry):
    """Stores a model's manifest entry and rewrites models/manifest.ron from all entries."""
    METRICS.mkdir(exist_ok=True)
    (METRICS / f"{name}.json").write_text(json.dumps(entry, indent=2, sort_keys=True) + "\n")
    entries = {p.stem: json.loads(p.read_text()) for p in sorted(METRICS.glob("*.json"))}
    text = ["// Shipped models: written by models/train/*.py; checked by `porttwin doctor` and tests/model_metrics.rs.",
            "Manifest(", "    models: {"]
    for model, e in entries.items():
        text.append(f'        "{model}": (')
        text.append(f'            file: "{e["file"]}",')
        text.append(f'            sha256: "{e["sha256"]}",')
        for key in ("inputs", "outputs"):
            items = ", ".join(f'(name: "{t["name"]}", shape: [{", ".join(str(d) for d in t["shape"])}])' for t in e[key])
            text.append(f"            {key}: [{items}],")
        classes = ", ".join(f'"{k}": [{", ".join(chr(34) + c + chr(34) for c in v)}]' for k, v in e["classes"].items())
        text.append(f"            classes: {{{classes}}},")
        t = e["training"]
        text.append(f'            training: (script: "{t["script"]}", seed: {t["seed"]}, data_seed: {t["data_seed"]}, '
                    f'train_size: {t["train_size"]}, heldout_seed: {t["heldout_seed"]}, heldout_size: {t["heldout_size"]}),')
        text.append("            metrics: {")
        for cls, m in e["metrics"].items():
            text.append(f'                "{cls}": (roc_auc: {m["roc_auc"]}, detection_at_1pct_far: {m["detection_at_1pct_far"]}, '
                        f'detection_at_5pct_far: {m["detection_at_5pct_far"]}),')
        text.append("            },")
        summary = ", ".join(f'"{k}": {v}' for k, v in e["summary"].items())
        text.append(f"            summary: {{{summary}}},")
        if "input" in e:
            i = e["input"]
            (encoding, args), = i["encoding"].items()
            fields = ", ".join(f"{k}: {v}" for k, v in args.items())
            text.append(f'            input: Some((pixel_mm: ({i["pixel_mm"][0]}, {i["pixel_mm"][1]}), '
                        f'channels: [{", ".join(i["channels"])}], encoding: {encoding}({fields}), tiling: {i["tiling"]})),')
        text.append("        ),")
    text += ["    },", ")", ""]
    (MODELS / "manifest.ron").write_text("\n".join(text))
    log(f"wrote {MODELS / 'manifest.ron'}")


def main_guard(fn):
    try:
        fn(sys.argv[1:])
    except subprocess.CalledProcessError as e:
        sys.exit(f"porttwin failed: {e}")
