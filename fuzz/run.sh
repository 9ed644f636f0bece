#!/usr/bin/env bash
# Runs one fuzz target for SECONDS on stable Rust: libFuzzer with coverage feedback from LLVM's
# SanitizerCoverage on porttwin's code, its corpus seeded with the shipped files. A crash, a
# panic, a timeout (10 s on one input) or running out of memory (4 GiB) stops it with a
# non-zero exit and the input saved under fuzz/artifacts/TARGET/.
#   usage: fuzz/run.sh TARGET SECONDS [libFuzzer options]
#   targets: scenario_ron sweep_spec wkt geojson manifest
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=$2
shift 2
root=$(cd .. && pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/porttwin-target}"
# The root's dependency versions, so its dependency builds are reused.
cp ../Cargo.lock Cargo.lock
RUSTC_WRAPPER="$PWD/instrument.sh" cargo build --quiet --bin "$target"

seeds="$CARGO_TARGET_DIR/fuzz/seeds/$target"
corpus="$CARGO_TARGET_DIR/fuzz/corpus/$target"
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "artifacts/$target"
case "$target" in
    scenario_ron) cp "$root"/scenarios/*.ron "$root"/scenarios/bench/*.ron "$root"/scenarios/policy/*.ron "$seeds"/ ;;
    sweep_spec) cp "$root"/scenarios/sweeps/*.ron "$seeds"/ ;;
    manifest) cp "$root"/models/manifest.ron "$seeds"/ ;;
    wkt | geojson) cp "seeds/$target"/* "$seeds"/ ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
exec "$CARGO_TARGET_DIR/debug/$target" "$corpus" "$seeds" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 "$@"
