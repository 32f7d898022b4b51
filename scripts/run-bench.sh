#!/usr/bin/env bash
# Runs the benchmarks (bench/) at full scale — 1M persons, 10M records — beside their raw-SQLite
# baselines, and writes the result table to bench/out/results.md (docs/performance.md explains
# it). Extra arguments go to jixu_bench, e.g. `scripts/run-bench.sh build --persons 100000`.
# Needs ~6 GB free in $TMPDIR for the generated CSV and the two databases (removed afterwards).
set -euo pipefail
build_dir=${1:-build}
shift || true
cd "$(dirname "$0")/.."
cmake --build "$build_dir" --target jixu_bench
mkdir -p bench/out
"$build_dir/jixu_bench" --out bench/out/results.md "$@"
echo "results: bench/out/results.md"
