"""Trains declaration_risk.onnx: probability that a declaration is fraudulent or hides contraband.

One command, from the repository root:
    python models/train/train_risk.py
Data comes from `porttwin dataset declarations` (features a customs system has, and the
generator's hidden truth). A scikit-learn MLP is trained on standardised features; the
standardisation is folded into the first layer and the graph is written by hand
(Gemm, Relu, Sigmoid), so both backends run it.
"""

import argparse

import numpy as np
from onnx import helper
from sklearn.neural_network import MLPClassifier

import common


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-size", type=int, default=200000)
    parser.add_argument("--heldout-size", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-seed", type=int, default=121)
    parser.add_argument("--heldout-seed", type=int, default=222)
    parser.add_argument("--work", default="/tmp/porttwin-train")
    args = parser.parse_args(argv)

    x, rows = common.dataset("declarations", args.train_size, args.data_seed, args.work)
    hx, hrows = common.dataset("declarations", args.heldout_size, args.heldout_seed, args.work)
    y = np.array([int(r["risky"]) for r in rows])
    hy = np.array([int(r["risky"]) for r in hrows]) > 0
    mean, std = x.mean(0), x.std(0) + 1e-6
    mlp = MLPClassifier(hidden_layer_sizes=(32,), alpha=1e-3, max_iter=60, early_stopping=True, random_state=args.seed)
    mlp.fit((x - mean) / std, y)
    w1, w2 = mlp.coefs_
    b1, b2 = mlp.intercepts_
    w1_folded = w1 / std[:, None]
    b1_folded = b1 - (mean / std) @ w1

    def forward(f):
        h = np.maximum(0, f @ w1_folded + b1_folded)
        return 1.0 / (1.0 + np.exp(-(h @ w2 + b2)))

    scores = forward(hx)[:, 0]
    metrics = {"risky": common.class_metrics(scores, hy)}
    top = np.argsort(-scores, kind="mergesort")[: int(0.05 * len(scores))]
    lift = float(hy[top].mean() / hy.mean())
    summary = {"base_rate": round(float(hy.mean()), 4), "precision_top_5pct": round(float(hy[top].mean()), 4),
               "lift_top_5pct": round(lift, 3)}
    common.log(f"risk: AUC {metrics['risky']['roc_auc']:.4f}, base rate {summary['base_rate']:.4f}, "
               f"precision in top 5% {summary['precision_top_5pct']:.4f} ({lift:.2f}x)")

    features = x.shape[1]
    nodes = [
        helper.make_node("Gemm", ["features", "W1", "b1"], ["hidden_in"]),
        helper.make_node("Relu", ["hidden_in"], ["hidden"]),
        helper.make_node("Gemm", ["hidden", "W2", "b2"], ["logit"]),
        helper.make_node("Sigmoid", ["logit"], ["risk"]),
    ]
    inits = [common.init("W1", w1_folded), common.init("b1", b1_folded), common.init("W2", w2), common.init("b2", b2)]
    graph = helper.make_graph(nodes, "porttwin_risk", [common.tensor_info("features", [-1, features])],
                              [common.tensor_info("risk", [-1, 1])], inits)
    path = common.save_model(graph, "declaration_risk")
    common.check_with_onnxruntime(path, {"features": hx[:64].astype(np.float32)}, {"risk": forward(hx[:64])})
    common.record("declaration_risk", {
        "file": "declaration_risk.onnx",
        "sha256": common.sha256(path),
        "inputs": [{"name": "features", "shape": [-1, features]}],
        "outputs": [{"name": "risk", "shape": [-1, 1]}],
        "classes": {"risk": ["risky"]},
        "training": {"script": "models/train/train_risk.py", "seed": args.seed, "data_seed": args.data_seed,
                     "train_size": args.train_size, "heldout_seed": args.heldout_seed, "heldout_size": args.heldout_size},
        "metrics": metrics,
        "summary": summary,
    })


if __name__ == "__main__":
    common.main_guard(main)
