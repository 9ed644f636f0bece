#!/usr/bin/env bash
# RUSTC_WRAPPER for fuzz builds on stable Rust: adds LLVM SanitizerCoverage (what libFuzzer
# reads for its coverage feedback) to porttwin and the fuzz targets only. Dependencies are
# built exactly as for `cargo test`, so the shared target folder's builds are reused and
# never instrumented (porttwin's own fuzz build has its own profile, hence its own files).
rustc=$1
shift
instrument=false
case "${CARGO_PKG_NAME:-}" in
    porttwin | porttwin-fuzz) instrument=true ;;
esac
for arg in "$@"; do
    case "$arg" in
        build_script_*) instrument=false ;;
    esac
done
if $instrument; then
    exec "$rustc" "$@" --cfg fuzzing \
        -Cpasses=sancov-module \
        -Cllvm-args=-sanitizer-coverage-level=4 \
        -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
        -Cllvm-args=-sanitizer-coverage-pc-table \
        -Cllvm-args=-sanitizer-coverage-trace-compares
fi
exec "$rustc" "$@"
