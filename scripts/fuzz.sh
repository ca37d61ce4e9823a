#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each for a set
# time, two at a time, printing executions per second and any finding. Findings (crashing
# inputs) go to build-fuzz/findings/<target>/; turn each into a regression test.
#
# Usage: sh scripts/fuzz.sh [SECONDS_PER_TARGET=600] [TARGET ...]   (targets: towers targets candidates profile landcover_classes measurements)
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"towers targets candidates profile landcover_classes measurements"}
sh scripts/install-deps.sh
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPHUSONG_BUILD_FUZZERS=ON -DPHUSONG_SANITIZE=address,undefined -DPHUSONG_BUILD_TESTS=OFF -DPHUSONG_BUILD_BENCH=OFF >/dev/null
for t in $targets; do cmake --build build-fuzz -j "$(nproc)" --target "${t}_fuzzer" >/dev/null; done

run() {
    t=$1
    mkdir -p "build-fuzz/corpus/$t" "build-fuzz/findings/$t"
    # The working corpus grows in build-fuzz/; the committed seeds are only read.
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "build-fuzz/bin/${t}_fuzzer" -max_total_time="$seconds" -max_len=4096 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="build-fuzz/findings/$t/" \
        "build-fuzz/corpus/$t" "tests/fuzz/corpus/$t" >"build-fuzz/$t.log" 2>&1 || true
}
set -- $targets
while [ $# -gt 0 ]; do
    run "$1" &
    if [ $# -gt 1 ]; then run "$2" & shift; fi
    shift
    wait
done

status=0
for t in $targets; do
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build-fuzz/$t.log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "build-fuzz/$t.log" | tail -1)
    found=$(find "build-fuzz/findings/$t" -type f | wc -l)
    echo "$t: ${runs:-?} executions in ${seconds} s (${rate:-?}/s), $found finding(s)"
    [ "$found" -eq 0 ] || status=1
done
exit $status
