#!/usr/bin/env bash
# Runs the W4 sweep on a Kubernetes cluster end to end: the volume, the Indexed Job of shards,
# then, only once every shard has completed, the merge Job; prints the merge's log.
#   deploy/kubernetes/run-sweep.sh            (kubectl's current context; TIMEOUT=1h by default)
# The merge refuses (exit 1) if a shard's runs are missing, so a failed shard fails the script.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
timeout=${TIMEOUT:-1h}
kubectl apply -f "$here/volume.yaml"
kubectl delete job porttwin-w4 porttwin-w4-merge --ignore-not-found
kubectl apply -f "$here/sweep-job.yaml"
if ! kubectl wait --for=condition=complete job/porttwin-w4 --timeout="$timeout"; then
    kubectl describe job porttwin-w4 >&2
    echo "the sweep Job did not complete; rerun this script (finished runs are kept: --resume)" >&2
    exit 1
fi
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/porttwin-w4-merge --timeout=10m
kubectl logs job/porttwin-w4-merge
