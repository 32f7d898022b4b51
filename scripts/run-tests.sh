#!/usr/bin/env bash
# Runs every test: the unit, storage-contract, CLI and rule-case suites through CTest, against
# SQLite and, when a PostgreSQL server can be started here, against PostgreSQL too.
set -euo pipefail
build_dir=${1:-build}
cd "$(dirname "$0")/.."
# PostgreSQL: a private throw-away cluster for this run (scripts/pg-test-cluster.sh), stopped and
# removed on exit. A caller that already has a server sets JIXU_TEST_DATABASE_URL itself;
# JIXU_TEST_POSTGRES=0 runs SQLite only (the postgresql tests then report SKIPPED).
if [ -z "${JIXU_TEST_DATABASE_URL:-}" ] && [ "${JIXU_TEST_POSTGRES:-1}" != 0 ]; then
  pg_dir=$(mktemp -d /tmp/jixu-pg-test.XXXXXX)
  trap 'scripts/pg-test-cluster.sh stop "$pg_dir"' EXIT
  JIXU_TEST_DATABASE_URL=$(scripts/pg-test-cluster.sh start "$pg_dir")
  export JIXU_TEST_DATABASE_URL
fi
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
# Crash proofs (tests/stress/crash_stress.py, docs/security.md#crash-proofs), CI-sized: SIGKILL at
# random moments of imports and concurrent writes, on SQLite (and a full disk, which needs root
# for its tmpfs) and on a durable PostgreSQL cluster of its own (the server, the database or both
# killed). JIXU_TEST_STRESS=0 skips them.
if [ "${JIXU_TEST_STRESS:-1}" != 0 ]; then
  # The disk-full check mounts a small tmpfs: root, and a machine (not a container) that allows
  # mounts. Where it cannot, it says so; the SQLITE_FULL → 507 path is still covered by
  # SqliteStore.AFullDiskIsStorageFullAndTheTransactionLeavesNothing and Guard.*.
  disk_full=""
  probe=$(mktemp -d)
  if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m tmpfs "$probe" 2>/dev/null; then
    umount "$probe"; disk_full=--disk-full
  else
    echo "crash_stress: --disk-full needs root and permission to mount a tmpfs; not run here"
  fi
  rmdir "$probe"
  python3 tests/stress/crash_stress.py --build "$build_dir" --backend sqlite --rounds 6 $disk_full
  if [ "${JIXU_TEST_POSTGRES:-1}" != 0 ]; then
    python3 tests/stress/crash_stress.py --build "$build_dir" --backend postgres --rounds 6
  fi
fi
# The fuzz harnesses (tests/fuzz/): their own clang tree (build-fuzz), each harness's seeds and
# then FUZZ_SECONDS (10 here) of mutation, so a crash on a seed or one found quickly fails the
# run. JIXU_TEST_FUZZ=0 skips them.
if [ "${JIXU_TEST_FUZZ:-1}" != 0 ]; then
  FUZZ_SECONDS=${FUZZ_SECONDS:-10} scripts/fuzz.sh
fi
# The web UI: Vitest for its own logic, then the browser flows (Debian's Chromium driven by
# playwright-core) against a real `jixu serve` with a fresh demo database; screenshots land in
# web/test-artifacts/. `make build` has already run `npm ci && npm run build` in web/.
# The web UI's generated API types (web/src/api/schema.d.ts) must be what the OpenAPI document
# of this build generates (docs/api.md#openapi).
node web/scripts/api-types.mjs --check "$build_dir/jixu"
(cd web && npx vitest run)
node web/tests/e2e/run.mjs "$build_dir"
