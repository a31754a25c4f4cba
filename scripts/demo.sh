#!/usr/bin/env bash
# Installs what is needed, builds strata (Release) and runs the main job on
# sample data it generates itself. Output goes to out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_BENCH=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target strata
strata=build/release/src/cli/strata

out=out/demo
rm -rf "$out"
mkdir -p "$out"
"$strata" --version
echo
echo "== generating 1,000,000 rows of sample battery telemetry"
"$strata" generate telemetry --rows 1000000 --seed 7 --to "$out/telemetry.csv" --preview 5
"$strata" generate telemetry --rows 1000000 --seed 7 --format jsonl --to "$out/telemetry.jsonl"
echo
ls -l "$out"
