#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/) in their own clang tree and runs each for a
# bounded time: its committed seeds first, then FUZZ_SECONDS (default 60) of mutation. Any crash,
# sanitizer report, timeout or memory blow-up fails the script and leaves the input in
# $FUZZ_ARTIFACTS (default build-fuzz/artifacts) for a regression seed.
#   scripts/fuzz.sh [harness...]        (`make fuzz`; scripts/run-tests.sh runs it with 10 s)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
seconds=${FUZZ_SECONDS:-60}
artifacts=${FUZZ_ARTIFACTS:-$build_dir/artifacts}
cc=${FUZZ_CC:-clang-14}
cxx=${FUZZ_CXX:-clang++-14}

if [ ! -f "$build_dir/build.ninja" ]; then
  CC=$cc CXX=$cxx cmake -S . -B "$build_dir" -G Ninja -DJIXU_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build_dir" --target jixu_fuzzers -j "${FUZZ_JOBS:-$(nproc)}"

if [ $# -gt 0 ]; then harnesses=("$@"); else mapfile -t harnesses < "$build_dir/fuzzers.txt"; fi
mkdir -p "$artifacts"
status=0
for name in "${harnesses[@]}"; do
  [ -n "$name" ] || continue
  seeds=tests/fuzz/corpus/$name
  work=$(mktemp -d "/tmp/jixu-fuzz-$name.XXXXXX")  # new inputs land here, not in the seeds
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$artifacts/$name-")
  [ -f "tests/fuzz/$name.dict" ] && args+=(-dict="tests/fuzz/$name.dict")
  echo "== fuzz_$name: seeds $(ls "$seeds" 2>/dev/null | wc -l), ${seconds}s"
  if ! "$build_dir/fuzz_$name" "${args[@]}" "$work" "$seeds" > "$build_dir/fuzz_$name.log" 2>&1; then
    echo "fuzz_$name FAILED: $build_dir/fuzz_$name.log, input in $artifacts/"
    tail -n 40 "$build_dir/fuzz_$name.log"
    status=1
  else
    grep -E "stat::number_of_executed_runs|cov: " "$build_dir/fuzz_$name.log" | tail -n 2
  fi
  rm -rf "$work"
done
exit $status
