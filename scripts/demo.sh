#!/usr/bin/env bash
# Installs what is needed, builds strata (Release) and runs the main job on
# sample data it generates itself: one million rows of battery telemetry
# exported as gzipped CSV, converted into a day-partitioned Parquet
# directory (types inferred and checked), converted again (idempotent: a
# no-op), a CSV with a bad row quarantined, rows read back, and the same
# export ingested into a Delta table (one commit, re-run skipped, history).
# Output: out/demo/.
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
echo "== 1,000,000 rows of sample battery telemetry, exported as gzipped CSV"
"$strata" generate telemetry --rows 1000000 --seed 7 --out "$out/telemetry.csv.gz"
echo
echo "== the CSV's schema, inferred (and then checked on every row)"
"$strata" convert "$out/telemetry.csv.gz" --print-schema
echo
echo "== converted into a hive-partitioned Parquet directory (zstd), one partition per day"
"$strata" convert "$out/telemetry.csv.gz" --to "$out/lake/telemetry" \
  --partition-by "day=date(ts)" --bloom-filter battery_id
find "$out/lake/telemetry" -name '*.parquet' -not -name '.*' | sort | head -5
echo
echo "== the same job again: the input was converted already, so nothing is written"
"$strata" convert "$out/telemetry.csv.gz" --to "$out/lake/telemetry" \
  --partition-by "day=date(ts)"
echo
echo "== a CSV with bad rows: they are quarantined with file, line, column and reason"
printf 'ts,battery_id,voltage\n2025-10-01T00:00:00Z,DC-01,3.31\n2025-10-01T00:00:10Z,DC-01,n/a\n2025-10-01T00:00:20Z,DC-01,3.30\n' \
  >"$out/readings.csv"
"$strata" convert "$out/readings.csv" --to "$out/readings.parquet" --sample 1 \
  --on-error quarantine
cat "$out/readings.parquet.rejected.csv"
echo
first=$(find "$out/lake/telemetry" -name '*.parquet' -not -name '.*' | sort | head -1)
echo "== a few rows read back from $first"
"$strata" cat "$first" --columns ts,battery_id,voltage,temperature,status --limit 5
echo
echo "== the export ingested into a Delta table, partitioned by site: one atomic commit"
"$strata" ingest "$out/lake/telemetry_delta" "$out/telemetry.csv.gz" --partition-by site \
  --app-id demo --app-version 1
echo
echo "== the same run again: application 'demo' already committed version 1, nothing is written"
"$strata" ingest "$out/lake/telemetry_delta" "$out/telemetry.csv.gz" --app-id demo --app-version 1
"$strata" history "$out/lake/telemetry_delta"
echo
echo "== read back: files whose partition value or statistics rule the filter out are skipped"
"$strata" cat "$out/lake/telemetry_delta" --columns ts,battery_id,voltage --explain \
  --where "site = 'DC-CNX-01' AND voltage >= 13.0 AND ts < '2025-10-01 02:00:00'"
