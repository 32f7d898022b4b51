#!/usr/bin/env bash
# HTTP benchmarks of `jixu serve` with wrk on this machine (load generator and server share the
# cores): /healthz, GET one person's compliance and POST a learning record, 64 keep-alive
# connections each; /healthz latency while eight clients sign in with wrong passwords at the
# production Argon2 cost; then RSS sampled over a 2-minute GET run. Writes bench/out/http.md
# (docs/performance.md). JIXU_BENCH_SERVE_FLAGS adds options to `jixu serve`.
# Usage: bench/http/run-http-bench.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
build_dir=${1:-build}
seconds=${2:-30}
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/jixu-http-bench.XXXXXX)
out=bench/out/http.md
mkdir -p bench/out
"$build_dir/jixu" --db "$work/b.db" demo --persons 20000 --users >/dev/null 2>&1
# shellcheck disable=SC2086
"$build_dir/jixu" --db "$work/b.db" serve --port 0 ${JIXU_BENCH_SERVE_FLAGS:-} >"$work/serve.out" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
until grep -q listening "$work/serve.out" 2>/dev/null; do sleep 0.1; done
port=$(grep -o '[0-9]*$' "$work/serve.out")
base=http://127.0.0.1:$port
token=$(curl -s -XPOST "$base/api/v1/auth/login" -d '{"username":"person1","password":"jixu-person1-2026"}' |
  python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
person=$(curl -s "$base/api/v1/auth/me" -H "Authorization: Bearer $token" |
  python3 -c 'import sys,json; print(json.load(sys.stdin)["person_id"])')
rss() { awk '/VmRSS/ {print $2}' /proc/$server/status; }
{
  echo "# jixu serve HTTP benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c64, ${seconds}s)"
  echo
  echo '## GET /healthz (the same server, for comparison)'
  echo '```'
  wrk -t2 -c64 -d"${seconds}s" --latency "$base/healthz"
  echo '```'
  echo
  echo '## GET /api/v1/persons/{id}/compliance?year=2026'
  echo '```'
  wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" \
    "$base/api/v1/persons/$person/compliance?year=2026"
  echo '```'
  echo
  echo '## POST /api/v1/records (durable: SQLite synchronous=FULL, group commit)'
  echo '```'
  JIXU_TOKEN=$token wrk -t2 -c64 -d"${seconds}s" --latency -s bench/http/post_record.lua "$base/api/v1/records"
  echo '```'
  echo
  echo '## GET /healthz (1 connection) while 8 clients sign in with wrong passwords (Argon2id 3 ops, 32 MiB)'
  echo '```'
  wrk -t2 -c8 -d15s -s bench/http/login_storm.lua "$base/api/v1/auth/login" >"$work/storm.txt" &
  storm=$!
  sleep 3
  wrk -t1 -c1 -d10s --latency "$base/healthz"
  wait $storm || true
  echo "login storm:"
  cat "$work/storm.txt"
  echo '```'
  echo
  echo '## Memory over a 2-minute GET run (RSS, kB, every 10 s)'
  echo '```'
  wrk -t2 -c64 -d120s -H "Authorization: Bearer $token" \
    "$base/api/v1/persons/$person/compliance?year=2026" >/dev/null &
  load=$!
  for i in $(seq 0 12); do echo "t=$((i * 10))s rss=$(rss)"; sleep 10; done
  wait $load || true
  echo '```'
} | tee "$out"
echo "results: $out"
