#!/usr/bin/env bash
# A private, throw-away PostgreSQL 15 cluster for the tests and benchmarks.
#
#   scripts/pg-test-cluster.sh start [DIR] [--durable]   initdb + start; prints the admin URL
#   scripts/pg-test-cluster.sh url   [DIR]               prints the admin URL of a running cluster
#   scripts/pg-test-cluster.sh stop  [DIR]               stops the cluster and removes DIR
#   scripts/pg-test-cluster.sh restart [DIR]             starts a stopped (or killed) cluster of DIR
#                                                        again, same options (crash recovery runs)
#   scripts/pg-test-cluster.sh pid   [DIR]               prints the postmaster's process id
#
# DIR defaults to $JIXU_PG_TEST_DIR or /tmp/jixu-pg-test; scripts/run-tests.sh passes a fresh
# mktemp folder so concurrent `make test` runs never share a cluster.
#
# The cluster listens on 127.0.0.1 only, on a free port, with its unix socket inside DIR, and trusts
# local connections (it holds nothing but test data and lives for one run). initdb refuses to run as
# root, so under root (CI) DIR is handed to the `postgres` system user and every server command runs
# through `runuser -u postgres`.
#
# Durability: by default fsync, synchronous_commit and full_page_writes are OFF. That is fine for
# the unit and contract tests (they never survive a machine crash) and makes CREATE DATABASE per test
# cheap. Benchmarks and any crash/durability test must start with --durable, which keeps the
# PostgreSQL defaults (fsync on, synchronous commit on).
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
cmd=${1:-}
shift || true
dir=${JIXU_PG_TEST_DIR:-/tmp/jixu-pg-test}
durable=0
for arg in "$@"; do
  case "$arg" in
    --durable) durable=1 ;;
    *) dir=$arg ;;
  esac
done

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url_of() {
  local port
  port=$(cat "$dir/port" 2>/dev/null) || { echo "no cluster in $dir" >&2; return 1; }
  echo "postgresql://postgres@127.0.0.1:${port}/postgres"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! port_in_use "$port"; then echo "$port"; return 0; fi
  done
  echo "no free port found" >&2
  return 1
}

start() {
  if [ -f "$dir/port" ] && as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    url_of
    return
  fi
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  local port opts
  port=$(free_port)
  opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir"
  opts+=" -c max_connections=300 -c shared_buffers=512MB -c max_wal_size=8GB -c work_mem=64MB"
  opts+=" -c maintenance_work_mem=512MB -c checkpoint_timeout=30min"
  if [ "$durable" = 0 ]; then
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  echo "$opts" | as_owner tee "$dir/opts" >/dev/null
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 start \
    >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "$port" | as_owner tee "$dir/port" >/dev/null
  url_of
}

# After a crash (tests/stress/ kills every process of the cluster with SIGKILL): the same data
# directory, port and options; PostgreSQL replays its WAL before it accepts connections.
restart() {
  [ -f "$dir/opts" ] || { echo "no cluster in $dir" >&2; exit 1; }
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$(cat "$dir/opts")" -w -t 120 \
    start >/dev/null || { tail -20 "$dir/server.log" >&2; exit 1; }
  url_of
}

stop() {
  if [ -d "$dir/data" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  url) url_of ;;
  stop) stop ;;
  restart) restart ;;
  pid) head -1 "$dir/data/postmaster.pid" ;;
  *) echo "usage: $0 start|url|stop|restart|pid [DIR] [--durable]" >&2; exit 2 ;;
esac
