#!/usr/bin/env bash
# Runs the benchmarks at full scale beside their raw baselines measured in the same run.
#
#   scripts/run-bench.sh [BUILD_DIR] [ARGS…]              SQLite (bench/): 1M persons, 10M records
#                                                         → bench/out/results.md
#   scripts/run-bench.sh [BUILD_DIR] --postgres [ARGS…]   PostgreSQL (bench/postgres): starts a
#                                                         private durable cluster, runs
#                                                         jixu_pg_bench, stops and removes it
#                                                         → bench/out/postgres-results.md
#
# docs/performance.md explains both. Extra arguments go to the benchmark program, e.g.
# `scripts/run-bench.sh build --persons 100000` or `scripts/run-bench.sh build --postgres
# --persons 100000` for a quick run. With --postgres and JIXU_BENCH_DATABASE_URL set (an admin URL)
# that server is used instead of a private cluster. SQLite needs ~6 GB free in $TMPDIR for the
# generated CSV and the two databases; PostgreSQL ~5 GB in /tmp for the cluster (both removed
# afterwards).
set -euo pipefail
build_dir=build
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  build_dir=$1
  shift
fi
postgres=0
args=()
for a in "$@"; do
  if [ "$a" = --postgres ]; then postgres=1; else args+=("$a"); fi
done
cd "$(dirname "$0")/.."
mkdir -p bench/out

if [ "$postgres" = 0 ]; then
  cmake --build "$build_dir" --target jixu_bench
  "$build_dir/jixu_bench" --out bench/out/results.md ${args[@]+"${args[@]}"}
  echo "results: bench/out/results.md"
  exit 0
fi

cmake --build "$build_dir" --target jixu_pg_bench
url=${JIXU_BENCH_DATABASE_URL:-}
if [ -z "$url" ]; then
  # Durable: benchmarks measure commits with fsync and synchronous_commit on (the defaults).
  pg_dir=$(mktemp -d /tmp/jixu-pg-bench.XXXXXX)
  trap 'scripts/pg-test-cluster.sh stop "$pg_dir"' EXIT
  url=$(scripts/pg-test-cluster.sh start "$pg_dir" --durable)
fi
out=bench/out/postgres-results.md
{
  echo "# jixu_pg_bench $(date -u +%Y-%m-%dT%H:%MZ) ${args[*]+${args[*]}}"
  echo
} >"$out"
"$build_dir/bench/postgres/jixu_pg_bench" --url "$url" ${args[@]+"${args[@]}"} | tee -a "$out"
echo "results: $out"
