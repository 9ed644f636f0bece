#!/usr/bin/env bash
# Checks the deployment files (called by .ci/run): the Kubernetes manifests against the
# Kubernetes API schema (kubernetes-validate from PyPI, strict: unknown fields are errors),
# the shell scripts' syntax, and the image's build context. Where Docker or Podman can reach
# the base images it also builds the image (which validates a model-scoring scenario inside
# it); where not, it says so.
#   deploy/check.sh         (DEPLOY_VENV: where kubernetes-validate is installed)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${DEPLOY_VENV:-$HOME/.cache/porttwin-deploy-venv}
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "kubernetes-validate==1.37.0"
fi
"$venv/bin/kubernetes-validate" --strict "$repo"/deploy/kubernetes/*.yaml
for script in "$repo"/deploy/slurm/*.sbatch "$repo"/deploy/slurm/*.sh "$repo"/deploy/kubernetes/*.sh; do
    bash -n "$script"
done
for excluded in target/ reports/ .git/; do
    grep -qx "$excluded" "$repo/.dockerignore" || { echo ".dockerignore must exclude $excluded" >&2; exit 1; }
done
grep -q '^COPY models' "$repo/deploy/Dockerfile" || { echo "deploy/Dockerfile must ship the models" >&2; exit 1; }

engine=""
for candidate in docker podman; do
    if command -v "$candidate" >/dev/null && "$candidate" info >/dev/null 2>&1; then
        engine=$candidate
        break
    fi
done
bases=$(awk '/^FROM/ {print $2}' "$repo/deploy/Dockerfile" | tr '\n' ' ')
has_bases() {
    for base in $bases; do
        "$engine" image inspect "$base" >/dev/null 2>&1 || return 1
    done
}
if [ -n "$engine" ] && has_bases; then
    "$engine" build -f "$repo/deploy/Dockerfile" -t porttwin:check "$repo"
    echo "deploy: manifests valid, image built with $engine"
else
    echo "deploy: manifests valid; image not built (no container engine with the base images ${bases% } here)"
fi
