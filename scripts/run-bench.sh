#!/usr/bin/env bash
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
echo "benchmarks not yet built"
