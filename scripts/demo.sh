#!/usr/bin/env bash
# Installs what is needed, builds strata (Release) and runs the main job on
# sample data it generates itself: one million rows of battery telemetry as
# CSV and as Parquet (strata's own writer), then the Parquet file's schema,
# size beside the CSV, layout, and a few rows read back. Output: out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_BENCH=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target strata >build/release-build.log ||
  { cat build/release-build.log; exit 1; }
strata=build/release/src/cli/strata

out=out/demo
rm -rf "$out"
mkdir -p "$out"
"$strata" --version
echo
echo "== 1,000,000 rows of sample battery telemetry, as CSV and as Parquet (zstd)"
"$strata" generate telemetry --rows 1000000 --seed 7 --to "$out/telemetry.csv"
"$strata" generate telemetry --rows 1000000 --seed 7 --to "$out/telemetry.parquet" \
  --row-group-rows 250000 --bloom-filter battery_id
csv_bytes=$(stat -c %s "$out/telemetry.csv")
parquet_bytes=$(stat -c %s "$out/telemetry.parquet")
echo "Parquet is $((parquet_bytes * 1000 / csv_bytes / 10)).$((parquet_bytes * 1000 / csv_bytes % 10))% of the CSV's size"
echo
echo "== schema"
"$strata" schema "$out/telemetry.parquet"
echo
echo "== layout of the first row group"
"$strata" meta "$out/telemetry.parquet" | sed -n '1,12p'
echo
echo "== re-encoded with snappy and page v2"
"$strata" convert "$out/telemetry.parquet" --to "$out/telemetry-snappy.parquet" \
  --compression snappy --data-page-version 2
echo
echo "== a few rows read back"
"$strata" cat "$out/telemetry-snappy.parquet" --columns ts,battery_id,voltage,temperature,status \
  --limit 5
