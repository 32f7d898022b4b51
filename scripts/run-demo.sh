#!/usr/bin/env bash
# `make run`: loads the demo data and the demo accounts (one per role) into a fresh SQLite
# database, prints the logins, and serves the API and web UI on http://127.0.0.1:8080 until
# Ctrl-C (a graceful stop: requests in flight are answered).
set -euo pipefail
build_dir=${1:-build}
db=${2:-jixu.db}
port=${PORT:-8080}
cd "$(dirname "$0")/.."
rm -f "$db" "$db-wal" "$db-shm"
"$build_dir/jixu" --db "$db" demo --persons 2000 --users
echo
echo "jixu serve: http://127.0.0.1:$port  (API: http://127.0.0.1:$port/api/v1/openapi.json)"
echo "登录请使用上面的演示账户 / sign in with one of the demo logins above"
exec "$build_dir/jixu" --db "$db" serve --port "$port"
