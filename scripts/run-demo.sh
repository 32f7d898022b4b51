#!/usr/bin/env bash
# `make run`: loads the demo data into a fresh SQLite database and shows the compliance summary.
set -euo pipefail
build_dir=${1:-build}
db=${2:-jixu.db}
cd "$(dirname "$0")/.."
rm -f "$db" "$db-wal" "$db-shm"
"$build_dir/jixu" --db "$db" demo --persons 2000
"$build_dir/jixu" --db "$db" compliance --year "$(date +%Y)" --summary
