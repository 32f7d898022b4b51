#!/usr/bin/env bash
# Runs every test: the unit, storage-contract, CLI and rule-case suites through CTest, against
# SQLite and, when a PostgreSQL server can be started here, against PostgreSQL too.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
