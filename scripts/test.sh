#!/usr/bin/env bash
# Installs what the tests need, builds, and runs every test:
#   1. the unit tests under AddressSanitizer + UndefinedBehaviorSanitizer;
#   2. everything (unit, CLI, interop against DuckDB and Polars, format check)
#      in a Debug build with warnings as errors. ctest's summary line is last.
# Slow suites (label `slow`) are left out unless STRATA_SLOW_TESTS=1.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test

jobs=$(nproc)
export CTEST_OUTPUT_ON_FAILURE=1
exclude=(-LE slow)
[[ "${STRATA_SLOW_TESTS:-0}" == 1 ]] && exclude=()

configure() {  # dir, build type, extra args...
  local dir=$1 type=$2
  shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" -DSTRATA_WERROR=ON "$@" >/dev/null
}

echo "== sanitizer build (ASan + UBSan): unit tests"
configure build/sanitize Sanitize -DSTRATA_BUILD_BENCH=OFF
cmake --build build/sanitize -j "$jobs" --target unit_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/sanitize -L unit "${exclude[@]}" -j "$jobs" --timeout 600

echo "== debug build: all tests"
configure build/debug Debug
cmake --build build/debug -j "$jobs"
ctest --test-dir build/debug "${exclude[@]}" -j "$jobs" --timeout 900
